import { isDeepStrictEqual } from 'node:util';
import { AGENCY_SLA_COLLECTION, AGENCY_STATS_COLLECTION } from '@lacak/projections';
import type { Filter, IndexSpec, SortSpec } from '@lacak/read-store';

/** One query the engine issues: a filter and a sort on a collection, and who issues it. */
export interface QueryShape {
  collection: string;
  filter: Filter;
  sort: SortSpec;
  source: string;
}

/**
 * Boolean flags: each at best halves what a scan reads, so they are checked on the fetched
 * documents and an index need not start with them.
 */
export const FLAGS_FILTERED_AFTER_SCAN: ReadonlySet<string> = new Set(['confidential', 'anonymous', 'isOverdue', 'isEscalated']);

/** Collections of one small document per organisation node, read whole for the national root. */
const PER_NODE_COLLECTIONS: ReadonlySet<string> = new Set([AGENCY_STATS_COLLECTION, AGENCY_SLA_COLLECTION]);

/** The root's counters and SLA sums: every document of a per-node collection, by design and with no index. */
export const readsWholePerNodeCollection = ({ collection, filter, sort }: QueryShape): boolean =>
  PER_NODE_COLLECTIONS.has(collection) && Object.keys(filter).length === 0 && Object.keys(sort).length === 0;

const isOperators = (condition: unknown): condition is Record<string, unknown> =>
  typeof condition === 'object' && condition !== null && !Array.isArray(condition) && Object.keys(condition).every((key) => key.startsWith('$'));

/**
 * Equality, in the ESR sense: a point (or a few points) of an index key. `$in` counts as one, since
 * MongoDB merges the sorted runs of its values (SORT_MERGE) instead of sorting; `$all` on an array
 * field is bounded by one of its values. Everything else (`$ne`, `$nin`, `$lte`, `$regex`) is a range.
 */
function isEquality(condition: unknown): boolean {
  return !isOperators(condition) || Object.keys(condition).every((operator) => ['$eq', '$in', '$all'].includes(operator));
}

/** Whether every document the filter matches is in the partial index, by MongoDB's implication rules for the operators the port documents. */
export function impliesPartialFilter(filter: Filter, partialFilter: Filter): boolean {
  return Object.entries(partialFilter).every(([field, required]) => {
    const condition = filter[field];
    if (!isOperators(required)) return isDeepStrictEqual(condition, required) || (isOperators(condition) && isDeepStrictEqual(condition.$eq, required));
    if (!isDeepStrictEqual(required, { $exists: true }) || condition === undefined || condition === null) return false;
    if (!isOperators(condition)) return true;
    // `$ne: null` and `$nin` with null exclude a missing field; `$ne`/`$nin` of anything else admit it.
    if ('$ne' in condition) return condition.$ne === null;
    if ('$nin' in condition) return (condition.$nin as unknown[]).includes(null);
    if ('$exists' in condition) return condition.$exists === true;
    if ('$in' in condition) return !(condition.$in as unknown[]).includes(null);
    return !('$eq' in condition) || condition.$eq !== null;
  });
}

/**
 * How many of the index's leading keys the query pins by equality, when the index serves the query
 * in equality–sort–range order; null when it does not. Served means: the keys start with fields the
 * query pins (every such field but the flags, if it pins any other), then the sort's fields in order
 * and all in the same or all in the reverse direction (fields pinned by equality may be left out of
 * the sort); a query without a sort needs a leading key it filters on. Range conditions may follow or
 * be checked on the fetched documents. A partial index serves only filters that imply its own; a
 * unique index whose every key the query pins serves it whatever else it asks.
 */
export function equalityPrefix(shape: QueryShape, index: IndexSpec): number | null {
  const { filter, sort } = shape;
  if (readsWholePerNodeCollection(shape)) return 0;
  // A `$text` query is answered from the text index (and sorted after), whatever else it filters on.
  if (Object.hasOwn(filter, '$text')) return Object.values(index.keys).includes('text') ? 0 : null;
  if (Object.values(index.keys).includes('text')) return null;
  if (index.partialFilter && !impliesPartialFilter(filter, index.partialFilter)) return null;
  // `$or` and `$and` are no field: a keyset page's `$or` narrows the index's range, checked on the keys it reads.
  const pinned = new Set(Object.keys(filter).filter((field) => !field.startsWith('$') && isEquality(filter[field])));
  const keys = Object.entries(index.keys);
  let prefix = 0;
  while (prefix < keys.length && pinned.has(keys[prefix][0])) prefix++;
  // A unique index with every key pinned finds at most one document: nothing is left to sort or scan.
  if (index.unique && prefix === keys.length) return prefix;
  const mustBound = [...pinned].some((field) => !FLAGS_FILTERED_AFTER_SCAN.has(field));
  if (mustBound && prefix === 0) return null;

  const sortKeys = Object.entries(sort).filter(([field]) => !pinned.has(field));
  if (sortKeys.length === 0) return prefix > 0 || (keys.length > 0 && Object.hasOwn(filter, keys[0][0])) ? prefix : null;
  const following = keys.slice(prefix, prefix + sortKeys.length);
  if (following.length < sortKeys.length || following.some(([field], i) => field !== sortKeys[i][0])) return null;
  const reversed = following[0][1] !== sortKeys[0][1];
  return following.every(([, direction], i) => (direction !== sortKeys[i][1]) === reversed) ? prefix : null;
}

/** The declared index that serves the shape with the most keys pinned by equality (a partial one on a tie); null when none does. */
export function servingIndex(shape: QueryShape, indexes: readonly IndexSpec[]): IndexSpec | null {
  let best: { index: IndexSpec; prefix: number } | null = null;
  for (const index of indexes) {
    const prefix = equalityPrefix(shape, index);
    if (prefix === null) continue;
    if (!best || prefix > best.prefix || (prefix === best.prefix && index.partialFilter && !best.index.partialFilter)) best = { index, prefix };
  }
  return best?.index ?? null;
}

/** A shape as a reader of a failing test needs it: who issues it, its filter and its sort. */
export const describeShape = ({ source, filter, sort }: QueryShape): string => `${source}: find(${JSON.stringify(filter)}, sort ${JSON.stringify(sort)})`;
