/**
 * Layer rules: the domain stays pure, libraries reach each other only through their `@lacak/*`
 * aliases and never into apps or test/, projections stay below the application layer, apps never
 * import each other. Each lib's README says what it may import.
 */
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
      name: 'console-speaks-only-http',
      comment: 'The web console reaches the engine only through the HTTP API (its types generated from the OpenAPI document): no lib, no Node module in the browser.',
      severity: 'error',
      from: { path: '^apps/console/src/' },
      to: { path: '^libs/|^(node:)?(fs|path|crypto|child_process|os|url|util)$' },
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
      name: 'no-relative-imports-across-libs',
      comment: 'A lib reaches another lib only through its alias (@lacak/<lib>, @lacak/domain/testing), never by a relative path.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { dependencyTypes: ['local'], dependencyTypesNot: ['aliased'], path: '^libs/', pathNot: '^libs/$1/' },
    },
    {
      name: 'apps-and-tests-import-libs-by-alias',
      comment: 'Apps and test/ reach a lib only through its alias, like the libs themselves.',
      severity: 'error',
      from: { path: '^(apps|test)/' },
      to: { dependencyTypes: ['local'], dependencyTypesNot: ['aliased'], path: '^libs/' },
    },
    {
      name: 'apps-and-libs-do-not-import-test',
      comment: 'test/ holds the end-to-end suites and their support; production code and lib specs never depend on it.',
      severity: 'error',
      from: { path: '^(apps|libs)/' },
      to: { path: '^test/' },
    },
    {
      name: 'test-helpers-stay-in-tests',
      comment: 'libs/testing and every testing/ folder are left out of the build: only specs and other test helpers may import them.',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: ['\\.spec\\.ts$', '/testing/', '/contract/'] },
      to: { path: ['^libs/testing/', '/testing/'] },
    },
    {
      name: 'projections-do-not-import-application-or-config',
      comment:
        'Projections fold events into read models; commands (the application layer) and configuration belong to the process managers in libs/processes.',
      severity: 'error',
      from: { path: '^libs/projections/' },
      to: { path: '^libs/(application|config)/' },
    },
    {
      name: 'application-does-not-import-processes',
      comment:
        'libs/processes may import the application layer (it issues commands); the application never imports processes. Query use cases read the read models, so they know the projections’ document shapes; projections never import the application (rule above), so no cycle forms.',
      severity: 'error',
      from: { path: '^libs/application/' },
      to: { path: '^libs/processes/' },
    },
    {
      name: 'integrity-is-small',
      comment: 'The integrity library hashes and proves: node:crypto and the event store port types, nothing else, so the offline verifier can repeat it.',
      severity: 'error',
      from: { path: '^libs/integrity/src/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^(apps|libs/(?!integrity/|event-store/))' },
    },
    {
      name: 'notifications-imports-its-ports',
      comment: 'Reporter notifications read the event log, the complaints read model and the identity store, and speak SMTP and HTTP; they never reach the processes or the API.',
      severity: 'error',
      from: { path: '^libs/notifications/src/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^(apps|libs/(?!notifications/|application/|domain/|event-store/|read-store/|projections/|reporter-identity/|deadlines/))' },
    },
    {
      name: 'lapor-stays-an-adapter',
      comment:
        'The SP4N-LAPOR! sync speaks HTTP and records through the application use cases; it reads the complaints read model only to find what to poll. No app, no processes, no storage opening.',
      severity: 'error',
      from: { path: '^libs/lapor/src/' },
      to: { path: '^(apps|libs/(?!lapor/|application/|domain/|event-store/|read-store/|projections/))' },
    },
    {
      name: 'webhooks-stay-a-channel',
      comment:
        'libs/webhooks plans and carries webhook deliveries through the outbox contract: it reads the stores and the query side, issues its one command through the application, and never reaches the processes, the API or the storage wiring.',
      severity: 'error',
      from: { path: '^libs/webhooks/' },
      to: { path: '^libs/(processes|storage|config|reporter-identity)/' },
    },
    {
      name: 'attachments-stand-alone',
      comment: 'The attachment stores and content checks use Node, file-type, sharp, jszip, pdf-lib and the MongoDB driver; no other lib.',
      severity: 'error',
      from: { path: '^libs/attachments/src/', pathNot: ['\\.spec\\.ts$', '/contract/'] },
      to: { path: '^(apps|libs/(?!attachments/))' },
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
