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
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: {
    '^@lacak/(domain|event-store|read-store|projections|reporter-identity|config|organisation|application)$': '<rootDir>/libs/$1/src',
  },
  testTimeout: 30000,
};
