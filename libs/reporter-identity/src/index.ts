export * from './reporter-identity.port';
export { MASTER_KEY_FILE, MasterKeyError, resolveMasterKey } from './crypto/master-key';
export * from './sqlite/sqlite-reporter-identity-store';
