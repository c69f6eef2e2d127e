// Many valid contacts, from the generators' coverage strategies (every title, gender and country, Unicode names,
// boundary dates, empty and long arrays, minimal contacts): each is created, checked, and deleted.
import { describe, it } from 'vitest';
import {
  type ContactBody,
  echoesFields,
  guestLinkIs,
  hrefIsSelf,
  orderLinkIs,
  refIsUuid,
  refOf,
  timestampsAreUtc,
} from '../checks/contact.ts';
import { conformsTo, expectStatus } from '../checks/responses.ts';
import { restated, violation } from '../checks/violation-builder.ts';
import { SchemaName } from '../contracts/index.ts';
import { validCaseGroups, validCasesOf } from '../generators/index.ts';
import { conformance, runContext } from './support/harness.ts';
import { tagged } from './support/tagging.ts';

const ctx = runContext();

// Acceptance rules a strategy proves, beyond what every created contact checks.
const STRATEGY_RULES: Readonly<Record<string, string>> = {
  'every-title': 'OC-TITLE-LISTED-ACCEPTED',
  'every-gender': 'OC-GENDER-VALUES-ACCEPTED',
  minimal: 'OC-MINIMAL-ACCEPTED',
};

describe.each(ctx.apiVersions)('valid contacts (%s)', (version) => {
  const options = {
    seed: ctx.seed,
    apiVersion: version,
    now: Date.parse(ctx.now),
    ...(ctx.cases ? { count: ctx.cases } : {}),
  };
  const schema = version === 'v2.1' ? SchemaName.contactV21 : SchemaName.contactV2;
  // One test per strategy; each builds its cases as it sends them, so a 10,000-case run never holds them all.
  const strategies = validCaseGroups(options).map(({ strategy }) => strategy);

  it.skipIf(ctx.readOnly || !ctx.orderRef).for(strategies)(
    '%s contacts are created as sent',
    async (strategy, { task }) => {
      await conformance(task, version, async ({ recorder, client, context }) => {
        const orderRef = context.orderRef as string;
        const acceptance = STRATEGY_RULES[strategy];
        // ref (lower case) -> the case that got it first: contacts are deleted as they go, so this also catches a
        // server handing out a deleted contact's ref again.
        const refsGiven = new Map<string, string>();
        for (const validCase of validCasesOf({ ...options, strategy })) {
          const sent =
            validCase.strategy === 'minimal' ? validCase.payload : tagged(validCase.payload, context.runId);
          const created = recorder.exchange(await client.createContact(version, orderRef, sent));
          const at = { apiVersion: version, operation: 'createOrderContact', exchange: created };
          const status = expectStatus('OC-CREATE-201', at, [201]);
          recorder.check('OC-CREATE-201', created, status);
          if (acceptance)
            recorder.check(
              acceptance,
              created,
              status.map((v) => restated(acceptance, v)),
            );
          const contact = (created.json ?? {}) as ContactBody;
          const ref = refOf(contact);
          if (!created.response || created.response.status >= 300) continue;
          recorder.check('OC-RESOURCE-SCHEMA', created, conformsTo('OC-RESOURCE-SCHEMA', at, schema));
          recorder.check(['OC-CREATE-REF', 'OC-REF-UUID'], created, refIsUuid(at, contact, 'OC-CREATE-REF'));
          if (!ref) continue;
          const earlier = refsGiven.get(ref.toLowerCase());
          recorder.check(
            'OC-REF-UNIQUE',
            created,
            earlier === undefined
              ? []
              : [
                  violation(
                    'OC-REF-UNIQUE',
                    at,
                    `ref ${ref}, as for case ${earlier}`,
                    'a ref no earlier contact got',
                  ),
                ],
          );
          refsGiven.set(ref.toLowerCase(), validCase.id);
          const echo = echoesFields(at, sent as ContactBody, contact);
          recorder.check('OC-CREATE-ECHO', created, echo);
          if (acceptance)
            recorder.check(
              acceptance,
              created,
              echo.map((v) => restated(acceptance, v)),
            );
          if (JSON.stringify(sent).match(/[^\x20-\x7e]/)) recorder.check('OC-UNICODE-ECHO', created, []);
          if (/T\d/.test(String((sent as ContactBody).dateOfBirth ?? '')))
            recorder.check('OC-DATE-INSTANT-ECHO', created, []);
          recorder.check('OC-HREF-SELF', created, hrefIsSelf(at, contact));
          recorder.check('OC-ORDER-LINK', created, orderLinkIs(at, contact, orderRef));
          recorder.check('OC-GUEST-LINK', created, guestLinkIs(at, contact));
          recorder.check(['OC-TIMESTAMPS', 'OC-TIMESTAMP-PRECISION'], created, timestampsAreUtc(at, contact));
          const deleted = recorder.exchange(await client.deleteContact(version, ref));
          recorder.check(
            'OC-DELETE-204',
            deleted,
            expectStatus(
              'OC-DELETE-204',
              { ...at, operation: 'deleteOrderContact', exchange: deleted },
              [204],
            ),
          );
        }
      });
    },
  );
});
