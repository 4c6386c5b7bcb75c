import { type AnyBulkWriteOperation, type BulkWriteResult as DriverBulkWriteResult, MongoServerError } from 'mongodb';
import { DuplicateKeyError } from '../errors';
import type { CollectionWrites, Document } from '../read-store.port';
import { type BatchDriver, type TransactionSession, writeBatch } from './mongo-batch';
import { driverBulkResult } from './testing/driver-internals';

interface BulkCall {
  collection: string;
  models: AnyBulkWriteOperation<Document>[];
  ordered: boolean;
  session?: FakeSession;
}

class FakeSession implements TransactionSession {
  transactions = 0;
  async withTransaction<T>(work: () => Promise<T>): Promise<T> {
    this.transactions += 1;
    return work();
  }
}

/**
 * A driver double that records each bulkWrite as it starts and holds it until the test settles
 * it, so a test sees whether the next collection's write waited for the previous one.
 */
class FakeDriver implements BatchDriver<FakeSession> {
  readonly started: BulkCall[] = [];
  readonly sessions: FakeSession[] = [];
  private readonly pending: Array<(failure?: Error) => void> = [];

  client = {
    withSession: async <T>(work: (session: FakeSession) => Promise<T>): Promise<T> => {
      const session = new FakeSession();
      this.sessions.push(session);
      return work(session);
    },
  };

  db = {
    collection: (collection: string) => ({
      bulkWrite: (models: AnyBulkWriteOperation<Document>[], { ordered, session }: { ordered: true; session?: FakeSession }) => {
        this.started.push({ collection, models, ordered, session });
        return new Promise<DriverBulkWriteResult>((resolve, reject) => {
          this.pending.push((failure) => (failure ? reject(failure) : resolve(driverBulkResult({ nMatched: 1 }))));
        });
      },
    }),
  };

  startedCollections(): string[] {
    return this.started.map((call) => call.collection);
  }

  /** Settles the oldest open bulkWrite, then lets the writer run on. */
  async settleNext(failure?: Error): Promise<void> {
    this.pending.shift()?.(failure);
    await tick();
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Starts a write and resolves to how it ends (null or the error), so no rejection goes unhandled. */
function start(driver: FakeDriver, writes: CollectionWrites[], atomic: boolean): Promise<unknown> {
  return writeBatch(driver, writes, atomic).then(() => null, (error: unknown) => error);
}

const duplicateKey = () => new MongoServerError({
  errmsg: 'E11000 duplicate key error collection: lacak.x index: _id_ dup key: { _id: "c1" }',
  code: 11000,
  keyValue: { _id: 'c1' },
});

const checkpoint = { updateOne: { filter: { _id: 'complaints' }, update: { $set: { position: '7' } }, upsert: true } };
const batch: CollectionWrites[] = [
  { collection: 'complaints', operations: [{ replaceOne: { filter: { _id: 'c1', lastPosition: 6 }, replacement: { _id: 'c1', lastPosition: 7 } } }] },
  { collection: 'projection_checkpoints', operations: [checkpoint] },
];

describe('writeBatch', () => {
  it('without transactions, starts the checkpoint write only after the model write has succeeded', async () => {
    const driver = new FakeDriver();
    const outcome = start(driver, batch, false);
    await tick();
    expect(driver.startedCollections()).toEqual(['complaints']);

    await driver.settleNext();
    expect(driver.startedCollections()).toEqual(['complaints', 'projection_checkpoints']);
    await driver.settleNext();

    expect(await outcome).toBeNull();
    expect(driver.started.every((call) => call.ordered && call.session === undefined)).toBe(true);
    expect(driver.sessions).toHaveLength(0);
    expect(driver.started[1].models).toEqual([checkpoint]);
  });

  it('without transactions, never writes the checkpoint when the model write fails', async () => {
    const driver = new FakeDriver();
    const outcome = start(driver, batch, false);
    await driver.settleNext(duplicateKey());

    expect(await outcome).toBeInstanceOf(DuplicateKeyError);
    expect(await outcome).toMatchObject({ collection: 'complaints', key: { _id: 'c1' } });
    expect(driver.startedCollections()).toEqual(['complaints']);
  });

  it('with transactions, writes every collection in order inside one transaction on one session', async () => {
    const driver = new FakeDriver();
    const outcome = start(driver, batch, true);
    await driver.settleNext();
    await driver.settleNext();

    expect(await outcome).toBeNull();
    expect(driver.sessions).toHaveLength(1);
    expect(driver.sessions[0].transactions).toBe(1);
    expect(driver.started.map((call) => [call.collection, call.session])).toEqual([
      ['complaints', driver.sessions[0]],
      ['projection_checkpoints', driver.sessions[0]],
    ]);
  });

  it('with transactions, rethrows a failure from the transaction mapped to the port error', async () => {
    const driver = new FakeDriver();
    const outcome = start(driver, batch, true);
    await driver.settleNext();
    await driver.settleNext(duplicateKey());

    expect(await outcome).toBeInstanceOf(DuplicateKeyError);
    expect(await outcome).toMatchObject({ collection: 'projection_checkpoints' });
  });

  it('skips collections without operations, and starts no session when nothing is left', async () => {
    const driver = new FakeDriver();
    const nothing = [{ collection: 'complaints', operations: [] }, { collection: 'projection_checkpoints', operations: [] }];
    expect(await start(driver, nothing, true)).toBeNull();
    expect(driver.started).toEqual([]);
    expect(driver.sessions).toEqual([]);

    const outcome = start(driver, [nothing[0], batch[1]], false);
    await driver.settleNext();
    expect(await outcome).toBeNull();
    expect(driver.startedCollections()).toEqual(['projection_checkpoints']);
  });
});
