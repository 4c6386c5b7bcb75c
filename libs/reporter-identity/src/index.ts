export * from './reporter-identity.port';
export * from './sqlite/sqlite-reporter-identity-store';
