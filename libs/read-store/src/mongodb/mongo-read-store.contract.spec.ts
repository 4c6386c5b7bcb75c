import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { type ReadStoreFixture, readStoreContract } from '../contract/read-store.contract';
import { DuplicateKeyError } from '../errors';
import { MongoReadStore } from './mongo-read-store';
import { type TestMongoServer, runWithMongoServer, startTestMongoServer } from '@lacak/testing';

/**
 * The contract against a real server: MONGODB_URI if set, else a single-node replica set in a
 * Testcontainers container when a Docker engine answers, else skipped. Each test gets its own
 * database, dropped afterwards, so a shared server keeps nothing.
 */
const runnable = runWithMongoServer('MongoDB contract suite');

const SERVER_TIMEOUT_MS = 5000;

(runnable ? describe : describe.skip)('MongoReadStore on a real server', () => {
  let server: TestMongoServer | undefined;
  let uri: string;
  let admin: MongoClient;

  beforeAll(async () => {
    server = await startTestMongoServer();
    uri = server.uri;
    admin = await MongoClient.connect(uri, { serverSelectionTimeoutMS: SERVER_TIMEOUT_MS });
  }, 180_000);

  afterAll(async () => {
    await admin?.close();
    await server?.stop();
  });

  const connect = (databaseName: string) =>
    MongoReadStore.connect(uri, { databaseName, serverSelectionTimeoutMs: SERVER_TIMEOUT_MS });

  async function freshDatabase(): Promise<ReadStoreFixture> {
    const databaseName = `lacak_test_${randomUUID().replace(/-/g, '')}`;
    let current = await connect(databaseName);
    return {
      store: current,
      reopen: async () => (current = await connect(databaseName)),
      cleanup: async () => {
        await current.close();
        await admin.db(databaseName).dropDatabase();
      },
    };
  }

  readStoreContract('MongoDB', freshDatabase);

  describe('write() on this deployment', () => {
    let fixture: ReadStoreFixture;
    beforeEach(async () => (fixture = await freshDatabase()));
    afterEach(() => fixture.cleanup());

    it('leaves nothing written when a batch fails in its last collection, if writes are atomic', async () => {
      const { store } = fixture;
      await store.collection('checkpoints').insertOne({ _id: 'projector', position: '1' });
      const batch = store.write([
        { collection: 'models', operations: [{ insertOne: { document: { _id: 'm1' } } }] },
        { collection: 'checkpoints', operations: [{ insertOne: { document: { _id: 'projector' } } }] },
      ]);

      await expect(batch).rejects.toBeInstanceOf(DuplicateKeyError);
      // Without transactions the model write has landed but the checkpoint has not, so the
      // projection replays the batch (at least once) and its guarded writes absorb the repeat.
      expect(await store.collection('models').countDocuments()).toBe(store.atomicWrites ? 0 : 1);
      expect(await store.collection('checkpoints').findOne({ _id: 'projector' })).toEqual({ _id: 'projector', position: '1' });
    });
  });
});
