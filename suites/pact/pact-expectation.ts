// One pact interaction, of whichever Pact specification, as the contract cross-check reads it.
import type { PactExpectation } from '../../checks/pact-contract.ts';
import type { ApiVersion } from '../../contracts/index.ts';
import type { PactBody, PactHeaders, PactInteraction } from './pact-interactions.ts';

function headersOf(headers: PactHeaders | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers ?? {}).map(([name, value]) => [
      name.toLowerCase(),
      typeof value === 'string' ? value : value.join(', '),
    ]),
  );
}

function isV4Body(body: PactBody): body is { content?: unknown; contentType?: string; encoded?: unknown } {
  return body !== null && typeof body === 'object' && !Array.isArray(body) && 'content' in body;
}

/** The body as the API would see it: JSON parsed, base64 decoded; undefined when the interaction has none. */
function bodyOf(body: PactBody, specification: 2 | 3 | 4): unknown {
  if (body === undefined) return undefined;
  if (specification < 4 || !isV4Body(body)) return body;
  const { content, contentType, encoded } = body;
  if (content === undefined) return undefined;
  if (typeof content !== 'string' || encoded === false || encoded === undefined) return content;
  const text = Buffer.from(content, 'base64').toString('utf8');
  if (!/json/i.test(contentType ?? '')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The interaction's request and expected response, normalised for the cross-check. */
export function expectationOf(
  interaction: PactInteraction,
  apiVersion: ApiVersion,
  specification: 2 | 3 | 4,
): PactExpectation {
  const requestBody = bodyOf(interaction.request.body, specification);
  const responseBody = bodyOf(interaction.response?.body, specification);
  return {
    apiVersion,
    method: interaction.request.method.toUpperCase(),
    path: interaction.request.path.split('?')[0] ?? interaction.request.path,
    headers: headersOf(interaction.request.headers),
    ...(requestBody !== undefined ? { body: requestBody } : {}),
    response: {
      status: interaction.response?.status ?? 200,
      headers: headersOf(interaction.response?.headers),
      ...(responseBody !== undefined ? { body: responseBody } : {}),
    },
  };
}
