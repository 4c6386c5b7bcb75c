import { InvalidOperationError } from './errors';
import type { Filter, IndexSpec } from './read-store.port';

/** Whether the index is a text index (every key `'text'`). */
export const isTextIndex = (index: IndexSpec): boolean => Object.values(index.keys).includes('text');

/**
 * Refuses a text index both adapters would not build alike: text keys mixed with ordered ones,
 * a language other than `none` (MongoDB would stem), or `unique`/partial options.
 */
export function assertPortableTextIndex(index: IndexSpec): void {
  const label = index.name ?? JSON.stringify(index.keys);
  if (!isTextIndex(index)) {
    if (index.default_language !== undefined) throw new InvalidOperationError(`Index '${label}': default_language is only for text indexes`);
    return;
  }
  if (Object.values(index.keys).some((kind) => kind !== 'text')) {
    throw new InvalidOperationError(`Index '${label}' cannot mix text keys with ordered keys`);
  }
  if (index.default_language !== 'none') throw new InvalidOperationError(`Text index '${label}' needs default_language 'none'`);
  if (index.unique || index.partialFilter) throw new InvalidOperationError(`Text index '${label}' cannot be unique or partial`);
}

/** Whether `$text` appears as a key anywhere inside the value. */
function holdsText(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(([key, inner]) => key === '$text' || holdsText(inner));
}

/**
 * The plain terms of a filter's top-level `$text`, or undefined when it has none. Refuses what
 * the port does not support: `$text` inside `$and`/`$or`, options besides `$search`, phrases and
 * negated terms (whose MongoDB semantics the embedded adapter does not reproduce).
 */
export function textSearchTerms(filter: Filter): string[] | undefined {
  if (Object.entries(filter).some(([key, value]) => key !== '$text' && holdsText(value))) {
    throw new InvalidOperationError('$text is only supported at the top level of a filter');
  }
  if (!Object.hasOwn(filter, '$text')) return undefined;
  const text = filter.$text as Record<string, unknown> | null;
  if (typeof text !== 'object' || text === null || typeof text.$search !== 'string' || Object.keys(text).some((key) => key !== '$search')) {
    throw new InvalidOperationError('$text needs exactly { $search: string }');
  }
  const terms = text.$search.split(/\s+/).filter((term) => term !== '');
  if (terms.some((term) => term.includes('"') || term.startsWith('-'))) {
    throw new InvalidOperationError('$text supports plain terms only, not "phrases" or -negated terms');
  }
  return terms;
}

/** The filter without its `$text`, for evaluators that do not know the operator (the match is decided elsewhere). */
export function withoutText(filter: Filter): Filter {
  const { $text: _text, ...rest } = filter;
  return rest;
}
