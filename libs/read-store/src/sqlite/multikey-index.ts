import type { IndexSpec } from '../read-store.port';
import { type MultikeyIndex, isPlainField, jsonPath, keyExpression } from './query-plan';

/** The side table of `index` on the collection table `tableName`, when its leading field can have one. */
export function multikeyIndexOf(tableName: string, index: IndexSpec & { name: string }): MultikeyIndex | undefined {
  const fields = Object.keys(index.keys);
  if (fields[0] === '_id' || !isPlainField(fields[0])) return undefined;
  const name = `${tableName}.${index.name}.multikey`;
  return { name, table: quote(name), index: quote(`${tableName}.${index.name}`), fields };
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** An array element's key: what `keyExpression` yields for a document holding that value as a scalar. */
const ELEMENT_KEY =
  `CASE e.type WHEN 'true' THEN X'74' WHEN 'false' THEN X'66' WHEN 'null' THEN X'' ` +
  `WHEN 'object' THEN CAST('o' || e.value AS BLOB) WHEN 'array' THEN CAST('a' || e.value AS BLOB) ELSE e.value END`;

/**
 * The statement that adds the rows of the documents `rows` selects (aliased `m`). The other keys are
 * computed once per document (LIMIT keeps SQLite from flattening the subquery into one evaluation
 * per element); DISTINCT: an array holding a value twice still counts its document once.
 */
function insertRows(side: MultikeyIndex, rows: string): string {
  const path = jsonPath([side.fields[0]]);
  const others = side.fields.slice(1).map((field, i) => `${keyExpression(field, 'm.doc', 'm._id')} AS k${i + 1}`);
  const columns = side.fields.slice(1).map((_, i) => `d.k${i + 1}`);
  return (
    `INSERT OR IGNORE INTO ${side.table} SELECT DISTINCT ${[ELEMENT_KEY, ...columns, 'd.rid'].join(', ')} ` +
    `FROM (SELECT ${['m.rowid AS rid', 'm.doc AS doc', ...others].join(', ')} FROM ${rows} ` +
    `WHERE json_type(m.doc, ${path}) = 'array' LIMIT -1) AS d, json_each(d.doc, ${path}) AS e`
  );
}

/**
 * DDL for the side table, its fill from the stored documents, and the triggers that keep it in
 * step with every insert, rewrite and delete of a document, in the same statement (so the same
 * transaction), like the FTS table. A trigger first looks for `"field":[` in the JSON the adapter
 * writes (JSON.stringify: no whitespace, plain field names unescaped): a document without it holds
 * no array there, and the JSON is not parsed; a rewrite that keeps the index's fields keeps its rows.
 */
export function createMultikeyIndexSql(
  table: string,
  side: MultikeyIndex,
  directions: (1 | -1)[],
  trigger: (event: string) => string,
): string {
  const columns = side.fields.map((_, i) => `k${i}`);
  const keyColumns = columns.map((column, i) => `${column} ${directions[i] === -1 ? 'DESC' : 'ASC'}`);
  const marker = `'"${side.fields[0]}":['`;
  const has = (doc: string) => `instr(${doc}, ${marker}) > 0`;
  // A rewrite that leaves every field of the index as it was (JSON text of its top-level field) keeps its rows.
  const changed = [...new Set(side.fields.map((field) => field.split('.')[0]))]
    .map((field) => (field === '_id' ? 'old._id IS NOT new._id' : `old.doc -> ${jsonPath([field])} IS NOT new.doc -> ${jsonPath([field])}`))
    .join(' OR ');
  const rowsOf = (row: 'new' | 'old') => `(SELECT ${row}.rowid AS rowid, ${row}._id AS _id, ${row}.doc AS doc) AS m`;
  const ridIndex = quote(`${side.name}.rid`);
  return (
    `CREATE TABLE ${side.table} (${columns.join(', ')}, rid INTEGER NOT NULL, PRIMARY KEY (${[...keyColumns, 'rid'].join(', ')})) WITHOUT ROWID;` +
    `CREATE INDEX ${ridIndex} ON ${side.table} (rid);` +
    `${insertRows(side, `${table} AS m`)};` +
    `CREATE TRIGGER ${trigger('insert')} AFTER INSERT ON ${table} WHEN ${has('new.doc')} BEGIN ${insertRows(side, rowsOf('new'))}; END;` +
    `CREATE TRIGGER ${trigger('update')} AFTER UPDATE OF doc ON ${table} WHEN (${has('old.doc')} OR ${has('new.doc')}) AND (${changed}) BEGIN ` +
    `DELETE FROM ${side.table} WHERE rid = old.rowid; ${insertRows(side, rowsOf('new'))}; END;` +
    `CREATE TRIGGER ${trigger('delete')} AFTER DELETE ON ${table} WHEN ${has('old.doc')} BEGIN ` +
    `DELETE FROM ${side.table} WHERE rid = old.rowid; END;`
  );
}
