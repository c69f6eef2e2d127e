// Many valid contacts, from the generators' coverage strategies (every title, gender and country, Unicode names,
// boundary dates, empty and long arrays, minimal contacts): each is created, checked, and deleted.
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
import { restatedAs, ruleHolds } from '../checks/violation-builder.ts';
import { type RuleId, SchemaName } from '../contracts/index.ts';
import { type ValidCase, validCaseGroups, validCasesOf } from '../generators/index.ts';
import { conformance, runContext } from './support/harness.ts';
import { eachInOrder } from './support/in-order.ts';
import { orderLanes } from './support/own-order.ts';
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
        // Each case is created and deleted concurrently with others (the ref of a failed delete stays in the ledger);
        // what came back is checked in the cases' order.
        const sendCase = async (validCase: ValidCase, index: number) => {
          const orderRef = lanes[index % lanes.length] as string;
          const sent =
            validCase.strategy === 'minimal' ? validCase.payload : tagged(validCase.payload, context.runId);
          const created = await client.createContact(version, orderRef, sent);
          const ref =
            created.response && created.response.status < 300
              ? refOf(created.json as ContactJson)
              : undefined;
          const deleted = ref ? await client.deleteContact(version, ref) : undefined;
          return { orderRef, sent, created, deleted };
        };
        await eachInOrder(
          isSmoke(context)
            ? firstOf(validCasesOf({ ...options, strategy }), SMOKE_VALID_CASES[strategy] ?? 0)
            : validCasesOf({ ...options, strategy }),
          Math.min(lanes.length, context.concurrency),
          sendCase,
          ({ orderRef, sent, created: answer, deleted: deleteAnswer }, validCase) => {
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
      });
    },
  );
});
