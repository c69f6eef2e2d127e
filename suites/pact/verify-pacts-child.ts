// The child process of verifyPactsInChild: verifies the pacts it is asked to and sends the results back over IPC.
// Whatever Pact's native Verifier prints goes to this process's stdout, which the parent captures.
import { CleanupLedger } from '../../lib/ledger.ts';
import { verifyPacts } from './verify-pacts.ts';
import type { ChildVerifyAnswer, ChildVerifyRequest } from './verify-pacts-process.ts';

function answer(message: ChildVerifyAnswer): void {
  process.send?.(message, () => process.disconnect());
}

process.once('message', (message) => {
  const request = message as ChildVerifyRequest;
  const recorder =
    request.ledger === undefined
      ? undefined
      : CleanupLedger.open(request.ledger.dir, request.ledger.runId, {
          baseUrl: request.baseUrl,
          startedAt: request.ledger.startedAt,
        });
  verifyPacts({
    baseUrl: request.baseUrl,
    credentials: {
      clientKey: process.env.CDP_CLIENT_KEY ?? '',
      apiToken: process.env.CDP_API_TOKEN ?? '',
    },
    apiVersions: request.apiVersions,
    ...(recorder ? { recorder } : {}),
    ...(request.timeoutMs !== undefined ? { timeoutMs: request.timeoutMs } : {}),
  }).then(
    (results) => answer({ results }),
    (error: unknown) => answer({ error: error instanceof Error ? error.message : String(error) }),
  );
});
