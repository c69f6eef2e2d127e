// Many valid contacts, from the generators' coverage strategies (every title, gender and country, Unicode names,
// boundary dates, empty and long arrays, minimal contacts): each is created, checked, and deleted (the countries
// by full updates of a contact per lane, suites/support/sweep.ts).
import { it } from 'vitest';
import { checkedRules } from '../checks/check-result.ts';
import {
  type ContactJson,
  echoesFields,
  guestLinkIs,
  hrefIsSelf,
  orderLinkIs,
  refIsUuid,
  refOf,
  timestampsAreUtc,
} from '../checks/contact.ts';
import { conformsTo, expectStatus } from '../checks/responses.ts';
import { refStable } from '../checks/update.ts';
import { restatedAs, ruleHolds } from '../checks/violation-builder.ts';
import { type RuleId, SchemaName } from '../contracts/index.ts';
import { type Premise, type ValidCase, validCaseGroups, validCasesOf } from '../generators/index.ts';
import type { Exchange } from '../lib/exchange.ts';
import { conformance, runContext } from './support/harness.ts';
import { eachInOrder } from './support/in-order.ts';
import { orderLanes } from './support/own-order.ts';
import { SWEPT_FIELD } from './support/sweep.ts';
import { tagged } from './support/tagging.ts';
import { isSmoke, SMOKE_VALID_CASES } from './support/tier.ts';
import { perVersion } from './support/version-suites.ts';

const ctx = runContext();

// ref (lower case) -> the case that got it first, over every test of both versions (the versions run at once, and
// refs are UUIDs: no two contacts share one). Contacts are deleted as they go, so this also catches a server
// handing out a deleted contact's ref again, whichever test's create gets it.
const refsGiven = new Map<string, string>();

function* firstOf<T>(items: Iterable<T>, count: number): Generator<T> {
  if (count <= 0) return;
  let left = count;
  for (const item of items) {
    yield item;
    left -= 1;
    if (left <= 0) return;
  }
}

// Acceptance rules a strategy proves, beyond what every created contact checks.
const STRATEGY_RULES: Readonly<Record<string, RuleId>> = {
  'every-title': 'OC-TITLE-LISTED-ACCEPTED',
  'every-gender': 'OC-GENDER-VALUES-ACCEPTED',
  minimal: 'OC-MINIMAL-ACCEPTED',
};

/** The contact a lane of a swept strategy keeps: what was created, and the case that created it. */
interface HeldContact {
  readonly ref: string;
  readonly created: ContactJson;
  readonly sent: ContactJson;
  readonly premise: Premise;
}

/** What one case of a strategy sent and got: a create (and delete), or, in a sweep, a full update. */
type CaseOutcome =
  | {
      readonly kind: 'created';
      readonly orderRef: string;
      readonly sent: unknown;
      readonly created: Exchange;
      readonly deleted: Exchange | undefined;
    }
  | {
      readonly kind: 'updated';
      readonly orderRef: string;
      readonly sent: ContactJson;
      readonly updated: Exchange;
      readonly held: HeldContact;
    };

perVersion(ctx).each(ctx.apiVersions)('valid contacts (%s)', (version) => {
  const options = {
    seed: ctx.seed,
    apiVersion: version,
    now: Date.parse(ctx.now),
    ...(ctx.cases ? { count: ctx.cases } : {}),
  };
  const schema = version === 'v2.1' ? SchemaName.contactV21 : SchemaName.contactV2;
  // One test per strategy; each builds its cases as it sends them, so a 10,000-case run never holds them all.
  const strategies = validCaseGroups(options)
    .map(({ strategy }) => strategy)
    .filter((strategy) => !isSmoke(ctx) || SMOKE_VALID_CASES[strategy] !== undefined);

  it.skipIf(ctx.readOnly || !ctx.orderRef).sequential.for(strategies)(
    '%s contacts are created as sent',
    async (strategy, { task }) => {
      await conformance(task, version, async ({ recorder, client, context }) => {
        const lanes = await orderLanes(client, version, context);
        const acceptance = STRATEGY_RULES[strategy];
        const swept = SWEPT_FIELD[strategy];
        const held: (HeldContact | undefined)[] = lanes.map(() => undefined);
        const updateOperation = version === 'v2.1' ? 'replaceOrderContact' : 'updateOrderContact';
        // Each case is created and deleted concurrently with others (the ref of a failed delete stays in the ledger);
        // what came back is checked in the cases' order. A lane's cases run one after the other.
        const sendCase = async (validCase: ValidCase, index: number): Promise<CaseOutcome> => {
          const lane = index % lanes.length;
          const orderRef = lanes[lane] as string;
          const kept = held[lane];
          if (swept !== undefined && kept !== undefined) {
            const sent = { ...kept.sent, [swept]: (validCase.payload as ContactJson)[swept] };
            return {
              kind: 'updated',
              orderRef,
              sent,
              held: kept,
              updated: await client.updateContact(version, kept.ref, sent),
            };
          }
          const sent =
            validCase.strategy === 'minimal' ? validCase.payload : tagged(validCase.payload, context.runId);
          const created = await client.createContact(version, orderRef, sent);
          const ref =
            created.response && created.response.status < 300
              ? refOf(created.json as ContactJson)
              : undefined;
          if (swept !== undefined && ref !== undefined) {
            held[lane] = {
              ref,
              created: created.json as ContactJson,
              sent: sent as ContactJson,
              premise: validCase.premise,
            };
            return { kind: 'created', orderRef, sent, created, deleted: undefined };
          }
          const deleted = ref ? await client.deleteContact(version, ref) : undefined;
          return { kind: 'created', orderRef, sent, created, deleted };
        };
        const checkUpdated = ({
          orderRef,
          sent,
          updated: answer,
          held: kept,
        }: Extract<CaseOutcome, { kind: 'updated' }>) => {
          const updated = recorder.exchange(answer);
          const at = { apiVersion: version, operation: updateOperation, exchange: updated } as const;
          recorder.checkOnPremise(kept.premise, updated, expectStatus('OC-UPDATE-STATUS', at, [200, 201]));
          if (!updated.response || updated.response.status >= 300) return;
          const contact = (updated.json ?? {}) as ContactJson;
          recorder.check(
            updated,
            conformsTo('OC-RESOURCE-SCHEMA', at, schema),
            refStable(at, kept.created, contact),
          );
          recorder.checkOnPremise(
            kept.premise,
            updated,
            echoesFields(at, sent, contact, 'OC-UPDATE-APPLIES'),
          );
          recorder.check(
            updated,
            hrefIsSelf(at, contact),
            orderLinkIs(at, contact, orderRef),
            guestLinkIs(at, contact),
            timestampsAreUtc(at, contact),
          );
        };
        await eachInOrder(
          isSmoke(context)
            ? firstOf(validCasesOf({ ...options, strategy }), SMOKE_VALID_CASES[strategy] ?? 0)
            : validCasesOf({ ...options, strategy }),
          { lanes: lanes.length, concurrency: context.concurrency },
          sendCase,
          (outcome, validCase) => {
            if (outcome.kind === 'updated') {
              checkUpdated(outcome);
              return;
            }
            const { orderRef, sent, created: answer, deleted: deleteAnswer } = outcome;
            const created = recorder.exchange(answer);
            const at = { apiVersion: version, operation: 'createOrderContact', exchange: created };
            const status = expectStatus('OC-CREATE-201', at, [201]);
            // A valid case of a form we only infer (a date-only date, 25 emails) that is refused is a SHOULD finding.
            recorder.checkOnPremise(
              validCase.premise,
              created,
              status,
              ...(acceptance ? [restatedAs(acceptance, status)] : []),
            );
            const contact = (created.json ?? {}) as ContactJson;
            const ref = refOf(contact);
            if (!created.response || created.response.status >= 300) return;
            recorder.check(
              created,
              conformsTo('OC-RESOURCE-SCHEMA', at, schema),
              refIsUuid(at, contact, 'OC-CREATE-REF'),
              refIsUuid(at, contact),
            );
            if (!ref) return;
            const earlier = refsGiven.get(ref.toLowerCase());
            recorder.check(
              created,
              ruleHolds('OC-REF-UNIQUE', at, earlier === undefined, {
                received: `ref ${ref}, as for case ${earlier}`,
                expected: 'a ref no earlier contact got',
              }),
            );
            refsGiven.set(ref.toLowerCase(), `${validCase.id} (${version})`);
            const echo = echoesFields(at, sent as ContactJson, contact);
            recorder.checkOnPremise(
              validCase.premise,
              created,
              echo,
              ...(acceptance ? [restatedAs(acceptance, echo)] : []),
            );
            recorder.check(
              created,
              // echoesFields finds these broken; sending Unicode text or a date-time is what checks them.
              ...(JSON.stringify(sent).match(/[^\x20-\x7e]/) ? [checkedRules('OC-UNICODE-ECHO')] : []),
              ...(/T\d/.test(String((sent as ContactJson).dateOfBirth ?? ''))
                ? [checkedRules('OC-DATE-INSTANT-ECHO')]
                : []),
              hrefIsSelf(at, contact),
              orderLinkIs(at, contact, orderRef),
              guestLinkIs(at, contact),
              timestampsAreUtc(at, contact),
            );
            if (!deleteAnswer) return;
            const deleted = recorder.exchange(deleteAnswer);
            recorder.check(
              deleted,
              expectStatus(
                'OC-DELETE-204',
                { ...at, operation: 'deleteOrderContact', exchange: deleted },
                [204],
              ),
            );
          },
        );
        // The sweep's contacts, one per lane, go once the sweep is done (recorded in the lanes' order).
        const deletes = await Promise.all(
          held.map((kept) => (kept ? client.deleteContact(version, kept.ref) : undefined)),
        );
        for (const answer of deletes) {
          if (!answer) continue;
          const deleted = recorder.exchange(answer);
          recorder.check(
            deleted,
            expectStatus(
              'OC-DELETE-204',
              { apiVersion: version, operation: 'deleteOrderContact', exchange: deleted },
              [204],
            ),
          );
        }
      });
    },
  );
});
