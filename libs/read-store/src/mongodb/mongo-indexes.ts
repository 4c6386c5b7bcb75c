import type { CreateIndexesOptions, IndexDescriptionInfo } from 'mongodb';
import { assertPortableIndex } from '../index-spec';
import type { IndexSpec, SortSpec } from '../read-store.port';

/**
 * Only a true `unique` is sent: MongoDB compares options when an index already exists, and
 * the port treats "unique: false" and no option as the same index.
 */
export function toIndexOptions(index: IndexSpec): CreateIndexesOptions {
  assertPortableIndex(index);
  const { name, unique, partialFilter } = index;
  return {
    ...(name !== undefined && { name }),
    ...(unique === true && { unique }),
    ...(partialFilter !== undefined && { partialFilterExpression: partialFilter }),
  };
}

/**
 * The port's view of a listed index, or null for `_id_` (always there, never the caller's)
 * and for keys the port cannot express (text, hashed, geo).
 */
export function fromIndexDescription(index: IndexDescriptionInfo): IndexSpec | null {
  if (index.name === '_id_') return null;
  const keys: SortSpec = {};
  for (const [field, direction] of Object.entries(index.key)) {
    if (direction !== 1 && direction !== -1) return null;
    keys[field] = direction;
  }
  return {
    keys,
    ...(index.name !== undefined && { name: index.name }),
    ...(index.unique === true && { unique: true }),
    ...(index.partialFilterExpression !== undefined && { partialFilter: index.partialFilterExpression }),
  };
}
