/**
 * The canonical JSON of a value (RFC 8785, JSON Canonicalization Scheme, for the values events
 * hold): object keys sorted by UTF-16 code units, no whitespace, strings and numbers as
 * ECMAScript's JSON.stringify writes them. Written here rather than taken from a package because
 * the offline dossier verifier must repeat it in a few lines with nothing but Node: both must
 * agree byte for byte.
 */
export function canonicalJson(value: unknown): string {
  // Most values are strings: they go first. This runs for every event hashed, appended or verified.
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`Cannot hash the number ${value}: JSON has no such value`);
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      // As JSON.stringify does, so a Date hashes as the string it is stored as.
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonicalJson((value as { toJSON: () => unknown }).toJSON());
      return Array.isArray(value) ? canonicalArray(value) : canonicalObject(value as Record<string, unknown>);
    default:
      throw new TypeError(`Cannot hash a ${typeof value}: events hold JSON values only`);
  }
}

function canonicalArray(values: unknown[]): string {
  let text = '[';
  for (let i = 0; i < values.length; i++) text += (i > 0 ? ',' : '') + canonicalJson(values[i]);
  return `${text}]`;
}

/** Field names recur in every event: each is quoted once. */
const quotedKeys = new Map<string, string>();
const QUOTED_KEYS_MAX = 10_000;

function quoted(key: string): string {
  let text = quotedKeys.get(key);
  if (text === undefined) {
    text = JSON.stringify(key);
    if (quotedKeys.size < QUOTED_KEYS_MAX) quotedKeys.set(key, text);
  }
  return text;
}

/** The canonical JSON of an object without one of its fields, with no copy of it made. */
export function canonicalObject(record: Record<string, unknown>, without?: string): string {
  const keys = Object.keys(record).sort();
  let text = '{';
  let first = true;
  for (const key of keys) {
    if (key === without) continue;
    const field = record[key];
    // An absent field and one set to undefined are the same JSON.
    if (field === undefined) continue;
    text += `${first ? '' : ','}${quoted(key)}:${canonicalJson(field)}`;
    first = false;
  }
  return `${text}}`;
}
