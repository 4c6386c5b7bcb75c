import type { CreateIndexesOptions, IndexDescriptionInfo } from 'mongodb';
import { assertPortableIndex } from '../index-spec';
import type { IndexSpec, SortSpec } from '../read-store.port';

/**
 * Only a true `unique` is sent: MongoDB compares options when an index already exists, and
 * the port treats "unique: false" and no option as the same index.
 */
export function toIndexOptions(index: IndexSpec): CreateIndexesOptions {
  assertPortableIndex(index);
  const { name, unique, partialFilter, default_language } = index;
  return {
    ...(name !== undefined && { name }),
    ...(default_language !== undefined && { default_language }),
    ...(unique === true && { unique }),
    ...(partialFilter !== undefined && { partialFilterExpression: partialFilter }),
  };
}

/**
 * The port's view of a listed index, or null for `_id_` (always there, never the caller's)
 * and for keys the port cannot express (hashed, geo). MongoDB lists a text index under
 * `{ _fts: 'text', _ftsx: 1 }` with its fields as `weights`.
 */
export function fromIndexDescription(index: IndexDescriptionInfo): IndexSpec | null {
  if (index.name === '_id_') return null;
  if (index.key._fts === 'text') {
    return {
      keys: Object.fromEntries(Object.keys(index.weights ?? {}).map((field) => [field, 'text'])),
      ...(index.name !== undefined && { name: index.name }),
      ...(index.default_language === 'none' && { default_language: 'none' }),
    };
  }
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
