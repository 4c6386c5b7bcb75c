export * from './open-stores';
export * from './startup-failure';
