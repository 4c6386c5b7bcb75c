export * from './open-stores';
export * from './startup-failure';
export * from './audit-signing-key';
export * from './tracking-key';
