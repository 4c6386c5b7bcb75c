export * from './lapor-gateway';
export * from './http-lapor-gateway';
export * from './lapor-settings';
export * from './status-mapping';
export * from './lapor-deliveries';
export * from './lapor-status-poller';
export * from './lapor-sync';
