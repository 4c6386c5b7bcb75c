export * from './deadline-context';
export * from './deadline-process';
export * from './create-projector';
export * from './pending-identity-sweep';
export * from './log-verification-schedule';
export * from './audit-notary';
export * from './leased-projector';
export * from './projector-thread/worker-thread-projector';
