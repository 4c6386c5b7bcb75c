import { InvalidOperationError } from './errors';
import type { IndexSpec } from './read-store.port';
import { assertPortableTextIndex } from './text-search';

/** Both adapters refuse a unique partial index: MongoDB would enforce uniqueness within the filter, the embedded adapter over every document. */
export function assertPortableIndex(index: IndexSpec): void {
  assertPortableTextIndex(index);
  const { keys, name, unique, partialFilter } = index;
  if (unique && partialFilter) {
    throw new InvalidOperationError(`Index '${name ?? JSON.stringify(keys)}' cannot be both unique and partial`);
  }
}
