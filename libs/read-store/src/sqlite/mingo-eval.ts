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
  const fields = scalarEqualities(filter);
  let query: Query | undefined;
  const general = (doc: Document) => evaluate(() => (query ??= evaluate(() => new Query(filter))).test(doc));
  if (!fields) return general;
  // Plain equalities on strings and numbers (a rollup's `{ _id, field: 0 }`): compared by hand, as
  // building mingo's query costs more than the write it guards; an array on the way has MongoDB's
  // own rules (any element may match), which mingo applies.
  return (doc) => {
    for (const [parts, expected] of fields) {
      let value: unknown = doc;
      for (const part of parts) {
        if (Array.isArray(value)) return general(doc);
        value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined;
      }
      if (Array.isArray(value)) return general(doc);
      if (value !== expected) return false;
    }
    return true;
  };
}

function scalarEqualities(filter: Filter): [string[], string | number][] | null {
  const fields: [string[], string | number][] = [];
  for (const [path, value] of Object.entries(filter)) {
    if (path.startsWith('$') || (typeof value !== 'string' && (typeof value !== 'number' || !Number.isFinite(value)))) return null;
    fields.push([path.split('.'), value]);
  }
  return fields;
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
  const plans = docs.map((doc) => counterUpdate(doc, modifier));
  if (plans.every((plan) => plan !== null)) {
    for (const apply of plans) apply!();
    return;
  }
  evaluate(() => updateMany(docs, filter, modifier as Modifier));
}

const PLAIN_PATH = /^[^.$][^$]*$/;
const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `$inc` of numbers and `$unset`, on paths through plain objects only: what rollups write, batch
 * after batch. Done by hand because mingo sets up its operator context on every call, which costs
 * far more than the update; anything else (arrays, positional paths, a non-number) is left to
 * mingo (null: nothing is applied), which applies MongoDB's full rules and errors.
 */
function counterUpdate(doc: Document, modifier: Omit<UpdateDocument, '$setOnInsert'>): (() => void) | null {
  const operators = Object.keys(modifier);
  if (operators.some((operator) => operator !== '$inc' && operator !== '$unset')) return null;
  const inc = (modifier.$inc ?? {}) as Record<string, unknown>;
  const unset = (modifier.$unset ?? {}) as Record<string, unknown>;
  // Paths that overlap (\`a\` and \`a.b\`) are a conflict MongoDB refuses: mingo reports it.
  const paths = [...Object.keys(inc), ...Object.keys(unset)];
  const named = new Set(paths);
  if (named.size < paths.length) return null;
  for (const path of paths) {
    for (let dot = path.indexOf('.'); dot !== -1; dot = path.indexOf('.', dot + 1)) if (named.has(path.slice(0, dot))) return null;
  }
  const steps: (() => void)[] = [];
  for (const [path, amount] of Object.entries(inc)) {
    if (typeof amount !== 'number' || !Number.isFinite(amount) || !PLAIN_PATH.test(path) || Object.hasOwn(unset, path)) return null;
    const parts = path.split('.');
    let parent: Record<string, unknown> = doc;
    let index = 0;
    for (; index < parts.length - 1 && Object.hasOwn(parent, parts[index]); index++) {
      const next = parent[parts[index]];
      if (!isPlainObject(next)) return null;
      parent = next;
    }
    const last = parts[parts.length - 1];
    if (index === parts.length - 1 && Object.hasOwn(parent, last) && typeof parent[last] !== 'number') return null;
    const rest = parts.slice(index);
    const at = parent;
    steps.push(() => {
      let node = at;
      // Paths of one update may share a new parent: the first creates it, the next walks into it.
      for (const part of rest.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
      node[last] = ((node[last] as number | undefined) ?? 0) + amount;
    });
  }
  for (const path of Object.keys(unset)) {
    if (!PLAIN_PATH.test(path)) return null;
    const parts = path.split('.');
    steps.push(() => {
      let node: unknown = doc;
      for (const part of parts.slice(0, -1)) node = isPlainObject(node) ? node[part] : undefined;
      if (isPlainObject(node)) delete node[parts[parts.length - 1]];
    });
  }
  return () => {
    for (const step of steps) step();
  };
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
  const counters = Object.keys(seed).length === 0 && Object.keys($set).length === 0 ? counterUpdate(doc, modifier) : null;
  if (counters) {
    counters();
    return doc;
  }
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
