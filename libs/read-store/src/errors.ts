/** MongoDB's E11000: an insert or upsert hit an existing `_id` or unique index key. */
export class DuplicateKeyError extends Error {
  override readonly name = 'DuplicateKeyError';
  readonly code = 11000;
  constructor(readonly collection: string, readonly key: unknown) {
    super(`E11000 duplicate key error collection: ${collection} key: ${JSON.stringify(key)}`);
  }
}

/** A filter or update the store cannot evaluate (unknown operator, conflicting paths...). */
export class InvalidOperationError extends Error {
  override readonly name = 'InvalidOperationError';
}
