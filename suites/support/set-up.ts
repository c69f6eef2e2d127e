// The creates a test's set-up makes (the contact its cases go to). They send documented forms only, so a refusal is
// a finding of its own, and the rules the test could then not check are recorded as set-up failures, each saying
// how the create was answered.
import { expectStatus } from '../../checks/responses.ts';
import type { ApiVersion } from '../../contracts/index.ts';
import type { Exchange } from '../../lib/exchange.ts';
import type { RuleRecorder } from './recorder.ts';

/** Checks a set-up's create as OC-CREATE-201: a refusal of a documented contact is that rule's finding. */
export function checkSetUpCreate(recorder: RuleRecorder, version: ApiVersion, created: Exchange): void {
  recorder.check(
    created,
    expectStatus(
      'OC-CREATE-201',
      { apiVersion: version, operation: created.operation, exchange: created },
      [201],
    ),
  );
}

/** "status 400, exchange x-…" (the error's kind when nothing answered), for a set-up failure's reason. */
export function answeredAs(exchange: Exchange | undefined): string {
  if (exchange === undefined) return 'no answer';
  const answer = exchange.response
    ? `status ${exchange.response.status}`
    : (exchange.error?.kind ?? 'no answer');
  return `${answer}, exchange ${exchange.id}`;
}
