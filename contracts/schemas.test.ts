import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contractsPath } from './paths.ts';
import { SCHEMA_BASE, type SchemaFile, SchemaName } from './schema-ids.ts';
import { createAjv, loadSchemaFiles, validateAgainst } from './schema-registry.ts';

function example(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(contractsPath('examples', name), 'utf8')) as Record<string, unknown>;
}

function keywordsOf(file: SchemaFile, data: unknown): string[] {
  return validateAgainst(file, data).map((e) => `${e.instancePath} ${e.keyword}`);
}

/** The schemas reachable from a root through $ref (same file or another), the root included. */
function reachable(root: string, files: Map<string, Record<string, unknown>>): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file) || !files.has(file)) return;
    seen.add(file);
    const text = JSON.stringify(files.get(file));
    for (const [, ref] of text.matchAll(/"\$ref":"([^"#]*)/g)) if (ref) visit(ref);
  };
  visit(root);
  return seen;
}

function closedObjects(node: unknown, where: string, out: string[]): string[] {
  if (node === null || typeof node !== 'object') return out;
  const record = node as Record<string, unknown>;
  for (const keyword of ['additionalProperties', 'unevaluatedProperties'])
    if (record[keyword] === false) out.push(`${where} ${keyword}`);
  for (const [key, child] of Object.entries(record))
    if (key !== 'examples') closedObjects(child, `${where}/${key}`, out);
  return out;
}

const RESPONSE_SCHEMAS: readonly SchemaFile[] = [
  SchemaName.contactV21,
  SchemaName.contactV2,
  SchemaName.listV21,
  SchemaName.listExpandedV21,
  SchemaName.listV2,
  SchemaName.error400,
  SchemaName.error401,
  SchemaName.error,
  SchemaName.order,
  SchemaName.orderListV21,
  SchemaName.orderListV2,
  SchemaName.guest,
];

describe('contract schemas', () => {
  it('leave every response object open, whatever they reference: extra fields are drift, not failures', () => {
    const files = loadSchemaFiles() as Map<string, Record<string, unknown>>;
    const closed = RESPONSE_SCHEMAS.flatMap((root) =>
      [...reachable(root, files)].flatMap((file) => closedObjects(files.get(file), file, [])),
    );
    expect(closed).toEqual([]);
  });

  it('are draft 2020-12 documents whose $id is their file name', () => {
    for (const [file, schema] of loadSchemaFiles()) {
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema.$id).toBe(SCHEMA_BASE + file);
    }
  });

  it('match the draft’s meta-schema and compile with ajv in strict mode, every one of them', () => {
    const ajv = createAjv({ checkSchemas: true });
    for (const file of loadSchemaFiles().keys())
      expect(ajv.getSchema(SCHEMA_BASE + file)).toBeTypeOf('function');
  });

  it('name every schema file the code uses', () => {
    const files = [...loadSchemaFiles().keys()];
    for (const file of Object.values(SchemaName)) expect(files).toContain(file);
  });
});

describe('the vendor examples', () => {
  const cases: Array<[string, SchemaFile]> = [
    ['v2.1-create-request.json', SchemaName.createRequestV21],
    ['v2.1-create-request.json', SchemaName.replaceRequestV21],
    ['v2.1-create-request.json', SchemaName.patchRequestV21],
    ['v2.1-create-response.json', SchemaName.contactV21],
    ['v2.1-list-response.json', SchemaName.listV21],
    ['v2-create-request.json', SchemaName.createRequestV2],
    ['v2-create-request.json', SchemaName.updateRequestV2],
    ['v2-create-response.json', SchemaName.contactV2],
    ['v2-list-response.json', SchemaName.listV2],
    ['error-401.json', SchemaName.error401],
    ['error-400.json', SchemaName.error400],
    ['error-400.json', SchemaName.error],
    ['error-401.json', SchemaName.error],
  ];
  it.each(cases)('%s validates against %s', (file, schema) => {
    expect(validateAgainst(schema, example(file))).toEqual([]);
  });

  it('a v2.1 create request without lastName fails on required', () => {
    const { lastName: _, ...body } = example('v2.1-create-request.json');
    expect(keywordsOf(SchemaName.createRequestV21, body)).toEqual([' required']);
  });

  it('a v2.1 create request with gender "Male" fails on enum', () => {
    expect(
      keywordsOf(SchemaName.createRequestV21, { ...example('v2.1-create-request.json'), gender: 'Male' }),
    ).toEqual(['/gender enum']);
  });

  it('a v2.1 create request with country "irl" fails on pattern', () => {
    expect(
      keywordsOf(SchemaName.createRequestV21, { ...example('v2.1-create-request.json'), country: 'irl' }),
    ).toEqual(['/country pattern']);
  });

  it('a v2.1 create request with dateOfBirth "01/01/1991" fails on format', () => {
    const body = { ...example('v2.1-create-request.json'), dateOfBirth: '01/01/1991' };
    expect(keywordsOf(SchemaName.createRequestV21, body)).toEqual(['/dateOfBirth format']);
  });

  it('a v2.1 create request with an identifier without id fails on required', () => {
    const body = { ...example('v2.1-create-request.json'), identifiers: [{ provider: 'ProfileSystem' }] };
    expect(keywordsOf(SchemaName.createRequestV21, body)).toEqual(['/identifiers/0 required']);
  });

  it('a 201 response without ref fails on required', () => {
    const { ref: _, ...body } = example('v2.1-create-response.json');
    expect(keywordsOf(SchemaName.contactV21, body)).toEqual([' required']);
  });

  it('a 201 response with a relative href fails on format or pattern', () => {
    const body = { ...example('v2.1-create-response.json'), href: '/v2.1/orderContacts/2d7de9df' };
    expect(keywordsOf(SchemaName.contactV21, body)).toEqual(expect.arrayContaining(['/href format']));
  });

  it('a 201 response with createdAt "yesterday" fails on format', () => {
    const body = { ...example('v2.1-create-response.json'), createdAt: 'yesterday' };
    expect(keywordsOf(SchemaName.contactV21, body)).toEqual(['/createdAt format']);
  });

  it('a v2 response whose ref is not a UUID fails on format', () => {
    const body = { ...example('v2-create-response.json'), ref: 'F8D1F0D5' };
    expect(keywordsOf(SchemaName.contactV2, body)).toEqual(['/ref format']);
  });

  it('a v2.1 list without last fails on required', () => {
    const { last: _, ...body } = example('v2.1-list-response.json');
    expect(keywordsOf(SchemaName.listV21, body)).toEqual([' required']);
  });

  it('a v2.1 list whose limit is a string fails on type', () => {
    expect(keywordsOf(SchemaName.listV21, { ...example('v2.1-list-response.json'), limit: '10' })).toEqual([
      '/limit type',
    ]);
  });

  it('a v2.1 list item without ref fails on required', () => {
    const body = {
      ...example('v2.1-list-response.json'),
      items: [{ href: 'https://x.example/v2.1/orderContacts/a' }],
    };
    expect(keywordsOf(SchemaName.listV21, body)).toEqual(['/items/0 required']);
  });

  it('a v2 list item without href fails on required', () => {
    expect(keywordsOf(SchemaName.listV2, { ...example('v2-list-response.json'), items: [{}] })).toEqual([
      '/items/0 required',
    ]);
  });

  it('a 401 body with an integer status fails on const', () => {
    expect(keywordsOf(SchemaName.error401, { ...example('error-401.json'), status: 401 })).toEqual([
      '/status const',
    ]);
  });

  // Additive fields are schema drift (the recorder reports them from knownFieldPaths), never a broken body.
  it.each([
    ['error-401.json', SchemaName.error401],
    ['error-400.json', SchemaName.error400],
  ] as const)(
    'a %s body with extra fields (path, timestamp, developerMessage) still validates',
    (file, schema) => {
      const body = {
        ...example(file),
        path: '/v2.1/orders/x/contacts',
        timestamp: '2025-08-15T16:00:55.554Z',
        developerMessage: 'x',
      };
      expect(keywordsOf(schema, body)).toEqual([]);
    },
  );

  it('a contact and a list with fields the vendor does not document still validate', () => {
    const contact = {
      ...example('v2.1-create-response.json'),
      loyaltyTier: 'gold',
      order: { href: 'https://x.example/v2.1/orders/1', ref: '1' },
    };
    expect(keywordsOf(SchemaName.contactV21, contact)).toEqual([]);
    const list = example('v2.1-list-response.json') as { items: Record<string, unknown>[] };
    const extended = { ...list, total: 1, items: list.items.map((item) => ({ ...item, createdAt: 'x' })) };
    expect(keywordsOf(SchemaName.listV21, extended)).toEqual([]);
  });

  it("refs in upper case validate, as in the vendor's own v2 example", () => {
    const v21 = example('v2.1-create-response.json');
    const upper = { ...v21, ref: String(v21.ref).toUpperCase() };
    expect(keywordsOf(SchemaName.contactV21, upper)).toEqual([]);
    expect(String(example('v2-create-response.json').ref)).toMatch(/^[0-9A-F-]{36}$/);
  });

  it('a 400 body with a string status fails on const', () => {
    expect(keywordsOf(SchemaName.error400, { ...example('error-400.json'), status: 'BAD_REQUEST' })).toEqual([
      '/status const',
    ]);
  });

  it('a 400 body without developerMessage fails on required', () => {
    const { developerMessage: _, ...body } = example('error-400.json');
    expect(keywordsOf(SchemaName.error400, body)).toEqual([' required']);
  });
});
