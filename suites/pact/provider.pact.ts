// Provider verification: the committed pacts replayed against the embedded mock (clean), and against the mock
// with a fault switched on that changes a response shape, where verification must fail and name the interaction.
import { describe, expect, it } from 'vitest';
import { DEFAULT_API_TOKEN, DEFAULT_CLIENT_KEY, startMockServer } from '../../mock/index.ts';
import { verifyPacts } from './verify-pacts.ts';

const credentials = { clientKey: DEFAULT_CLIENT_KEY, apiToken: DEFAULT_API_TOKEN };

async function verifyAgainstMock(faults: string[]) {
  const mock = await startMockServer({ faults });
  try {
    return await verifyPacts({ baseUrl: mock.url, credentials, apiVersions: ['v2.1', 'v2'] });
  } finally {
    await mock.close();
  }
}

describe('Pact provider verification', () => {
  it('passes every interaction against the embedded mock', async () => {
    const results = await verifyAgainstMock([]);
    expect(results.length).toBeGreaterThanOrEqual(18);
    expect(results.filter((r) => !r.passed)).toEqual([]);
  });

  it('fails the create interaction, with the mismatch, when the mock leaves ref out of the 201', async () => {
    const failed = (await verifyAgainstMock(['create-omits-ref'])).filter((r) => !r.passed);
    expect(failed.map((r) => r.interaction)).toContain('v2.1: a request to create an order contact');
    expect(
      failed
        .find((r) => r.interaction === 'v2.1: a request to create an order contact')
        ?.mismatches.join(' '),
    ).toMatch(/ref/);
  });

  it('fails the delete interactions when the mock answers 200 with a body', async () => {
    const failed = (await verifyAgainstMock(['delete-returns-200-with-body'])).filter((r) => !r.passed);
    expect(failed.map((r) => r.interaction)).toEqual(
      expect.arrayContaining([
        'v2.1: a request to delete an order contact',
        'v2: a request to delete an order contact',
      ]),
    );
    expect(failed[0]?.mismatches.join(' ')).toMatch(/status|204|200/i);
  });
});
