import type { AnyBulkWriteOperation, BulkWriteResult as DriverBulkWriteResult } from 'mongodb';
import type { BulkWriteResult, CollectionWrites, Document, WriteOperation } from '../read-store.port';
import { translateError } from './mongo-errors';
import { NOTHING_WRITTEN, toBulkModel, toBulkWriteResult } from './mongo-operations';

/** The part of a driver `Collection` a write needs; `Collection<Document>` satisfies it. */
export interface BulkWritable<S> {
  bulkWrite(models: AnyBulkWriteOperation<Document>[], options: { ordered: true; session?: S }): Promise<DriverBulkWriteResult>;
}

/** `ClientSession` satisfies it; the callback ignores the session argument the driver passes. */
export interface TransactionSession {
  withTransaction<T>(work: () => Promise<T>): Promise<T>;
}

/** The parts of `MongoClient` and `Db` that `write` uses, so a test double can stand in for them. */
export interface BatchDriver<S extends TransactionSession> {
  client: { withSession<T>(work: (session: S) => Promise<T>): Promise<T> };
  db: { collection(name: string): BulkWritable<S> };
}

/** One ordered bulkWrite (it stops at the first failing operation), with the port's errors and counts. */
export async function bulkWriteTo<S>(
  collection: BulkWritable<S>,
  name: string,
  operations: WriteOperation[],
  session?: S,
): Promise<BulkWriteResult> {
  if (operations.length === 0) return { ...NOTHING_WRITTEN };
  try {
    return toBulkWriteResult(await collection.bulkWrite(operations.map(toBulkModel), { ordered: true, session }));
  } catch (error) {
    throw translateError(error, name);
  }
}

/**
 * `ReadStore.write`: in one transaction when the deployment supports it (the driver retries
 * transient conflicts); otherwise collection by collection, each awaited before the next, so a
 * checkpoint written last never lands before the model writes ahead of it, and a failure
 * stops the batch before the checkpoint.
 */
export async function writeBatch<S extends TransactionSession>(
  driver: BatchDriver<S>,
  batch: CollectionWrites[],
  atomic: boolean,
): Promise<void> {
  const writes = batch.filter(({ operations }) => operations.length > 0);
  if (writes.length === 0) return;
  const writeAll = async (session?: S) => {
    for (const { collection, operations } of writes) {
      await bulkWriteTo(driver.db.collection(collection), collection, operations, session);
    }
  };
  if (!atomic) return writeAll();
  await driver.client.withSession((session) => session.withTransaction(() => writeAll(session)));
}
