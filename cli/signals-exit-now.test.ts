import { describe, expect, it } from 'vitest';
import { exitNowMessage } from './signals.ts';

const WHERE = {
  baseUrl: 'https://user:secret@cdp.example.com/',
  ledgerPath: '.occ/ledger/run-1.ndjson',
  ledgerDir: '.occ/ledger',
  embeddedMock: false,
};

describe('exitNowMessage', () => {
  it('names what stays, the ledger and the cleanup command, without userinfo', () => {
    const line = exitNowMessage('SIGTERM', WHERE, () => '1 order and 2 contacts');
    expect(line).toBe(
      'SIGTERM again: exiting now; 1 order and 2 contacts stay on the target, listed in .occ/ledger/run-1.ndjson: run occ cleanup --base-url https://cdp.example.com to delete them',
    );
    expect(line).not.toContain('secret');
  });

  it('says so when the ledger lists nothing, the target was not ready, or the mock is embedded', () => {
    expect(exitNowMessage('SIGINT', WHERE, () => undefined)).toBe(
      'SIGINT again: exiting now; .occ/ledger/run-1.ndjson lists nothing left on the target',
    );
    expect(exitNowMessage('SIGINT', { ...WHERE, ledgerPath: undefined }, () => 'x')).toContain(
      'before the target was ready; anything it created is listed in a ledger in .occ/ledger',
    );
    expect(exitNowMessage('SIGINT', { ...WHERE, embeddedMock: true }, () => 'x')).toContain(
      'the embedded mock stops with this run',
    );
  });
});
