import type { Filter } from '../read-store.port';

/** A statement and its parameters, apart from the document text the caller binds. */
export interface KeyedStatement {
  sql: string;
  params: (string | number)[];
}

/** Top-level field names a JSON path can hold unquoted and mingo reads as plain fields. */
const PLAIN_FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The document a filter names by `_id`, with equalities on top-level numbers or strings as
 * guards: `{ _id, lastPosition }`, as a projection writes back what it loaded. Such writes run
 * in SQL alone, with no document read or evaluated; any other filter is null, for mingo.
 */
function keyOf(filter: Filter): { id: string; guards: [string, string | number][] } | null {
  const { _id: id, ...rest } = filter;
  if (typeof id !== 'string') return null;
  const guards: [string, string | number][] = [];
  for (const [field, value] of Object.entries(rest)) {
    const scalar = typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
    if (!PLAIN_FIELD.test(field) || !scalar) return null;
    guards.push([field, value]);
  }
  return { id, guards };
}

/**
 * `_id = ?` and each guard as SQL. A guard holds only for the same number or the same string;
 * MongoDB also matches an array holding the value, which these conditions miss: a miss is
 * handed to mingo, which decides.
 */
function keyCondition(key: { id: string; guards: [string, string | number][] }): KeyedStatement {
  const conditions = ['_id = ?'];
  const params: (string | number)[] = [key.id];
  for (const [field, value] of key.guards) {
    const path = `'$.${field}'`;
    const type = typeof value === 'number' ? `IN ('integer', 'real')` : `= 'text'`;
    conditions.push(`json_type(doc, ${path}) ${type} AND json_extract(doc, ${path}) = ?`);
    params.push(value);
  }
  return { sql: conditions.join(' AND '), params };
}

/**
 * Replaces the document the filter names, when it holds other text: bind the new text, then
 * `params`, then the new text again. One change means replaced; none means the guard missed,
 * the text was the same, or the filter needs mingo: the caller then takes the general path.
 */
export function keyedReplace(table: string, filter: Filter): KeyedStatement | null {
  const key = keyOf(filter);
  if (!key) return null;
  const where = keyCondition(key);
  return { sql: `UPDATE ${table} SET doc = ? WHERE ${where.sql} AND doc IS NOT ?`, params: where.params };
}

/** Deletes the document the filter names; no change means the caller takes the general path. */
export function keyedDelete(table: string, filter: Filter): KeyedStatement | null {
  const key = keyOf(filter);
  if (!key) return null;
  const where = keyCondition(key);
  return { sql: `DELETE FROM ${table} WHERE ${where.sql}`, params: where.params };
}
