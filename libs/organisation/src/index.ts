export * from './load-organisation';
