export * from './event-store.port';
export * from './errors';
export * from './read-stream-or-empty';
export * from './sqlite/sqlite-event-store';
