export * from './backoff';
export * from './delivery-routes';
export * from './outbox';
export * from './outbox-dispatcher';
export * from './outbox-planner';
