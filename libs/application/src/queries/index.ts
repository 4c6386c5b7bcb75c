/**
 * The query use cases: the only way into a read. Each states which roles may run it (from the
 * access matrix), applies scope and visibility, and returns views. Its own entry point
 * (`@lacak/application/queries`) because it reads the projections' documents, which import the
 * command side of this library.
 */
export * from './query-access';
export * from './complaint-filters';
export * from './complaint-queries';
export * from './reporter-view';
export * from './allowed-actions';
export * from './public-status';
export * from './public-queries';
export * from './agency-queries';
export * from './sla-indicators';
export * from './deadline-queries';
export * from './health-query';
export * from './field-changes';
export * from './complaint-replay';
export * from './audit-event-queries';
export * from './monev-queries';
export * from './monev-period-closing';
export * from './projection-lag';
export * from './monev-exceptions';
export * from './monev-exports';
export * from '../evaluations/evaluation-queries';
export * from './open311';
export * from './attachment-queries';
