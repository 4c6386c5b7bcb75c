export * from './reporter-identity.port';
export { MASTER_KEY_FILE, MasterKeyError, resolveMasterKey } from './crypto/master-key';
export * from './sqlite/sqlite-reporter-identity-store';
export { MongoReporterIdentityStore, type MongoReporterIdentityStoreOptions, keysDatabaseFor } from './mongodb/mongo-reporter-identity-store';
