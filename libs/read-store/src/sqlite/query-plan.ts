import { InvalidOperationError } from '../errors';
import type { Filter, IndexSpec } from '../read-store.port';

/** A value SQLite can compare with a key expression (booleans are tagged blobs, see `keyExpression`). */
type SqlKey = string | number | Buffer;

/**
 * How candidate rows are fetched. mingo always evaluates the whole filter on the
 * candidates, so a plan may return extra rows but must never miss a matching one.
 */
export type QueryPlan =
  | { kind: 'id'; ids: string[] }
  | { kind: 'index'; index: IndexSpec & { name: string }; field: string; keys: SqlKey[] }
  | { kind: 'scan' };

const TRUE = Buffer.from('t');
const FALSE = Buffer.from('f');
/** Blob range of the per-row keys given to documents with an array on the path. */
const MULTIKEY_RANGE = "X'6D' AND X'6E'";

/** A JSON path with every segment quoted, so field names are never read as path syntax. */
function jsonPath(segments: string[]): string {
  return `'$.${segments.map((segment) => `"${segment}"`).join('.')}'`;
}

/**
 * The SQL expression an index stores for a MongoDB field path. json_extract alone would
 * break MongoDB semantics, so: a path through an array (a multikey value MongoDB matches
 * element-wise) gets a row-unique blob in MULTIKEY_RANGE, which every prefilter includes;
 * objects and booleans get tagged blobs so they never equal strings or numbers; null and
 * missing share one key so unique indexes treat them as duplicates, as MongoDB does.
 */
export function keyExpression(field: string): string {
  const segments = field.split('.');
  if (segments.some((segment) => segment === '' || /["'$]/.test(segment))) {
    throw new InvalidOperationError(`Cannot index '${field}': empty segments, quotes and '$' are not supported`);
  }
  const path = jsonPath(segments);
  const arrayOnPath = segments
    .map((_, i) => `json_type(doc, ${jsonPath(segments.slice(0, i + 1))}) = 'array'`)
    .join(' OR ');
  return (
    `(CASE WHEN ${arrayOnPath} THEN CAST('m' || _id AS BLOB) ELSE CASE json_type(doc, ${path}) ` +
    `WHEN 'object' THEN CAST('o' || json_extract(doc, ${path}) AS BLOB) ` +
    `WHEN 'true' THEN X'74' WHEN 'false' THEN X'66' ` +
    `ELSE ifnull(json_extract(doc, ${path}), X'') END END)`
  );
}

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const first = Object.keys(value)[0];
  return first !== undefined && first.startsWith('$');
}

function sqlKey(value: unknown): SqlKey | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'boolean') return value ? TRUE : FALSE;
  return undefined;
}

/** The scalar values a condition is restricted to (equality, `$eq` or `$in`), if it is. */
function equalityKeys(condition: unknown): SqlKey[] | undefined {
  if (!isOperatorObject(condition)) {
    const key = sqlKey(condition);
    return key === undefined ? undefined : [key];
  }
  if ('$eq' in condition) return equalityKeys(condition.$eq);
  if (!Array.isArray(condition.$in)) return undefined;
  const keys = condition.$in.map(sqlKey);
  return keys.every((key) => key !== undefined) ? (keys as SqlKey[]) : undefined;
}

export function planQuery(filter: Filter, indexes: (IndexSpec & { name: string })[]): QueryPlan {
  if (Object.hasOwn(filter, '_id')) {
    const ids = equalityKeys(filter._id);
    if (ids?.every((id) => typeof id === 'string')) return { kind: 'id', ids: ids as string[] };
  }
  for (const index of indexes) {
    const field = Object.keys(index.keys)[0];
    if (!Object.hasOwn(filter, field)) continue;
    const keys = equalityKeys(filter[field]);
    if (keys) return { kind: 'index', index, field, keys };
  }
  return { kind: 'scan' };
}

/** The SELECT that fetches a plan's candidate documents, with its parameters. */
export function candidateQuery(table: string, plan: QueryPlan): { sql: string; params: SqlKey[] } {
  const select = `SELECT doc FROM ${table}`;
  const placeholders = (count: number) => Array(count).fill('?').join(', ');
  switch (plan.kind) {
    case 'id':
      return { sql: `${select} WHERE _id IN (${placeholders(plan.ids.length)})`, params: plan.ids };
    case 'index': {
      const key = keyExpression(plan.field);
      const sql = `${select} WHERE ${key} IN (${placeholders(plan.keys.length)}) OR ${key} BETWEEN ${MULTIKEY_RANGE}`;
      return { sql, params: plan.keys };
    }
    case 'scan':
      return { sql: select, params: [] };
  }
}
