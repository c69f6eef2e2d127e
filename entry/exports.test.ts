import { describe, expect, it } from 'vitest';

// The plain-JavaScript entries name each export of the TypeScript module they load: a new export of api/ or
// msw-handlers/ must be added there too, or plain Node would not see it. The package's own name resolves through
// its exports map: at run time to entry/*.js (the default condition), for tsc to the sources (occ-source).
describe('the package entries', () => {
  it('export what api/index.ts exports', async () => {
    const [entry, source] = await Promise.all([
      import('order-contact-conformance'),
      import('../api/index.ts'),
    ]);
    expect(import.meta.resolve('order-contact-conformance')).toMatch(/\/entry\/index\.js$/);
    expect(Object.keys(entry).sort()).toEqual(Object.keys(source).sort());
    expect(entry.runConformance).toBeTypeOf('function');
  });

  it('export what msw-handlers/index.ts exports', async () => {
    const [entry, source] = await Promise.all([
      import('order-contact-conformance/msw'),
      import('../msw-handlers/index.ts'),
    ]);
    expect(import.meta.resolve('order-contact-conformance/msw')).toMatch(/\/entry\/msw\.js$/);
    expect(Object.keys(entry).sort()).toEqual(Object.keys(source).sort());
    expect(entry.orderContactHandlers).toBeTypeOf('function');
  });
});
