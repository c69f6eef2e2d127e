// The child process of verifyPactsInChild: verifies the pacts it is asked to and sends the results back over IPC,
// each as soon as it is known (the parent may kill this process at its deadline). Whatever Pact's native Verifier
// prints goes to this process's stdout, which the parent captures.
import { CleanupLedger } from '../../lib/ledger.ts';
import { verifyPacts } from './verify-pacts.ts';
import { type ChildVerifyMessage, type ChildVerifyRequest, childWorkDir } from './verify-pacts-process.ts';

function send(message: ChildVerifyMessage, then: () => void = () => undefined): void {
  process.send?.(message, then);
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
    readOnly: request.readOnly ?? false,
    onResult: (result) => send({ result }),
    workDir: childWorkDir(process.pid),
    ...(recorder ? { recorder } : {}),
    ...(request.concurrency !== undefined ? { concurrency: request.concurrency } : {}),
    ...(request.rps !== undefined ? { rps: request.rps } : {}),
    ...(request.timeoutMs !== undefined ? { timeoutMs: request.timeoutMs } : {}),
    ...(request.orderRef !== undefined ? { orderRef: request.orderRef } : {}),
    ...(request.proxy !== undefined ? { proxy: request.proxy } : {}),
    ...(request.pactFiles !== undefined ? { pactFiles: request.pactFiles } : {}),
    ...(request.ownPacts !== undefined ? { ownPacts: request.ownPacts } : {}),
    ...(request.record !== undefined ? { record: request.record } : {}),
  }).then(
    (results) => send({ results }, () => process.disconnect()),
    (error: unknown) =>
      send({ error: error instanceof Error ? error.message : String(error) }, () => process.disconnect()),
  );
});
