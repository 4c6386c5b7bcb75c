import type { AnyBulkWriteOperation, BulkWriteResult as DriverBulkWriteResult } from 'mongodb';
import type { BulkWriteResult, Document, UpdateResult, WriteOperation } from '../read-store.port';

/** The port's operations are MongoDB's own, so each becomes the driver model of the same name. */
export function toBulkModel(operation: WriteOperation): AnyBulkWriteOperation<Document> {
  if ('insertOne' in operation) return { insertOne: { document: operation.insertOne.document } };
  if ('updateOne' in operation) {
    const { filter, update, upsert = false } = operation.updateOne;
    return { updateOne: { filter, update, upsert } };
  }
  if ('updateMany' in operation) {
    const { filter, update } = operation.updateMany;
    return { updateMany: { filter, update } };
  }
  if ('replaceOne' in operation) {
    const { filter, replacement, upsert = false } = operation.replaceOne;
    return { replaceOne: { filter, replacement, upsert } };
  }
  if ('deleteOne' in operation) return { deleteOne: { filter: operation.deleteOne.filter } };
  return { deleteMany: { filter: operation.deleteMany.filter } };
}

/** What an empty batch reports; the driver refuses to run one. */
export const NOTHING_WRITTEN: BulkWriteResult = Object.freeze({
  insertedCount: 0, matchedCount: 0, modifiedCount: 0, upsertedCount: 0, deletedCount: 0,
});

export function toBulkWriteResult(result: DriverBulkWriteResult): BulkWriteResult {
  const { insertedCount, matchedCount, modifiedCount, upsertedCount, deletedCount } = result;
  return { insertedCount, matchedCount, modifiedCount, upsertedCount, deletedCount };
}

export function toUpdateResult({ matchedCount, modifiedCount, upsertedCount }: BulkWriteResult): UpdateResult {
  return { matchedCount, modifiedCount, upsertedCount };
}
