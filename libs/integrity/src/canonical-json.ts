/**
 * The canonical JSON of a value (RFC 8785, JSON Canonicalization Scheme, for the values events
 * hold): object keys sorted by UTF-16 code units, no whitespace, strings and numbers as
 * ECMAScript's JSON.stringify writes them. Written here rather than taken from a package because
 * the offline dossier verifier must repeat it in a few lines with nothing but Node: both must
 * agree byte for byte.
 */
export function canonicalJson(value: unknown): string {
  // As JSON.stringify does, so a Date hashes as the string it is stored as.
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return canonicalJson((value as { toJSON: () => unknown }).toJSON());
  }
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`Cannot hash the number ${value}: JSON has no such value`);
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
      throw new TypeError(`Cannot hash a ${typeof value}: events hold JSON values only`);
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) text += (i > 0 ? ',' : '') + canonicalJson(value[i]);
    return `${text}]`;
  }
  // A plain loop: this runs for every event hashed, appended or verified.
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let text = '{';
  let first = true;
  for (const key of keys) {
    const field = record[key];
    // An absent field and one set to undefined are the same JSON.
    if (field === undefined) continue;
    text += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(field)}`;
    first = false;
  }
  return `${text}}`;
}
