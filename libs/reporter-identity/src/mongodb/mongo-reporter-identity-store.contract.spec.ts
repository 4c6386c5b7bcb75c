import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { type TestMongoServer, runWithMongoServer, startTestMongoServer } from '@lacak/testing';
import { type IdentityStoreFixture, reporterIdentityStoreContract } from '../contract/reporter-identity-store.contract';
import {
  IDENTITIES_COLLECTION,
  KEYS_COLLECTION,
  MASTER_KEY_CHECK_COLLECTION,
  MongoReporterIdentityStore,
  keysDatabaseFor,
} from './mongo-reporter-identity-store';

/**
 * The contract against a real server, found as the read store's suite finds one: MONGODB_URI if
 * set, else a single-node replica set in a Testcontainers container when a Docker engine answers,
 * else skipped. Each test gets its own two databases, dropped afterwards.
 */
const runnable = runWithMongoServer('MongoDB identity-store contract suite');

const SERVER_TIMEOUT_MS = 5000;

(runnable ? describe : describe.skip)('MongoReporterIdentityStore on a real server', () => {
  let server: TestMongoServer | undefined;
  let uri: string;
  let admin: MongoClient;

  beforeAll(async () => {
    server = await startTestMongoServer();
    uri = server.uri;
    admin = await MongoClient.connect(uri, { serverSelectionTimeoutMS: SERVER_TIMEOUT_MS, promoteBuffers: true });
  }, 180_000);

  afterAll(async () => {
    await admin?.close();
    await server?.stop();
  });

  async function freshDatabases(): Promise<IdentityStoreFixture> {
    const databaseName = `lacak_identity_test_${randomUUID().replace(/-/g, '')}`;
    const identities = admin.db(databaseName).collection<{ _id: string; ciphertext: Buffer | null; iv: Buffer | null; tag: Buffer | null }>(IDENTITIES_COLLECTION);
    const keysDatabase = admin.db(keysDatabaseFor(databaseName));
    const keys = keysDatabase.collection<{ _id: string; wrappedKey: Buffer }>(KEYS_COLLECTION);
    return {
      open: (masterKey) => MongoReporterIdentityStore.connect(uri, { databaseName, masterKey, serverSelectionTimeoutMs: SERVER_TIMEOUT_MS }),
      storedKey: async (ref) => (await keys.findOne({ _id: ref }))?.wrappedKey ?? null,
      deleteKey: async (ref) => void (await keys.deleteOne({ _id: ref })),
      copySealedIdentity: async (from, to) => {
        const source = await identities.findOne({ _id: from });
        await identities.updateOne({ _id: to }, { $set: { ciphertext: source?.ciphertext, iv: source?.iv, tag: source?.tag } });
      },
      copyKey: async (from, to) => {
        const source = await keys.findOne({ _id: from });
        await keys.updateOne({ _id: to }, { $set: { wrappedKey: source!.wrappedKey } });
      },
      forgetMasterKeyCheck: async () => void (await keysDatabase.collection(MASTER_KEY_CHECK_COLLECTION).deleteMany({})),
      cleanup: async () => {
        await admin.db(databaseName).dropDatabase();
        await keysDatabase.dropDatabase();
      },
    };
  }

  reporterIdentityStoreContract('MongoDB', freshDatabases);
});
