import { InvalidOperationError } from '../errors';
import type { Filter, IndexSpec, SortSpec } from '../read-store.port';
import { textSearchTerms } from '../text-search';

/** A value bound to a statement (booleans and null are tagged blobs, see `keyExpression`). */
export type SqlParam = string | number | Buffer;

/** A piece of SQL with its parameters, in order. */
export interface Sql {
  sql: string;
  params: SqlParam[];
}

/**
 * The WHERE conditions for a filter. Each condition is true for every document mingo
 * matches; when `exact`, together they are true for no other, so SQLite's answer is
 * mingo's answer. Otherwise mingo filters the rows they select.
 */
export interface FilterPlan {
  conditions: Sql[];
  exact: boolean;
  /** Top-level fields no matching document holds null at or lacks (their key is never X''). */
  nonNull: Set<string>;
}

/**
 * A multikey side table of an ordered index whose leading field is a top-level field: one row per
 * distinct element of that field's array (keyed as `keyExpression` keys scalars), with the index's
 * other keys of the document and its rowid. The index itself keys a document holding an array
 * there with a row-unique blob, so without this table a filter on an element (`agencyPath: 'id-32'`)
 * would read every document; with it, counts and candidate sets come from one index range.
 * Documents whose leading field is not an array have no rows here: the index serves them.
 */
export interface MultikeyIndex {
  /** The side table's name. */
  name: string;
  /** The side table, quoted. */
  table: string;
  /** The collection's own index it belongs to, quoted. */
  index: string;
  /** The index's key fields; column `k<i>` holds field `i`'s key, `k0` the element's. */
  fields: string[];
}

/** What the planner needs to know about the collection. */
export interface PlanContext {
  /** The ordered (non-text) indexes. */
  indexes: (IndexSpec & { name: string })[];
  /** The collection's FTS5 table (quoted), when it has a text index. */
  textTable?: string;
  /**
   * False only when no document holds an array at this top-level field (the index probe
   * found none), so an equality needs no array-membership branch.
   */
  mayHoldArray(field: string): boolean;
  /** The multikey side tables that exist (see `MultikeyIndex`). */
  multikey: MultikeyIndex[];
  /** The expression holding a field's key, when not `keyExpression` (a side table's column). */
  keyColumn?: (field: string) => string;
}

const TRUE = Buffer.from('t');
const FALSE = Buffer.from('f');
/** The key of null and missing values. */
const NONE = Buffer.alloc(0);
/** Blob range of the per-row keys given to documents with an array on the path. */
const MULTIKEY_RANGE = "X'6D' AND X'6E'";
/**
 * GLOB pattern of strings holding a character at or above U+D800 (lone surrogates read as
 * U+FFFD): the only characters where SQLite's byte order (code points) and JavaScript's
 * (UTF-16 code units) disagree.
 */
export const HIGH_CHARACTERS = '*[\uE000-\u{10FFFF}]*';
/**
 * JSON.stringify writes a whole number below 1e21 as digits, which SQLite reads as an int64
 * when it fits. Up to 2^53 that is the double JavaScript reads; above, the digits may differ
 * from the double (2^62 + 2^10 is written 4611686018427389000), so SQLite would compare a
 * different number. Beyond int64 SQLite reads a double, correctly rounded.
 */
const exactInSqlite = (n: number) => !Number.isInteger(n) || Math.abs(n) <= 2 ** 53 || Math.abs(n) >= 2 ** 63;

/** A JSON path with every segment quoted, so field names are never read as path syntax. */
export function jsonPath(segments: string[]): string {
  return `'$.${segments.map((segment) => `"${segment}"`).join('.')}'`;
}

/**
 * The SQL expression an index stores for a MongoDB field path. json_extract alone would
 * break MongoDB semantics, so: a path through an array (a multikey value MongoDB matches
 * element-wise) gets a row-unique blob in MULTIKEY_RANGE, which every prefilter includes;
 * objects and booleans get tagged blobs so they never equal strings or numbers; null and
 * missing share one key so unique indexes treat them as duplicates, as MongoDB does.
 * Strings and numbers are themselves, so they order as SQLite orders them (numbers first).
 */
export function keyExpression(field: string, doc = 'doc', id = '_id'): string {
  const segments = field.split('.');
  if (segments.some((segment) => segment === '' || /["'$]/.test(segment))) {
    throw new InvalidOperationError(`Cannot index '${field}': empty segments, quotes and '$' are not supported`);
  }
  const path = jsonPath(segments);
  const arrayOnPath = segments
    .map((_, i) => `json_type(${doc}, ${jsonPath(segments.slice(0, i + 1))}) = 'array'`)
    .join(' OR ');
  return (
    `(CASE WHEN ${arrayOnPath} THEN CAST('m' || ${id} AS BLOB) ELSE CASE json_type(${doc}, ${path}) ` +
    `WHEN 'object' THEN CAST('o' || json_extract(${doc}, ${path}) AS BLOB) ` +
    `WHEN 'true' THEN X'74' WHEN 'false' THEN X'66' ` +
    `ELSE ifnull(json_extract(${doc}, ${path}), X'') END END)`
  );
}

/** The key expression's value for documents holding an array at `field`. */
export function multikeyCondition(field: string): string {
  return `${keyExpression(field)} BETWEEN ${MULTIKEY_RANGE}`;
}

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const first = Object.keys(value)[0];
  return first !== undefined && first.startsWith('$');
}

/** An object mingo reads as a query: a plain object, also one without a prototype. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Well-formed: SQLite holds it as the UTF-8 of the same characters (a lone surrogate is not). */
const wellFormed = (text: string) => !LONE_SURROGATE.test(text);

/**
 * Top-level fields the pushdown handles. Others (dotted paths, which may cross arrays,
 * and names JSON paths or mingo treat specially) stay with mingo.
 */
export function isPlainField(field: string): boolean {
  return /^[A-Za-z0-9_-]+$/.test(field) && field !== '__proto__';
}

type Scalar = string | number | boolean | null;

/**
 * Values SQLite compares exactly as mingo does: well-formed strings, numbers SQLite holds
 * as the same double JavaScript parses, booleans and null (as tagged keys).
 */
function isScalar(value: unknown): value is Scalar {
  if (typeof value === 'string') return wellFormed(value);
  if (typeof value === 'number') {
    return Number.isFinite(value) && exactInSqlite(value);
  }
  return typeof value === 'boolean' || value === null;
}

function scalars(values: unknown): Scalar[] | undefined {
  return Array.isArray(values) && values.every(isScalar) ? values : undefined;
}

/** The index key of a scalar: what `keyExpression` yields for a document holding it. */
function keyOf(value: Scalar): SqlParam {
  if (value === null) return NONE;
  if (typeof value === 'boolean') return value ? TRUE : FALSE;
  return value;
}

const placeholders = (count: number) => Array(count).fill('?').join(', ');
const TRUE_SQL: Sql = { sql: '1', params: [] };
const FALSE_SQL: Sql = { sql: '0', params: [] };

function and(parts: Sql[]): Sql {
  if (parts.length === 0) return TRUE_SQL;
  if (parts.length === 1) return parts[0];
  return { sql: parts.map((part) => `(${part.sql})`).join(' AND '), params: parts.flatMap((part) => part.params) };
}

function or(parts: Sql[]): Sql {
  if (parts.length === 0) return FALSE_SQL;
  if (parts.length === 1) return parts[0];
  return { sql: parts.map((part) => `(${part.sql})`).join(' OR '), params: parts.flatMap((part) => part.params) };
}

const not = (part: Sql): Sql => ({ sql: `NOT (${part.sql})`, params: part.params });

/** json_each row test: the element equals one of `values` (no type conversions: 1 is not true nor '1'). */
function elementIn(values: Scalar[]): Sql {
  const texts = values.filter((v): v is string => typeof v === 'string');
  const numbers = values.filter((v): v is number => typeof v === 'number');
  const parts: Sql[] = [];
  if (texts.length) parts.push({ sql: `type = 'text' AND value IN (${placeholders(texts.length)})`, params: texts });
  if (numbers.length) {
    parts.push({ sql: `type IN ('integer', 'real') AND value IN (${placeholders(numbers.length)})`, params: numbers });
  }
  for (const [value, type] of [[true, 'true'], [false, 'false'], [null, 'null']] as const) {
    if (values.includes(value)) parts.push({ sql: `type = '${type}'`, params: [] });
  }
  return or(parts);
}

/**
 * mingo's `$in` (and `$eq`, one value) on a top-level field: the value is one of `values`,
 * or it is an array with an element that is (one level: nested arrays never match); null
 * also matches a missing field. The key expression decides scalars (its tagged keys keep
 * types apart), json_each decides arrays.
 */
function anyOf(field: string, values: Scalar[], context: PlanContext): Sql {
  if (values.length === 0) return FALSE_SQL;
  const keys = values.map(keyOf);
  const key = context.keyColumn?.(field) ?? keyExpression(field);
  const direct: Sql = { sql: `${key} IN (${placeholders(keys.length)})`, params: keys };
  if (!context.mayHoldArray(field)) return direct;
  const side = context.multikey.find((index) => index.fields[0] === field);
  if (side) {
    return { sql: `${direct.sql} OR rowid IN (SELECT rid FROM ${side.table} WHERE k0 IN (${placeholders(keys.length)}))`, params: [...keys, ...keys] };
  }
  const element = elementIn(values);
  return {
    sql:
      `${direct.sql} OR (${key} BETWEEN ${MULTIKEY_RANGE} AND ` +
      `EXISTS (SELECT 1 FROM json_each(doc, ${jsonPath([field])}) WHERE ${element.sql}))`,
    params: [...direct.params, ...element.params],
  };
}

const RANGE_OPERATORS: Record<string, string> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };

/**
 * A range operand SQLite compares as mingo does: a finite number SQLite holds exactly, or a
 * well-formed string below U+D800 throughout (above it, byte order and UTF-16 order may differ).
 */
function isRangeOperand(value: unknown): value is string | number {
  if (typeof value === 'number') return Number.isFinite(value) && exactInSqlite(value);
  return typeof value === 'string' && !/[\uD800-\uFFFF]/.test(value);
}

/**
 * A key in range of `operand`, within its type as mingo compares (strings with strings, numbers
 * with numbers): numbers key below text, and text below blobs, so one more bound keeps the type.
 */
function keyInRange(key: string, comparison: string, operand: string | number): Sql {
  const upward = comparison.startsWith('>');
  const typeBound = typeof operand === 'number' ? (upward ? ` AND ${key} < ''` : '') : upward ? ` AND ${key} < X''` : ` AND ${key} >= ''`;
  return { sql: `${key} ${comparison} ?${typeBound}`, params: [operand] };
}

/** mingo's `$gt`/`$gte`/`$lt`/`$lte` on a top-level field: the value in range, or an array with an element in range. */
function inRange(field: string, comparison: string, operand: string | number, context: PlanContext): Sql {
  const direct = keyInRange(context.keyColumn?.(field) ?? keyExpression(field), comparison, operand);
  if (!context.mayHoldArray(field)) return direct;
  const side = context.multikey.find((index) => index.fields[0] === field);
  if (side) {
    const element = keyInRange('k0', comparison, operand);
    return { sql: `${direct.sql} OR rowid IN (SELECT rid FROM ${side.table} WHERE ${element.sql})`, params: [...direct.params, ...element.params] };
  }
  const type = typeof operand === 'number' ? `type IN ('integer', 'real')` : `type = 'text'`;
  return {
    sql: `${direct.sql} OR (${multikeyCondition(field)} AND EXISTS (SELECT 1 FROM json_each(doc, ${jsonPath([field])}) WHERE ${type} AND value ${comparison} ?))`,
    params: [...direct.params, operand],
  };
}

/** mingo's `$all` of scalars: an array holding each value (a scalar field never matches). */
function allOf(field: string, values: Scalar[], context: PlanContext): Sql {
  if (values.length === 0) return FALSE_SQL;
  // The side table holds the elements of arrays only: one lookup per value (a subtree within a subtree).
  const side = context.multikey.find((index) => index.fields[0] === field);
  if (side) return and(values.map((value) => ({ sql: `rowid IN (SELECT rid FROM ${side.table} WHERE k0 = ?)`, params: [keyOf(value)] })));
  const path = jsonPath([field]);
  return and([
    { sql: `json_type(doc, ${path}) IS 'array'`, params: [] },
    ...values.map((value) => {
      const element = elementIn([value]);
      return { sql: `EXISTS (SELECT 1 FROM json_each(doc, ${path}) WHERE ${element.sql})`, params: element.params };
    }),
  ]);
}

const REGEX_META = new Set('\\^$.*+?()[]{}|');
const REGEX_ESCAPED = new Set('\\^$.*+?()[]{}|/-');

/** The text a regex source matches literally (only identity escapes of punctuation), if it does. */
function literalPattern(source: string): string | undefined {
  let text = '';
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') {
      const escaped = source[i + 1];
      if (escaped === undefined || !REGEX_ESCAPED.has(escaped)) return undefined;
      text += escaped;
      i++;
    } else if (REGEX_META.has(char)) {
      return undefined;
    } else {
      text += char;
    }
  }
  return wellFormed(text) ? text : undefined;
}

/**
 * mingo's `$regex` with a literal pattern and no flags: a string containing the text, or
 * an array with such a string as an element or as an element of an element array.
 */
function contains(field: string, text: string): Sql {
  const path = jsonPath([field]);
  return {
    sql:
      `(json_type(doc, ${path}) IS 'text' AND instr(json_extract(doc, ${path}), ?) > 0) OR ` +
      `(json_type(doc, ${path}) IS 'array' AND EXISTS (SELECT 1 FROM json_each(doc, ${path}) AS e WHERE ` +
      `(e.type = 'text' AND instr(e.value, ?) > 0) OR (e.type = 'array' AND ` +
      `EXISTS (SELECT 1 FROM json_each(e.value) AS g WHERE g.type = 'text' AND instr(g.value, ?) > 0))))`,
    params: [text, text, text],
  };
}

function regexText(condition: Record<string, unknown>): string | undefined {
  const { $regex: pattern, $options: options } = condition;
  if (pattern instanceof RegExp) return options === undefined && pattern.flags === '' ? literalPattern(pattern.source) : undefined;
  if (typeof pattern !== 'string' || (options !== undefined && options !== '')) return undefined;
  return literalPattern(pattern);
}

/** The exact SQL for one operator on a top-level field, if there is one. */
function operatorCondition(field: string, operator: string, operand: unknown, context: PlanContext): Sql | undefined {
  switch (operator) {
    case '$eq':
      return isScalar(operand) ? anyOf(field, [operand], context) : undefined;
    case '$ne':
      return isScalar(operand) ? not(anyOf(field, [operand], context)) : undefined;
    case '$in': {
      const values = scalars(operand);
      return values && anyOf(field, values, context);
    }
    case '$nin': {
      const values = scalars(operand);
      return values && not(anyOf(field, values, context));
    }
    case '$all': {
      const values = scalars(operand);
      return values && allOf(field, values, context);
    }
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte':
      return isRangeOperand(operand) ? inRange(field, RANGE_OPERATORS[operator], operand, context) : undefined;
    case '$exists':
      if (typeof operand !== 'boolean' && typeof operand !== 'number') return undefined;
      return { sql: `json_type(doc, ${jsonPath([field])}) IS ${operand ? 'NOT ' : ''}NULL`, params: [] };
    default:
      return undefined;
  }
}

/** `_id` is the primary key column, always a string equal to the document's. */
function idCondition(condition: unknown): Sql | undefined {
  const strings = (values: unknown) =>
    Array.isArray(values) && values.every((v) => typeof v === 'string' && wellFormed(v)) ? (values as string[]) : undefined;
  const inList = (values: string[], negate: boolean): Sql =>
    values.length === 0
      ? (negate ? TRUE_SQL : FALSE_SQL)
      : { sql: `_id ${negate ? 'NOT ' : ''}IN (${placeholders(values.length)})`, params: values };
  if (!isOperatorObject(condition)) {
    return typeof condition === 'string' && wellFormed(condition) ? inList([condition], false) : undefined;
  }
  const parts: Sql[] = [];
  for (const [operator, operand] of Object.entries(condition)) {
    if (operator in RANGE_OPERATORS) {
      // `_id` is always a string here: a string operand below U+D800 compares as mingo does; mingo decides others.
      if (typeof operand !== 'string' || !isRangeOperand(operand)) return undefined;
      parts.push({ sql: `_id ${RANGE_OPERATORS[operator]} ?`, params: [operand] });
      continue;
    }
    const list = operator === '$eq' || operator === '$ne' ? strings([operand]) : strings(operand);
    if (!list || !['$eq', '$ne', '$in', '$nin'].includes(operator)) return undefined;
    parts.push(inList(list, operator === '$ne' || operator === '$nin'));
  }
  return and(parts);
}

/**
 * Whether an exactly translated condition rejects null and missing values: mingo's equality
 * and `$in` with non-null values, `$ne: null`, `$nin` with null, `$regex` and `$all`.
 */
function rejectsNull(condition: unknown): boolean {
  if (!isOperatorObject(condition)) return condition !== null;
  return Object.entries(condition).some(
    ([operator, operand]) =>
      (operator === '$eq' && operand !== null) ||
      (operator === '$in' && Array.isArray(operand) && !operand.includes(null)) ||
      (operator === '$ne' && operand === null) ||
      (operator === '$nin' && Array.isArray(operand) && operand.includes(null)) ||
      operator === '$regex' ||
      operator === '$all' ||
      (operator in RANGE_OPERATORS && operand !== null),
  );
}

/** The exact SQL for `{ field: condition }`, if every part of it has one. */
function fieldCondition(field: string, condition: unknown, context: PlanContext): Sql | undefined {
  if (field === '_id') return idCondition(condition);
  if (!isPlainField(field)) return undefined;
  if (condition instanceof RegExp) {
    const text = regexText({ $regex: condition });
    return text === undefined ? undefined : contains(field, text);
  }
  if (!isOperatorObject(condition)) return isScalar(condition) ? anyOf(field, [condition], context) : undefined;
  // mingo rejects an object mixing operators and fields; so does the fallback.
  if (Object.keys(condition).some((key) => !key.startsWith('$'))) return undefined;
  const parts: Sql[] = [];
  for (const [operator, operand] of Object.entries(condition)) {
    if (operator === '$options') {
      if (!('$regex' in condition)) return undefined;
      continue;
    }
    if (operator === '$regex') {
      const text = regexText(condition);
      if (text === undefined) return undefined;
      parts.push(contains(field, text));
      continue;
    }
    const part = operatorCondition(field, operator, operand, context);
    if (!part) return undefined;
    parts.push(part);
  }
  return and(parts);
}

/** A scalar's index key, with the exact-value rules of `isScalar`; null gets no prefilter, as before. */
function sqlKey(value: unknown): SqlParam | undefined {
  return value !== null && isScalar(value) ? keyOf(value) : undefined;
}

/** The scalar values a condition is restricted to (equality, `$eq` or `$in`), if it is. */
function equalityKeys(condition: unknown): SqlParam[] | undefined {
  if (!isOperatorObject(condition)) {
    const key = sqlKey(condition);
    return key === undefined ? undefined : [key];
  }
  if ('$eq' in condition) return equalityKeys(condition.$eq);
  if (!Array.isArray(condition.$in)) return undefined;
  const keys = condition.$in.map(sqlKey);
  return keys.every((key) => key !== undefined) ? (keys as SqlParam[]) : undefined;
}

/**
 * A superset condition for a filter entry SQL cannot decide exactly: its values through
 * the primary key or an index on its path (arrays on the path always pass), as before
 * pushdown. mingo then decides.
 */
function prefilter(field: string, condition: unknown, context: PlanContext): Sql | undefined {
  const keys = equalityKeys(condition);
  if (!keys?.length) return undefined;
  if (field === '_id') {
    return keys.every((key) => typeof key === 'string') ? { sql: `_id IN (${placeholders(keys.length)})`, params: keys } : undefined;
  }
  if (!context.indexes.some((index) => Object.keys(index.keys)[0] === field)) return undefined;
  const key = keyExpression(field);
  return { sql: `${key} IN (${placeholders(keys.length)}) OR ${key} BETWEEN ${MULTIKEY_RANGE}`, params: keys };
}

/**
 * The SQL a text index stores for a document: the strings at the text fields (also those in an
 * array there, as MongoDB indexes them), space-separated; other values are not indexed.
 */
export function textExpression(fields: string[], doc: string): string {
  const parts = fields.map((field) => {
    keyExpression(field); // Refuses the paths keyExpression refuses.
    const path = jsonPath(field.split('.'));
    return (
      `ifnull(CASE json_type(${doc}, ${path}) WHEN 'text' THEN json_extract(${doc}, ${path}) ` +
      `WHEN 'array' THEN (SELECT group_concat(value, ' ') FROM json_each(${doc}, ${path}) WHERE type = 'text') END, '')`
    );
  });
  return parts.join(` || ' ' || `);
}

/**
 * `$text` through the FTS5 table: any of the terms' words as a whole word (FTS5's unicode61
 * tokenizer folds case and diacritics, as MongoDB's text index does). Each word is an FTS5 string,
 * so nothing in it is read as query syntax; a term that holds punctuation, like a tracking id
 * `LPR-7K3Q`, is split into its words, which MongoDB also matches one by one.
 */
function textCondition(terms: string[], context: PlanContext): Sql {
  if (!context.textTable) throw new InvalidOperationError('$text needs a text index on the collection');
  const words = terms.flatMap((term) => term.split(/[^\p{L}\p{N}\p{M}\p{Co}]+/u)).filter((word) => word !== '');
  if (words.length === 0) return FALSE_SQL;
  return {
    sql: `rowid IN (SELECT rowid FROM ${context.textTable} WHERE ${context.textTable} MATCH ?)`,
    params: [words.map((word) => `"${word}"`).join(' OR ')],
  };
}

/** Translates a filter into WHERE conditions: exact ones where SQL can match as mingo does, prefilters elsewhere. */
export function planFilter(filter: Filter, context: PlanContext): FilterPlan {
  const conditions: Sql[] = [];
  const nonNull = new Set<string>();
  let exact = true;
  for (const [field, condition] of Object.entries(filter)) {
    if (field === '$text') {
      conditions.push(textCondition(textSearchTerms({ $text: condition }) ?? [], context));
      continue;
    }
    if (field === '$and' && Array.isArray(condition) && condition.every(isPlainObject)) {
      for (const part of condition) {
        const plan = planFilter(part, context);
        conditions.push(...plan.conditions);
        for (const nonNullField of plan.nonNull) nonNull.add(nonNullField);
        exact &&= plan.exact;
      }
      continue;
    }
    if (field === '$or' && Array.isArray(condition) && condition.every(isPlainObject)) {
      const branches = condition.map((branch) => planFilter(branch, context));
      if (branches.every((branch) => branch.exact)) {
        conditions.push(or(branches.map((branch) => and(branch.conditions))));
        continue;
      }
    }
    const exactCondition = field.startsWith('$') ? undefined : fieldCondition(field, condition, context);
    if (exactCondition) {
      conditions.push(exactCondition);
      if (isPlainField(field) && rejectsNull(condition)) nonNull.add(field);
      continue;
    }
    exact = false;
    const superset = field.startsWith('$') ? undefined : prefilter(field, condition, context);
    if (superset) conditions.push(superset);
  }
  return { conditions, exact, nonNull };
}

const KEY_OPERATORS = new Set(['$eq', '$ne', '$in', '$nin', ...Object.keys(RANGE_OPERATORS)]);

/** A condition decided by the field's key alone, once the field holds no array: no `$exists`, regex or `$all`. */
const decidedByKey = (condition: unknown) =>
  isScalar(condition) || (isOperatorObject(condition) && Object.keys(condition).every((operator) => KEY_OPERATORS.has(operator)));

/**
 * `countDocuments(filter)` from indexes alone, when a multikey side table covers the filter: an
 * equality or `$in` on its leading field, and conditions on its other keys only, none of which
 * holds an array anywhere. Documents holding an array at the leading field are counted in the side
 * table, the others (whose key is their value) through the collection's own indexes.
 */
export function coveredCount(filter: Filter, table: string, context: PlanContext): Sql | undefined {
  const fields = Object.keys(filter);
  for (const side of context.multikey) {
    const [leading, ...others] = side.fields;
    const keys = Object.hasOwn(filter, leading) ? equalityKeys(filter[leading]) : undefined;
    if (!keys?.length || !context.mayHoldArray(leading)) continue;
    const rest = fields.filter((field) => field !== leading);
    const coverable = rest.every((field) => field !== '_id' && others.includes(field) && decidedByKey(filter[field]) && !context.mayHoldArray(field));
    if (!coverable) continue;
    const restFilter = Object.fromEntries(rest.map((field) => [field, filter[field]]));
    const scalars = planFilter(restFilter, context);
    const elements = planFilter(restFilter, { ...context, keyColumn: (field) => `k${side.fields.indexOf(field)}` });
    if (!scalars.exact || !elements.exact) continue;
    const inKeys = `IN (${placeholders(keys.length)})`;
    const scalarWhere = and([{ sql: `${keyExpression(leading)} ${inKeys}`, params: keys }, ...scalars.conditions]);
    const elementWhere = and([{ sql: `k0 ${inKeys}`, params: keys }, ...elements.conditions]);
    // One row per document and element: with one key a document has at most one matching row.
    const counted = keys.length === 1 ? 'count(*)' : 'count(DISTINCT rid)';
    return {
      sql: `SELECT (SELECT count(*) FROM ${table} WHERE ${scalarWhere.sql}) + (SELECT ${counted} FROM ${side.table} WHERE ${elementWhere.sql})`,
      params: [...scalarWhere.params, ...elementWhere.params],
    };
  }
  return undefined;
}

export function whereClause(plan: FilterPlan): Sql {
  if (plan.conditions.length === 0) return { sql: '', params: [] };
  const { sql, params } = and(plan.conditions);
  return { sql: ` WHERE ${sql}`, params };
}

/** A sort SQLite can apply: top-level fields (or `_id`), 1 or -1. */
export type SortKey = { field: string; descending: boolean };

export function sortKeys(sort: SortSpec): SortKey[] | undefined {
  const entries = Object.entries(sort);
  if (entries.length === 0) return undefined;
  const keys: SortKey[] = [];
  for (const [field, direction] of entries) {
    if ((direction !== 1 && direction !== -1) || !(field === '_id' || isPlainField(field))) return undefined;
    keys.push({ field, descending: direction === -1 });
  }
  return keys;
}

/** The expression a sort key orders by: the index key expression, so an index can supply the order. */
export const sortExpression = (field: string) => (field === '_id' ? '_id' : keyExpression(field));

/**
 * ORDER BY for keys the guard has checked (strings without characters from U+D800, and
 * numbers): SQLite orders those as mingo does, numbers before strings. mingo's sort is
 * stable over the documents in table order, so ties without `_id` fall back to rowid.
 */
export function orderBy(keys: SortKey[]): string {
  const terms = keys.map(({ field, descending }) => `${sortExpression(field)} ${descending ? 'DESC' : 'ASC'}`);
  if (!keys.some(({ field }) => field === '_id')) terms.push('rowid ASC');
  return ` ORDER BY ${terms.join(', ')}`;
}

/**
 * ORDER BY with LIMIT/OFFSET over the whole collection, when an index holds the first key:
 * the first key's value at the page's last position is found from that index alone, so only
 * the documents up to it (ties included, hence the same page) are read and sorted.
 */
export function boundedOrderBy(table: string, keys: SortKey[], skip: number, limit: number): Sql {
  const [{ field, descending }] = keys;
  const value = sortExpression(field);
  // Every value is a number or a string (the guard checked): -Infinity and a blob bound them all.
  const bound = descending
    ? `${value} >= coalesce((SELECT ${value} FROM ${table} ORDER BY ${value} DESC LIMIT 1 OFFSET ?), -9e999)`
    : `${value} <= coalesce((SELECT ${value} FROM ${table} ORDER BY ${value} ASC LIMIT 1 OFFSET ?), X'FF')`;
  return {
    sql: `SELECT doc FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} WHERE ${bound})${orderBy(keys)} LIMIT ? OFFSET ?`,
    params: [skip + limit - 1, limit, skip],
  };
}

/** What a sort key holds across the collection; see `SqliteCollection.orderable`. */
export interface SortFacts {
  /** Some string SQLite orders differently from JavaScript (see `HIGH_CHARACTERS`) or holding NUL. */
  unorderableText: boolean;
  /** Some boolean, object or array (blob keys above X''). */
  blobs: boolean;
  /** Some null or missing value (key X''). */
  nulls: boolean;
}

/** One query for a field's `SortFacts`, as three columns. */
export function sortFactsQuery(table: string, field: string): Sql {
  const value = sortExpression(field);
  const text = `(${value} GLOB ? OR instr(CAST(${value} AS BLOB), X'00') > 0)`;
  if (field === '_id') return { sql: `SELECT EXISTS (SELECT 1 FROM ${table} WHERE ${text}), 0, 0`, params: [HIGH_CHARACTERS] };
  return {
    sql:
      `SELECT EXISTS (SELECT 1 FROM ${table} WHERE ${value} < X'' AND ${text}), ` +
      `EXISTS (SELECT 1 FROM ${table} WHERE ${value} > X''), EXISTS (SELECT 1 FROM ${table} WHERE ${value} = X'')`,
    params: [HIGH_CHARACTERS],
  };
}

/**
 * True for a sort value SQLite would not order as mingo does: null, missing, booleans,
 * objects and arrays (all blobs, >= X''), strings with characters where byte order and
 * UTF-16 order differ, and strings holding NUL (which GLOB would stop at).
 */
export function unorderable(field: string): Sql {
  const value = sortExpression(field);
  const notText = field === '_id' ? '' : `${value} >= X'' OR `;
  return {
    sql: `${notText}${value} GLOB ? OR instr(CAST(${value} AS BLOB), X'00') > 0`,
    params: [HIGH_CHARACTERS],
  };
}

/**
 * A page of `filter` in `keys` order read along a multikey side table: when the filter pins the
 * table's leading field to one value and the sort keys are the table's next keys, the side table
 * hands over the array-holding documents in page order (the rest of the filter checked on each),
 * merged with the documents holding that value as a scalar, read through the collection's indexes.
 * A subtree's page by due date then reads about as many documents as it shows.
 */
export function sidePage(filter: Filter, keys: SortKey[], skip: number, limit: number, table: string, context: PlanContext): Sql | undefined {
  for (const side of context.multikey) {
    const [leading, ...others] = side.fields;
    const leadingKeys = Object.hasOwn(filter, leading) ? equalityKeys(filter[leading]) : undefined;
    if (leadingKeys?.length !== 1 || !context.mayHoldArray(leading)) continue;
    if (keys.length > others.length || keys.some(({ field }, i) => others[i] !== field)) continue;
    const restFilter = Object.fromEntries(Object.entries(filter).filter(([field]) => field !== leading));
    const rest = planFilter(restFilter, context);
    if (!rest.exact) continue;
    const restWhere = and(rest.conditions);
    // Conditions on the table's own keys also bound the walk (a range on the first sort key seeks to it), so a
    // page of few or no matches reads no other rows; they are checked on the document again below.
    const keyed = Object.fromEntries(
      Object.entries(restFilter).filter(([field, condition]) => field !== '_id' && others.includes(field) && decidedByKey(condition) && !context.mayHoldArray(field)),
    );
    const bounds = planFilter(keyed, { ...context, keyColumn: (field) => `s.k${side.fields.indexOf(field)}` });
    const bound = bounds.exact ? and(bounds.conditions) : TRUE_SQL;
    const sortColumns = keys.map((_, i) => `s.k${i + 1}`);
    // The rest of the filter is checked on the document in a subquery of its own, where its names are the document's.
    const elements: Sql = {
      sql:
        `SELECT (SELECT doc FROM ${table} WHERE rowid = s.rid), ${[...sortColumns, 's.rid'].join(', ')} FROM ${side.table} AS s ` +
        `WHERE s.k0 = ? AND (${bound.sql}) AND EXISTS (SELECT 1 FROM ${table} WHERE rowid = s.rid AND ${restWhere.sql})`,
      params: [leadingKeys[0], ...bound.params, ...restWhere.params],
    };
    const scalars: Sql = {
      // Through the index itself: the one seek that finds the (usually no) scalar holders, whatever SQLite guesses.
      sql:
        `SELECT doc, ${[...keys.map(({ field }) => sortExpression(field)), 'rowid'].join(', ')} FROM ${table} INDEXED BY ${side.index} ` +
        `WHERE ${keyExpression(leading)} = ? AND ${restWhere.sql}`,
      params: [leadingKeys[0], ...restWhere.params],
    };
    // Result columns: the document, the sort keys, the rowid (mingo's stable order breaks ties by it, as `orderBy` does).
    const order = [...keys.map(({ descending }, i) => `${i + 2} ${descending ? 'DESC' : 'ASC'}`), `${keys.length + 2} ASC`];
    return {
      sql: `${elements.sql} UNION ALL ${scalars.sql} ORDER BY ${order.join(', ')} LIMIT ? OFFSET ?`,
      params: [...elements.params, ...scalars.params, limit || -1, skip],
    };
  }
  return undefined;
}
