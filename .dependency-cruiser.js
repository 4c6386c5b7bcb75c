/** Layer rules: the domain stays pure, libraries never reach into apps, apps never into each other. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'The domain library imports no package and no Node module.',
      severity: 'error',
      from: { path: '^libs/domain/src/' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-peer', 'npm-optional', 'core'] },
    },
    {
      name: 'domain-imports-only-domain',
      severity: 'error',
      from: { path: '^libs/domain/src/' },
      to: { path: '^(apps|libs/(?!domain/))' },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-do-not-import-each-other',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
