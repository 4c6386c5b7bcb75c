export * from './deadline-context';
export * from './deadline-process';
export * from './create-projector';
export * from './pending-identity-sweep';
export * from './leased-projector';
export * from './projector-thread/worker-thread-projector';
