export * from './complaint-history';
export * from './failing-read-store';
export * from './fold';
export * from './projector-harness';
export * from './stores';
export * from './sla-indicators-scan';
