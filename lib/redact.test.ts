import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets } from './redact.ts';

describe('redactSecrets', () => {
  it('replaces the token, its URL encoding and the Basic credentials', () => {
    const basic = Buffer.from('client-key-1:tok/en+1').toString('base64');
    const text = `token tok/en+1 url tok%2Fen%2B1 header Basic ${basic}`;
    expect(redactSecrets(text, ['client-key-1', 'tok/en+1'])).toBe(
      `token ${REDACTED} url ${REDACTED} header Basic ${REDACTED}`,
    );
  });

  it('leaves text without secrets as it is and ignores missing secrets', () => {
    expect(redactSecrets('nothing here', [undefined, ''])).toBe('nothing here');
  });
});
