import { MongoInvalidArgumentError, MongoServerError } from 'mongodb';
import { DuplicateKeyError, InvalidOperationError } from '../errors';

const DUPLICATE_KEY = 11000;

/** Server codes for a filter, update or index the server refuses to evaluate or apply. */
const INVALID_OPERATION_CODES = new Set([
  2, // BadValue: unknown query operator, bad $regex option
  9, // FailedToParse: unknown update modifier, empty update operator
  14, // TypeMismatch: $inc on a string, $push on a non-array
  28, // PathNotViable: a dotted path through a scalar
  40, // ConflictingUpdateOperators: two operators on one path
  52, // DollarPrefixedFieldName
  66, // ImmutableField: an update or replacement that changes _id
  67, // CannotCreateIndex: bad key spec
  85, // IndexOptionsConflict: same keys under another name or options
  86, // IndexKeySpecsConflict: same name with other keys
]);

/**
 * Maps the driver's errors to the port's, so callers see the same errors as with the embedded
 * adapter. A MongoBulkWriteError is a MongoServerError carrying the first write error's code.
 * Anything else (network, transient transaction errors) passes through unchanged, so the
 * driver's own retries still recognise it.
 */
export function translateError(error: unknown, collection: string): unknown {
  if (error instanceof MongoServerError && error.code === DUPLICATE_KEY) {
    return new DuplicateKeyError(collection, duplicateKey(error));
  }
  if (error instanceof MongoServerError && typeof error.code === 'number' && INVALID_OPERATION_CODES.has(error.code)) {
    return new InvalidOperationError(error.message);
  }
  // Raised before anything is sent, e.g. "Update document requires atomic operators".
  if (error instanceof MongoInvalidArgumentError) return new InvalidOperationError(error.message);
  return error;
}

/** `keyValue` on single writes and index builds; bulk write errors keep only the message. */
function duplicateKey(error: MongoServerError): unknown {
  const keyValue: unknown = error.keyValue;
  return keyValue ?? /dup key: (\{.*\})/.exec(error.message)?.[1] ?? null;
}
