import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ContentDecodingError, contentCodings, decodeContent } from './content-decoding.ts';

describe('decodeContent', () => {
  it('reads the codings in the order applied, without identity', () => {
    expect(contentCodings(' GZIP , identity,br')).toEqual(['gzip', 'br']);
    expect(contentCodings(undefined)).toEqual([]);
  });

  it('leaves an empty body empty whatever its header says', async () => {
    expect(await decodeContent(Buffer.alloc(0), 'gzip', 10)).toEqual({ body: Buffer.alloc(0) });
  });

  it('rejects corrupt data with a DECODE error', async () => {
    await expect(decodeContent(Buffer.from('{"a":1}'), 'gzip', 1024)).rejects.toMatchObject({
      name: 'ContentDecodingError',
      code: 'DECODE',
    });
  });

  it('rejects a body that decodes past the limit with TOO_LARGE', async () => {
    const error = await decodeContent(gzipSync(Buffer.alloc(10_000)), 'gzip', 1_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentDecodingError);
    expect((error as ContentDecodingError).code).toBe('TOO_LARGE');
  });
});
