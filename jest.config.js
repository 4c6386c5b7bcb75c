/** Unit, contract and end-to-end specs in one run; swc keeps the transform fast. */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
};

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.(ts|js)$': ['@swc/jest', swc] },
  // content-disposition (under @fastify/static, which serves /docs) and file-type (attachments' type
  // detection) with its dependencies ship ESM only; Node loads them with require(esm), jest on Node 20
  // cannot, so swc turns them into CommonJS for the tests.
  transformIgnorePatterns: [
    '/node_modules/(?!(content-disposition|file-type|strtok3|token-types|@tokenizer/inflate|uint8array-extras|@borewit/text-codec)/)',
  ],
  moduleNameMapper: {
    // file-type exports only `import` conditions, which jest's CommonJS resolver does not match.
    '^file-type$': '<rootDir>/node_modules/file-type/index.js',
    '^@lacak/application/queries$': '<rootDir>/libs/application/src/queries',
    '^@lacak/(domain|projections|lapor)/testing$': '<rootDir>/libs/$1/src/testing',
    '^@lacak/event-store/kurrentdb$': '<rootDir>/libs/event-store/src/kurrentdb/kurrentdb-event-store',
    '^@lacak/(domain|event-store|read-store|projections|reporter-identity|config|organisation|application|storage|deadlines|processes|testing|integrity|lapor|notifications|attachments)$': '<rootDir>/libs/$1/src',
    '^@lacak/webhooks$': '<rootDir>/libs/webhooks/src',
  },
  testTimeout: 30000,
  // Jest's default on 2 cores is one worker; the suites spend much of their time waiting on fsync
  // and on child processes, so two keep both cores busy.
  maxWorkers: 2,
};
