// A team's own pact files (occ verify --pact-dir / --pact): found, read and refused before any request when they
// are not Pact files of this API. Read without loading Pact itself, as pact-interactions.ts is.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type ApiVersion, apiVersionOfPath } from '../../contracts/index.ts';
import type { PactDocument, PactInteraction } from './pact-interactions.ts';

/** A pact file a team wrote, read and checked: its interactions with the API version each one hits. */
export interface OwnPact {
  readonly file: string;
  /** The Pact specification's major version. */
  readonly specification: 2 | 3 | 4;
  readonly consumer: string;
  readonly provider: string;
  readonly document: PactDocument;
  readonly interactions: ReadonlyArray<{
    readonly apiVersion: ApiVersion;
    readonly interaction: PactInteraction;
  }>;
}

/** The interactions a V4 pact may hold that are HTTP; message and plugin interactions have no request to send. */
const HTTP_TYPE = 'Synchronous/HTTP';
/** How many offending paths a refusal quotes. */
const QUOTED = 3;

function specificationOf(document: Record<string, unknown>): string | undefined {
  const metadata = document.metadata as Record<string, { version?: unknown } | unknown> | undefined;
  const named = (metadata?.pactSpecification ?? metadata?.['pact-specification']) as
    | { version?: unknown }
    | undefined;
  const version = named?.version ?? metadata?.pactSpecificationVersion;
  return typeof version === 'string' ? version : undefined;
}

function nameOf(party: unknown): string | undefined {
  const name = (party as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' && name.trim() !== '' ? name : undefined;
}

/** Reads one pact file, or says what makes it one occ cannot verify. */
export function readOwnPact(file: string): { readonly pact?: OwnPact; readonly problem?: string } {
  const refuse = (why: string) => ({ problem: `--pact: received "${file}", ${why}` });
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return refuse(`a file occ cannot read (${code}). Pass the path of a pact file (.json).`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return refuse(
      `which is not JSON (${error instanceof Error ? error.message : String(error)}). Pass a pact file.`,
    );
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    return refuse('a JSON value that is not a pact (an object with consumer, provider and interactions).');
  const document = data as Record<string, unknown>;
  const spec = specificationOf(document);
  const major = Number(spec?.split('.')[0]);
  if (major !== 2 && major !== 3 && major !== 4)
    return refuse(
      `a pact of specification ${spec === undefined ? '(none in metadata.pactSpecification.version)' : `"${spec}"`}; occ verifies Pact V2, V3 and V4 files.`,
    );
  const consumer = nameOf(document.consumer);
  const provider = nameOf(document.provider);
  if (consumer === undefined || provider === undefined)
    return refuse('a pact without consumer.name or provider.name. Write the pact with a Pact library.');
  const interactions = document.interactions;
  if (!Array.isArray(interactions) || interactions.length === 0)
    return refuse('a pact without HTTP interactions (message pacts are not verified by occ).');
  const read: Array<{ apiVersion: ApiVersion; interaction: PactInteraction }> = [];
  const elsewhere: string[] = [];
  for (const item of interactions as PactInteraction[]) {
    const type = (item as { type?: unknown }).type;
    if (type !== undefined && type !== HTTP_TYPE)
      return refuse(
        `a pact with a "${String(type)}" interaction ("${item.description}"); occ verifies HTTP ones.`,
      );
    if (typeof item?.request?.method !== 'string' || typeof item.request.path !== 'string')
      return refuse(
        `a pact whose interaction "${String(item?.description)}" has no request method and path.`,
      );
    const apiVersion = apiVersionOfPath(item.request.path);
    if (apiVersion === undefined) elsewhere.push(`${item.request.method} ${item.request.path}`);
    else read.push({ apiVersion, interaction: item });
  }
  if (elsewhere.length > 0)
    return refuse(
      `a pact of provider "${provider}" whose interactions hit neither /v2.1/… nor /v2/… of the Order contact API: found ${elsewhere.slice(0, QUOTED).join(', ')}${elsewhere.length > QUOTED ? ` and ${elsewhere.length - QUOTED} more` : ''}. Pass the pacts of this API only.`,
    );
  return {
    pact: {
      file,
      specification: major,
      consumer,
      provider,
      document: data as PactDocument,
      interactions: read,
    },
  };
}

/** The pact files (*.json) of the folders, sorted, and the files given, each once; or what is wrong with a folder. */
export function ownPactFiles(
  dirs: readonly string[],
  files: readonly string[],
): { readonly files: string[]; readonly problems: string[] } {
  const found: string[] = [];
  const problems: string[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      if (!statSync(dir).isDirectory()) {
        problems.push(
          `--pact-dir: received "${dir}", which is a file. Pass a folder of pact files, or --pact ${dir}.`,
        );
        continue;
      }
      names = readdirSync(dir)
        .filter((name) => name.endsWith('.json'))
        .sort();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      problems.push(
        `--pact-dir: received "${dir}", a folder occ cannot read (${code}). Pass a folder of pact files.`,
      );
      continue;
    }
    if (names.length === 0)
      problems.push(
        `--pact-dir: received "${dir}", a folder without a .json file. Pass the folder the pacts are written to.`,
      );
    found.push(...names.map((name) => join(dir, name)));
  }
  found.push(...files);
  return { files: [...new Set(found)], problems };
}

/** Every pact of the folders and files, read; the problems of all of them at once. */
export function readOwnPacts(
  dirs: readonly string[],
  files: readonly string[],
): { readonly pacts: OwnPact[]; readonly problems: string[] } {
  const listed = ownPactFiles(dirs, files);
  const pacts: OwnPact[] = [];
  const problems = [...listed.problems];
  for (const file of listed.files) {
    const { pact, problem } = readOwnPact(file);
    if (pact) pacts.push(pact);
    if (problem) problems.push(problem);
  }
  return { pacts, problems };
}
