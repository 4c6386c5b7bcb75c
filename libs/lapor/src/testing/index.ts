export * from './fake-lapor-server';
