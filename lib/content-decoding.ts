import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate, inflateRaw } from 'node:zlib';

/** The content codings the client asks for and decodes (sent as Accept-Encoding). */
export const ACCEPTED_ENCODINGS = 'gzip, deflate, br';

type Decoder = (input: Buffer, options: { maxOutputLength: number }) => Promise<Buffer>;

const gunzipAsync = promisify(gunzip) as Decoder;
const inflateAsync = promisify(inflate) as Decoder;
const inflateRawAsync = promisify(inflateRaw) as Decoder;
const brotliAsync = promisify(brotliDecompress) as Decoder;

/** A body whose Content-Encoding could not be undone (unknown coding, corrupt data, or decoded past the limit). */
export class ContentDecodingError extends Error {
  override readonly name = 'ContentDecodingError';
  constructor(
    message: string,
    readonly code: 'DECODE' | 'TOO_LARGE',
    options?: { cause: unknown },
  ) {
    super(message, options);
  }
}

/** The codings of a Content-Encoding header in the order they were applied; 'identity' and blanks dropped. */
export function contentCodings(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
}

// "deflate" means zlib-wrapped data (RFC 9110 8.4.1.2), but servers have long sent raw deflate under that name, as
// browsers accept; the two-byte zlib header tells them apart.
function isZlibWrapped(data: Buffer): boolean {
  const [cmf, flg] = [data[0], data[1]];
  return cmf !== undefined && flg !== undefined && (cmf & 0x0f) === 8 && ((cmf << 8) | flg) % 31 === 0;
}

function decoderFor(coding: string, data: Buffer): Decoder | undefined {
  if (coding === 'gzip' || coding === 'x-gzip') return gunzipAsync;
  if (coding === 'br') return brotliAsync;
  if (coding === 'deflate') return isZlibWrapped(data) ? inflateAsync : inflateRawAsync;
  return undefined;
}

/**
 * Undoes a response's Content-Encoding, never producing more than `maxBytes` (a small gzip can inflate to
 * gigabytes). An empty body stays empty whatever its header says (a 204 or a HEAD may carry the header).
 *
 * @example const { body, encoding } = await decodeContent(raw, headers['content-encoding'], 8 * 1024 * 1024);
 */
export async function decodeContent(
  raw: Buffer,
  header: string | undefined,
  maxBytes: number,
): Promise<{ readonly body: Buffer; readonly encoding?: string }> {
  const codings = contentCodings(header);
  if (codings.length === 0 || raw.length === 0) return { body: raw };
  let data = raw;
  // Codings are listed in the order they were applied, so they are undone from the last.
  for (const coding of [...codings].reverse()) {
    const decode = decoderFor(coding, data);
    if (!decode)
      throw new ContentDecodingError(
        `the body has Content-Encoding "${header}", and "${coding}" is not one the client asked for (${ACCEPTED_ENCODINGS})`,
        'DECODE',
      );
    try {
      data = await decode(data, { maxOutputLength: maxBytes });
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE')
        throw new ContentDecodingError(
          `the ${coding}-decoded body exceeded the limit of ${maxBytes} bytes`,
          'TOO_LARGE',
          { cause: error },
        );
      const detail = error instanceof Error ? error.message : String(error);
      throw new ContentDecodingError(
        `the body has Content-Encoding "${header}" but does not decode as ${coding}: ${detail}`,
        'DECODE',
        { cause: error },
      );
    }
  }
  return { body: data, encoding: codings.join(', ') };
}
