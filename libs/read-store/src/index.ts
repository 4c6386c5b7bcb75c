export * from './read-store.port';
export * from './errors';
/** MongoDB's filter semantics on a document in memory, as the embedded store evaluates them. */
export { matcher as filterMatcher } from './sqlite/mingo-eval';
export * from './sqlite/sqlite-read-store';
export * from './mongodb/mongo-read-store';
export { DEFAULT_DATABASE, checkServerAnswers, databaseFromUri } from './mongodb/mongo-deployment';
