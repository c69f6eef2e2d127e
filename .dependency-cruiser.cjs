// The import graph's direction, checked by `npm run deps` (part of `npm test`). ARCHITECTURE.md draws the same
// layers; scripts/import-graph.test.ts holds the two together. Tests and test helpers (testing/) may reach across
// layers to build what they test; the benchmarks sit on top of everything.
const LAYERS = [
  ['bin'],
  ['api', 'cli'],
  ['engine'],
  ['suites', 'profiles'],
  ['target-setup'],
  ['checks', 'generators', 'mock', 'reports'],
  ['lib'],
  ['contracts'],
];

// Entry points of the package beside the layers (not named like a package: depcruise resolves bare names from
// the root first): each may import only the folders listed, and no layer imports it.
const BESIDE = { 'msw-handlers': ['mock', 'lib', 'contracts'] };

const PRODUCT = `^(${[...LAYERS.flat(), ...Object.keys(BESIDE)].join('|')})/`;
const NOT_TESTS = '(\\.test\\.ts|\\.pact\\.ts|\\.conformance\\.ts)$|/testing/';
const folders = (names) => `^(${names.join('|')})/`;

const below = (i) => LAYERS.slice(i + 1).flat();

/** Each layer may import only the layers below it (and, within its own layer, its own folder). */
const layerRules = LAYERS.flatMap((layer, i) =>
  layer.map((folder) => ({
    name: `${folder}-imports-down`,
    comment: `${folder}/ may import only ${below(i).join(', ') || 'nothing of the product'}`,
    severity: 'error',
    from: { path: `^${folder}/`, pathNot: NOT_TESTS },
    to: {
      path: PRODUCT,
      pathNot: [`^${folder}/`, ...(below(i).length ? [folders(below(i))] : [])],
    },
  })),
);

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes two modules one: break it by moving the shared part down a layer.',
      from: { pathNot: NOT_TESTS },
      to: { circular: true },
    },
    ...layerRules.filter((rule) => rule.name !== 'reports-imports-down'),
    ...Object.entries(BESIDE).map(([folder, imports]) => ({
      name: `${folder}-imports-beside`,
      comment: `${folder}/ may import only ${imports.join(', ')}; nothing but its own tests imports it`,
      severity: 'error',
      from: { path: `^${folder}/`, pathNot: NOT_TESTS },
      to: { path: PRODUCT, pathNot: [`^${folder}/`, folders(imports)] },
    })),
    {
      name: 'reports-imports-no-run-time-code',
      severity: 'error',
      comment:
        'reports/ knows only the report model: types from the contracts and checks, and at run time nothing but the leaf helpers lib/errors.ts, lib/redact.ts and lib/make-directory.ts.',
      from: { path: '^reports/', pathNot: NOT_TESTS },
      to: {
        path: PRODUCT,
        pathNot: ['^reports/', '^lib/(errors|redact|make-directory)\\.ts$'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'reports-types-from-the-model-only',
      severity: 'error',
      comment: 'reports/ may import types from the contracts and checks/violation.ts, nothing else below it.',
      from: { path: '^reports/', pathNot: NOT_TESTS },
      to: {
        path: PRODUCT,
        pathNot: [
          '^reports/',
          '^contracts/',
          '^checks/violation\\.ts$',
          '^lib/(errors|redact|make-directory)\\.ts$',
        ],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|coverage|reports/out)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
// Not dependency-cruiser options: read by scripts/import-graph.test.ts.
Object.defineProperty(module.exports, 'LAYERS', { value: LAYERS, enumerable: false });
Object.defineProperty(module.exports, 'BESIDE', { value: BESIDE, enumerable: false });
