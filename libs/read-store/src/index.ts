export * from './read-store.port';
export * from './errors';
export * from './sqlite/sqlite-read-store';
export * from './mongodb/mongo-read-store';
export { DEFAULT_DATABASE, checkServerAnswers, databaseFromUri } from './mongodb/mongo-deployment';
