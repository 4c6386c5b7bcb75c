import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@lacak/config';
import { closeStores, openStores } from './open-stores';

/** Every MongoClient the stores make, with what the driver resolved from its options; none reaches a server. */
const clients: { options: { serverSelectionTimeoutMS: number }; closed: boolean }[] = [];

jest.mock('mongodb', () => {
  const actual = jest.requireActual<typeof import('mongodb')>('mongodb');
  const answer = async () => ({ ok: 1, isWritablePrimary: true, setName: 'rs0' });
  // Enough of a collection for the identity store's start: its index and the master key check.
  const collection = { createIndex: answer, insertOne: answer, findOne: async () => null };
  let recordingClient: typeof actual.MongoClient | undefined;
  // Made on first use: the driver requires itself while it loads, before MongoClient exists.
  const recording = () =>
    (recordingClient ??= class RecordingClient extends actual.MongoClient {
      closed = false;
      constructor(uri: string, options?: import('mongodb').MongoClientOptions) {
        super(uri, options);
        clients.push(this);
      }
      override async connect() {
        return this;
      }
      override db(name?: string) {
        return { databaseName: name, command: answer, collection: () => collection } as never;
      }
      override async close() {
        this.closed = true;
      }
    });
  return new Proxy(actual, { get: (target, key) => (key === 'MongoClient' ? recording() : target[key as keyof typeof target]) });
});

describe('openStores with MongoDB: the start-up timeout bounds start-up only', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lacak-mongo-clients-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('checks the server with a short-lived client and serves with clients on the driver defaults', async () => {
    const driverDefault = new (jest.requireActual<typeof import('mongodb')>('mongodb').MongoClient)('mongodb://db:27017').options.serverSelectionTimeoutMS;
    const stores = await openStores(
      loadConfig({ DATA_DIR: dataDir, MONGODB_URI: 'mongodb://db:27017/lacak?replicaSet=rs0', STORE_CONNECT_TIMEOUT_MS: '1234', IDENTITY_MASTER_KEY: 'ab'.repeat(32), TRACKING_SECRET_KEY: 'cd'.repeat(32) }),
    );
    const [check, ...serving] = clients;
    expect(check.options.serverSelectionTimeoutMS).toBe(1234);
    expect(check.closed).toBe(true);
    // The read store, the identity store and the attachment store (GridFS): all live as long as the process.
    expect(serving).toHaveLength(3);
    for (const client of serving) {
      expect(client.options.serverSelectionTimeoutMS).toBe(driverDefault);
      expect(client.closed).toBe(false);
    }
    await closeStores(stores);
  });
});
