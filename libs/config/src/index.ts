export * from './app-config';
export * from './logging';
