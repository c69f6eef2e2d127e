// Provider verification: the committed pacts replayed against the embedded mock (clean), and against the mock
// with a fault switched on that changes a response shape, where verification must fail and name the interaction.
import { describe, expect, it } from 'vitest';
import { DEFAULT_API_TOKEN, DEFAULT_CLIENT_KEY, startMockServer } from '../../mock/index.ts';
import { verifyPacts } from './verify-pacts.ts';

const credentials = { clientKey: DEFAULT_CLIENT_KEY, apiToken: DEFAULT_API_TOKEN };

async function verifyAgainstMock(faults: string[], concurrency = 1) {
  const mock = await startMockServer({ faults });
  try {
    return await verifyPacts({ baseUrl: mock.url, credentials, apiVersions: ['v2.1', 'v2'], concurrency });
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

  it('gives the same results, in the same order, verifying 8 interactions at once as one at a time', async () => {
    // A fault that fails some interactions and not others: each result must stay with its own interaction.
    const oneAtATime = await verifyAgainstMock(['create-omits-ref']);
    const atOnce = await verifyAgainstMock(['create-omits-ref'], 8);
    expect(oneAtATime.filter((r) => !r.passed).length).toBeGreaterThan(0);
    expect(oneAtATime.filter((r) => r.passed).length).toBeGreaterThan(0);
    expect(atOnce).toEqual(oneAtATime);
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
