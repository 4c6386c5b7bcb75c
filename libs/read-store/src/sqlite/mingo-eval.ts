import { randomUUID } from 'node:crypto';
import { Query, updateMany } from 'mingo';
import { InvalidOperationError } from '../errors';
import type { Document, Filter, FindOptions, UpdateDocument } from '../read-store.port';

type Modifier = Parameters<typeof updateMany>[2];

/** Runs mingo, reporting what it rejects (unknown operators, path conflicts...) as the port's error. */
function evaluate<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw new InvalidOperationError(error instanceof Error ? error.message : String(error));
  }
}

export function matcher(filter: Filter): (doc: Document) => boolean {
  const query = evaluate(() => new Query(filter));
  return (doc) => evaluate(() => query.test(doc));
}

export function findDocuments(docs: Document[], filter: Filter, options: FindOptions = {}): Document[] {
  return evaluate(() => {
    const cursor = new Query(filter).find<Document>(docs, options.projection);
    if (options.sort) cursor.sort(options.sort);
    if (options.skip) cursor.skip(options.skip);
    if (options.limit) cursor.limit(options.limit);
    return cursor.all();
  });
}

function checkUpdate(update: UpdateDocument): void {
  const operators = Object.keys(update);
  if (operators.length === 0 || operators.some((op) => !op.startsWith('$'))) {
    throw new InvalidOperationError('Update document requires atomic operators');
  }
}

/**
 * Applies `update` in place to documents that already matched `filter` (mingo needs the
 * filter for the positional `$`). `$setOnInsert` is dropped: it only acts on upserts.
 */
export function applyUpdate(docs: Document[], filter: Filter, update: UpdateDocument): void {
  checkUpdate(update);
  const { $setOnInsert: _insertOnly, ...modifier } = update;
  evaluate(() => updateMany(docs, filter, modifier as Modifier));
}

/** A generated `_id` is a UUID where MongoDB would make an ObjectId: the port's ids are strings. */
function documentId(id: unknown): string {
  if (id === undefined) return randomUUID();
  if (typeof id !== 'string') throw new InvalidOperationError('_id must be a string');
  return id;
}

/** MongoDB seeds an upsert from the filter's equality conditions; mingo has no upsert, so this is ours. */
function equalityFields(filter: Filter): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) Object.assign(fields, ...value.map(equalityFields));
    if (key.startsWith('$') || value instanceof RegExp) continue;
    const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
    const operators = isObject && Object.keys(value).some((k) => k.startsWith('$'));
    if (!operators) fields[key] = value;
    else if ('$eq' in (value as object)) fields[key] = (value as { $eq: unknown }).$eq;
  }
  return fields;
}

/** The document an update-style upsert inserts: filter equalities, then the update with `$setOnInsert`. */
export function upsertDocument(filter: Filter, update: UpdateDocument): Document {
  checkUpdate(update);
  const { _id, ...seed } = equalityFields(filter);
  const { $setOnInsert = {}, ...modifier } = update;
  const $set = { ...modifier.$set };
  for (const [path, value] of Object.entries($setOnInsert)) {
    if (Object.hasOwn($set, path)) {
      throw new InvalidOperationError(`Updating the path '${path}' would create a conflict at '${path}'`);
    }
    $set[path] = value;
  }
  // mingo refuses to $set `_id` (it is immutable), so the seed starts with it.
  const doc: Document = { _id: documentId(_id) };
  evaluate(() => {
    if (Object.keys(seed).length) updateMany([doc], {}, { $set: seed });
    updateMany([doc], {}, { ...modifier, $set } as Modifier);
  });
  return doc;
}

/** A replacement keeps the stored `_id`; MongoDB rejects operators and a changed `_id`. */
export function replacementDocument(id: string, replacement: Document): Document {
  if (Object.keys(replacement).some((key) => key.startsWith('$'))) {
    throw new InvalidOperationError('Replacement document must not contain update operators');
  }
  const { _id, ...fields } = replacement;
  if (_id !== undefined && _id !== id) {
    throw new InvalidOperationError("The (immutable) field '_id' was found to have been altered");
  }
  return { _id: id, ...fields };
}

/** The `_id` a replacement-style upsert inserts: the replacement's, else the filter's equality. */
export function upsertReplacementId(filter: Filter, replacement: Document): string {
  return documentId(replacement._id ?? equalityFields(filter)._id);
}
