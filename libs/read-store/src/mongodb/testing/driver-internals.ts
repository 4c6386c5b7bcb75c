import type { BulkWriteOperationError, BulkWriteResult, WriteError } from 'mongodb';

export interface RawBulkCounts {
  nInserted?: number;
  nMatched?: number;
  nModified?: number;
  nRemoved?: number;
  upserted?: Array<{ index: number; _id: unknown }>;
}

/**
 * The driver's own result and write-error classes. Its typings declare them, but at runtime the
 * package exports them only from this internal module, and the result's constructor is internal.
 */
const internals: {
  BulkWriteResult: new (raw: RawBulkCounts & { upserted: unknown[]; insertedIds: unknown[]; writeErrors: unknown[] }, ordered: boolean) => BulkWriteResult;
  WriteError: new (error: BulkWriteOperationError) => WriteError;
} = require('mongodb/lib/bulk/common');

/** A BulkWriteResult as the driver builds it from an ordered bulk write's server replies. */
export function driverBulkResult(counts: RawBulkCounts = {}): BulkWriteResult {
  return new internals.BulkWriteResult({ upserted: [], insertedIds: [], writeErrors: [], ...counts }, true);
}

export function driverWriteError(error: BulkWriteOperationError): WriteError {
  return new internals.WriteError(error);
}
