import type Database from 'better-sqlite3';
import { DuplicateKeyError, InvalidOperationError } from '../errors';
import { assertPortableIndex } from '../index-spec';
import type {
  BulkWriteResult,
  DeleteResult,
  Document,
  Filter,
  FindOptions,
  IndexSpec,
  ReadCollection,
  UpdateDocument,
  UpdateOptions,
  UpdateResult,
  WriteOperation,
} from '../read-store.port';
import { assertPortableTextIndex, isTextIndex, textSearchTerms, withoutText } from '../text-search';
import { applyUpdate, findDocuments, matcher, replacementDocument, upsertDocument, upsertReplacementId } from './mingo-eval';
import { createMultikeyIndexSql, multikeyIndexOf } from './multikey-index';
import { keyedDelete, keyedReplace } from './sqlite-writes';
import {
  type FilterPlan,
  type MultikeyIndex,
  type PlanContext,
  type SortFacts,
  type SortKey,
  type Sql,
  type SqlParam,
  boundedOrderBy,
  coveredCount,
  keyExpression,
  multikeyCondition,
  orderBy,
  planFilter,
  sidePage,
  sortFactsQuery,
  sortKeys,
  textExpression,
  unorderable,
  whereClause,
} from './query-plan';

/** Index specs of every collection; SQLite's own schema cannot hold the MongoDB key spec. */
export const INDEX_CATALOG = 'lacak_indexes';

const CACHED_PARAMS_MAX = 16;
/** Pages ending further than this are sorted directly: the bounded sort would read most documents anyway. */
const BOUNDED_SORT_MAX = 1000;

type NamedIndex = IndexSpec & { name: string };
/** A stored document with the JSON it was read from, so a write happens only when it changed. */
type Row = { text: string; doc: Document };
type Counts = { [K in keyof BulkWriteResult]?: number };

/**
 * How `find` answers: `sql` returns exactly the result (before projection); `matched` returns
 * exactly the matching documents, which mingo sorts and pages; `candidates` returns a superset
 * of them, which mingo filters first.
 */
export type FindStrategy = 'sql' | 'matched' | 'candidates';

/** The statement `find` runs and what is left for mingo; see `SqliteCollection.plan`. */
export interface FindPlan {
  strategy: FindStrategy;
  /** Whether SQL alone decides which documents match. */
  exact: boolean;
  /** Whether SQL applies the sort, skip and limit. */
  paged: boolean;
  sql: string;
  params: SqlParam[];
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** IMMEDIATE takes the write lock up front, so a concurrent writer waits (busy timeout) instead of failing. */
export function atomically<R>(db: Database.Database, work: () => R): R {
  return db.inTransaction ? work() : db.transaction(work).immediate();
}

export class SqliteCollection<T extends Document = Document> implements ReadCollection<T> {
  private readonly tableName: string;
  private readonly table: string;
  /** The FTS5 table of the collection's text index, named after its table. */
  private readonly textTable: string;
  private readonly statements = new Map<string, Database.Statement>();
  /** Keyed by PRAGMA schema_version, so tables and indexes created by another process are seen. */
  private schemaCache?: { version: number; exists: boolean; indexes: NamedIndex[]; multikey: MultikeyIndex[] };
  /** Writes through this collection object, so cached facts about the data expire. */
  private writes = 0;
  /** What sort fields hold across the collection, while it is unchanged; see `orderable`. */
  private sortFactsCache?: { version: string; fields: Map<string, SortFacts> };
  private cacheable = true;

  constructor(
    private readonly db: Database.Database,
    readonly name: string,
  ) {
    this.tableName = `c_${name}`;
    this.table = quote(this.tableName);
    this.textTable = quote(`${this.tableName}.text`);
  }

  async findOne(filter: Filter, options: Pick<FindOptions, 'projection'> = {}): Promise<T | null> {
    return (await this.find(filter, { ...options, limit: 1 }))[0] ?? null;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    return this.read(() => {
      const plan = this.findPlan(filter, options);
      if (!plan) return [];
      if (plan.strategy === 'sql') {
        const docs = (this.query(plan) as string[]).map((text) => JSON.parse(text) as Document);
        return options.projection ? findDocuments(docs, {}, { projection: options.projection }) : docs;
      }
      let texts: string[];
      if (options.sort) {
        // mingo's sort is stable: ties keep table order, as when SQL sorts (see `orderBy`).
        const rows = (this.query(plan, true) as [number, string][]).sort(([a], [b]) => a - b);
        texts = rows.map(([, text]) => text);
      } else {
        texts = this.query(plan) as string[];
      }
      const docs = texts.map((text) => JSON.parse(text) as Document);
      return findDocuments(docs, plan.strategy === 'matched' ? {} : withoutText(filter), options);
    }) as T[];
  }

  async countDocuments(filter: Filter = {}): Promise<number> {
    return this.read(() => {
      const filterPlan = this.filterPlan(filter);
      if (!filterPlan) return 0;
      if (!filterPlan.exact) return this.matched(filter, Infinity).length;
      return this.query(this.countStatement(filter, filterPlan))[0] as number;
    });
  }

  /** The count from a multikey side table and indexes alone when one covers the filter, else over the matching rows. */
  private countStatement(filter: Filter, filterPlan: FilterPlan): Sql {
    const covered = coveredCount(filter, this.table, this.planContext());
    if (covered) return covered;
    const where = whereClause(filterPlan);
    return { sql: `SELECT count(*) FROM ${this.table}${where.sql}`, params: where.params };
  }

  async insertOne(document: T): Promise<void> {
    this.applyOperations([{ insertOne: { document } }]);
  }

  async updateOne(filter: Filter, update: UpdateDocument, options: UpdateOptions = {}): Promise<UpdateResult> {
    return updateResult(this.applyOperations([{ updateOne: { filter, update, upsert: options.upsert } }]));
  }

  async updateMany(filter: Filter, update: UpdateDocument): Promise<UpdateResult> {
    return updateResult(this.applyOperations([{ updateMany: { filter, update } }]));
  }

  async replaceOne(filter: Filter, replacement: T, options: UpdateOptions = {}): Promise<UpdateResult> {
    return updateResult(this.applyOperations([{ replaceOne: { filter, replacement, upsert: options.upsert } }]));
  }

  async deleteOne(filter: Filter): Promise<DeleteResult> {
    return { deletedCount: this.applyOperations([{ deleteOne: { filter } }]).deletedCount };
  }

  async deleteMany(filter: Filter = {}): Promise<DeleteResult> {
    return { deletedCount: this.applyOperations([{ deleteMany: { filter } }]).deletedCount };
  }

  async bulkWrite(operations: WriteOperation[]): Promise<BulkWriteResult> {
    return this.applyOperations(operations);
  }

  async createIndex(index: IndexSpec): Promise<string> {
    if (isTextIndex(index)) return this.createTextIndex(index);
    const { keys, name, unique, partialFilter } = index;
    const fields = Object.entries(keys);
    if (!fields.length || fields.some(([, direction]) => direction !== 1 && direction !== -1)) {
      throw new InvalidOperationError('Index keys must map field paths to 1 or -1');
    }
    assertPortableIndex(index);
    // The partial filter is kept (listed, compared) but every document is indexed: the same queries are answered.
    const spec: NamedIndex = {
      keys,
      name: name ?? fields.map(([f, d]) => `${f}_${d}`).join('_'),
      ...(unique && { unique }),
      ...(partialFilter && { partialFilter }),
    };
    return this.transaction(() => {
      this.ensureTable();
      const same = this.schema().indexes.find((i) => i.name === spec.name || JSON.stringify(i.keys) === JSON.stringify(keys));
      if (same && JSON.stringify(same) === JSON.stringify(spec)) {
        this.ensureMultikeyTable(spec);
        return spec.name;
      }
      if (same) throw new InvalidOperationError(`Index '${spec.name}' conflicts with existing index '${same.name}'`);
      const columns = fields.map(([field, d]) => `${keyExpression(field)} ${d === 1 ? 'ASC' : 'DESC'}`);
      this.guard(keys, () => this.db.exec(
        `CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${quote(this.indexName(spec.name))} ON ${this.table} (${columns.join(', ')})`,
      ));
      this.statement(`INSERT INTO ${INDEX_CATALOG} (collection, name, spec) VALUES (?, ?, ?)`)
        .run(this.name, spec.name, JSON.stringify(spec));
      this.ensureMultikeyTable(spec);
      return spec.name;
    });
  }

  /**
   * The index's multikey side table (see `MultikeyIndex`), made with the index, or on the next
   * `createIndex` of an index made before side tables existed (a projector's start).
   */
  private ensureMultikeyTable(spec: NamedIndex): void {
    const side = multikeyIndexOf(this.tableName, spec);
    if (!side || this.schema().multikey.some((existing) => existing.table === side.table)) return;
    const directions = Object.values(spec.keys) as (1 | -1)[];
    this.db.exec(createMultikeyIndexSql(this.table, side, directions, (event) => quote(this.indexName(`${spec.name}.multikey.${event}`))));
  }

  /**
   * One FTS5 table per collection, filled from the stored documents, then kept in step by
   * triggers: every insert, rewrite and delete of a document changes its FTS row in the same
   * statement, so in the same transaction. FTS rows share the documents' rowids (stable: the
   * read store is never vacuumed).
   */
  private createTextIndex(index: IndexSpec): string {
    assertPortableTextIndex(index);
    const fields = Object.keys(index.keys);
    const spec: NamedIndex = { keys: index.keys, name: index.name ?? fields.map((f) => `${f}_text`).join('_'), default_language: 'none' };
    return this.transaction(() => {
      this.ensureTable();
      const same = this.schema().indexes.find((i) => i.name === spec.name || isTextIndex(i));
      if (same && JSON.stringify(same) === JSON.stringify(spec)) return spec.name;
      if (same) throw new InvalidOperationError(`Index '${spec.name}' conflicts with existing index '${same.name}'`);
      const text = (doc: string) => textExpression(fields, doc);
      const trigger = (event: string) => quote(this.indexName(`${spec.name}.${event}`));
      this.db.exec(
        `CREATE VIRTUAL TABLE ${this.textTable} USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');` +
        `INSERT INTO ${this.textTable} (rowid, body) SELECT rowid, ${text('doc')} FROM ${this.table};` +
        `CREATE TRIGGER ${trigger('insert')} AFTER INSERT ON ${this.table} BEGIN ` +
        `INSERT INTO ${this.textTable} (rowid, body) VALUES (new.rowid, ${text('new.doc')}); END;` +
        // Most rewrites leave the text as it was (a complaint's status moves, its words stay): skip those.
        `CREATE TRIGGER ${trigger('update')} AFTER UPDATE OF doc ON ${this.table} ` +
        `WHEN ${text('old.doc')} IS NOT ${text('new.doc')} BEGIN ` +
        `UPDATE ${this.textTable} SET body = ${text('new.doc')} WHERE rowid = old.rowid; END;` +
        `CREATE TRIGGER ${trigger('delete')} AFTER DELETE ON ${this.table} BEGIN ` +
        `DELETE FROM ${this.textTable} WHERE rowid = old.rowid; END;`,
      );
      this.statement(`INSERT INTO ${INDEX_CATALOG} (collection, name, spec) VALUES (?, ?, ?)`)
        .run(this.name, spec.name, JSON.stringify(spec));
      return spec.name;
    });
  }

  async listIndexes(): Promise<IndexSpec[]> {
    const { exists, indexes } = this.schema();
    return exists ? [{ keys: { _id: 1 }, name: '_id_' }, ...structuredClone(indexes)] : [];
  }

  async drop(): Promise<void> {
    this.writes++;
    this.transaction(() => {
      // Dropping the table drops its triggers; the FTS and multikey side tables go separately.
      const sideTables = this.schema().multikey.map((side) => `DROP TABLE IF EXISTS ${side.table};`).join('');
      this.db.exec(`DROP TABLE IF EXISTS ${this.table}; DROP TABLE IF EXISTS ${this.textTable}; ${sideTables}`);
      this.statement(`DELETE FROM ${INDEX_CATALOG} WHERE collection = ?`).run(this.name);
    });
  }

  /**
   * The statement `find(filter, options)` would run now, and what it leaves to mingo. Which
   * one depends on the data: whether fields hold arrays, and whether the sort values are
   * ones SQLite orders as mingo does.
   */
  plan(filter: Filter, options: FindOptions = {}): FindPlan | null {
    return this.read(() => this.findPlan(filter, options) ?? null);
  }

  /** SQLite's plan for the statement `find(filter, options)` runs (`count`: `countDocuments(filter)`). */
  explain(filter: Filter, options: FindOptions & { count?: boolean } = {}): string[] {
    return this.read(() => {
      let statement: Sql | undefined;
      if (options.count) {
        const filterPlan = this.filterPlan(filter);
        const where = filterPlan && whereClause(filterPlan);
        statement =
          filterPlan && where && (filterPlan.exact ? this.countStatement(filter, filterPlan) : { sql: `SELECT doc FROM ${this.table}${where.sql}`, params: where.params });
      } else {
        statement = this.findPlan(filter, options);
      }
      if (!statement) return [];
      const rows = this.db.prepare(`EXPLAIN QUERY PLAN ${statement.sql}`).all(...statement.params);
      return rows.map((row) => (row as { detail: string }).detail);
    });
  }

  /** Ordered, in one transaction (the caller's, inside `ReadStore.write`). */
  applyOperations(operations: WriteOperation[]): BulkWriteResult {
    this.writes++;
    return this.transaction(() => {
      const total = { insertedCount: 0, matchedCount: 0, modifiedCount: 0, upsertedCount: 0, deletedCount: 0 };
      for (const operation of operations) {
        for (const [count, n] of Object.entries(this.apply(operation))) total[count as keyof BulkWriteResult] += n;
      }
      return total;
    });
  }

  /** Forgets cached schema: a rolled-back transaction can bring schema_version back to a cached value. */
  invalidate(): void {
    this.schemaCache = undefined;
    this.sortFactsCache = undefined;
  }

  private transaction<R>(work: () => R): R {
    try {
      return atomically(this.db, work);
    } catch (error) {
      this.invalidate();
      throw error;
    }
  }

  private apply(operation: WriteOperation): Counts {
    if ('insertOne' in operation) {
      this.insert(operation.insertOne.document);
      return { insertedCount: 1 };
    }
    if ('updateOne' in operation) {
      const { filter, update, upsert } = operation.updateOne;
      return this.update(filter, update, 1, upsert);
    }
    if ('updateMany' in operation) return this.update(operation.updateMany.filter, operation.updateMany.update, Infinity);
    if ('replaceOne' in operation) {
      const { filter, replacement, upsert } = operation.replaceOne;
      return this.replaceByKey(filter, replacement) ?? this.replace(filter, replacement, upsert);
    }
    if ('deleteOne' in operation && this.deleteByKey(operation.deleteOne.filter)) return { deletedCount: 1 };
    const { filter, limit } = 'deleteOne' in operation
      ? { filter: operation.deleteOne.filter, limit: 1 }
      : { filter: operation.deleteMany.filter, limit: Infinity };
    const doomed = this.matched(filter, limit);
    for (const row of doomed) this.statement(`DELETE FROM ${this.table} WHERE _id = ?`).run(row.doc._id);
    return { deletedCount: doomed.length };
  }

  private update(filter: Filter, update: UpdateDocument, limit: number, upsert = false): Counts {
    const matched = this.matched(filter, limit);
    if (!matched.length) {
      if (upsert) this.insert(upsertDocument(filter, update));
      return { upsertedCount: upsert ? 1 : 0 };
    }
    applyUpdate(matched.map((row) => row.doc), withoutText(filter), update);
    let modifiedCount = 0;
    for (const row of matched) modifiedCount += this.rewrite(row, row.doc);
    return { matchedCount: matched.length, modifiedCount };
  }

  private replace(filter: Filter, replacement: Document, upsert = false): Counts {
    const [row] = this.matched(filter, 1);
    if (row) return { matchedCount: 1, modifiedCount: this.rewrite(row, replacementDocument(row.doc._id, replacement)) };
    if (upsert) this.insert(replacementDocument(upsertReplacementId(filter, replacement), replacement));
    return { upsertedCount: upsert ? 1 : 0 };
  }

  /**
   * A replacement of the document the filter names by `_id` (a projection writing back what it
   * loaded), in one statement: nothing read, parsed or evaluated. Null when that did not change
   * the document, so the general path decides (a guard on an array, no match, the same text).
   */
  private replaceByKey(filter: Filter, replacement: Document): Counts | null {
    const statement = this.schema().exists && keyedReplace(this.table, filter);
    if (!statement || typeof filter._id !== 'string') return null;
    const text = JSON.stringify(replacementDocument(filter._id, replacement));
    let changes = 0;
    this.guard(replacement, () => ({ changes } = this.statement(statement.sql).run(text, ...statement.params, text)));
    return changes === 1 ? { matchedCount: 1, modifiedCount: 1 } : null;
  }

  /** Deletes the document the filter names by `_id` in one statement; false leaves it to the general path. */
  private deleteByKey(filter: Filter): boolean {
    const statement = this.schema().exists && keyedDelete(this.table, filter);
    return !!statement && this.statement(statement.sql).run(...statement.params).changes === 1;
  }

  private insert(doc: Document): void {
    if (typeof doc._id !== 'string') throw new InvalidOperationError('_id must be a string');
    this.ensureTable();
    const text = JSON.stringify(doc);
    this.guard(doc, () => this.statement(`INSERT INTO ${this.table} (_id, doc) VALUES (?, ?)`).run(doc._id, text));
  }

  /** Writes `doc` over `row` when its JSON differs; returns 1 if it did (MongoDB's nModified). */
  private rewrite(row: Row, doc: Document): number {
    const text = JSON.stringify(doc);
    if (text === row.text) return 0;
    this.guard(doc, () => this.statement(`UPDATE ${this.table} SET doc = ? WHERE _id = ?`).run(text, doc._id));
    return 1;
  }

  /** Maps SQLite's key violations to MongoDB's E11000, naming the clashing key. */
  private guard(doc: Record<string, unknown>, write: () => unknown): void {
    try {
      write();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new DuplicateKeyError(this.name, { _id: doc._id });
      if (code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
      const index = this.schema().indexes.find((i) => (error as Error).message.includes(`'${this.indexName(i.name)}'`));
      throw new DuplicateKeyError(this.name, index ? keyOf(doc, index) : doc);
    }
  }

  private matched(filter: Filter, limit: number): Row[] {
    const plan = this.filterPlan(filter);
    if (!plan) return [];
    const where = whereClause(plan);
    const texts = plan.exact
      ? this.query({ sql: `SELECT doc FROM ${this.table}${where.sql} LIMIT ?`, params: [...where.params, limit === Infinity ? -1 : limit] })
      : this.query({ sql: `SELECT doc FROM ${this.table}${where.sql}`, params: where.params });
    const test = plan.exact ? () => true : matcher(withoutText(filter));
    const found: Row[] = [];
    for (const text of texts as string[]) {
      if (found.length >= limit) break;
      const row = { text, doc: JSON.parse(text) as Document };
      if (test(row.doc)) found.push(row);
    }
    return found;
  }

  /** The WHERE conditions for `filter`; undefined when the collection has no table yet. */
  private filterPlan(filter: Filter): FilterPlan | undefined {
    textSearchTerms(filter); // Refuses a nested `$text` before anything runs.
    if (!this.schema().exists) return undefined;
    return planFilter(filter, this.planContext());
  }

  private planContext(): PlanContext {
    const schema = this.schema();
    const indexes = this.orderedIndexes();
    const leading = new Set(indexes.map((index) => Object.keys(index.keys)[0]));
    const probed = new Map<string, boolean>();
    return {
      indexes,
      ...(schema.indexes.some(isTextIndex) && { textTable: this.textTable }),
      multikey: schema.multikey,
      // An index leading with the field finds its multikey entries in one seek; elsewhere, assume arrays.
      mayHoldArray: (field) => {
        if (!leading.has(field)) return true;
        let holds = probed.get(field);
        if (holds === undefined) {
          holds = this.statement(`SELECT EXISTS (SELECT 1 FROM ${this.table} WHERE ${multikeyCondition(field)})`).get() === 1;
          probed.set(field, holds);
        }
        return holds;
      },
    };
  }

  /** The statement `find` runs; see `FindPlan`. */
  private findPlan(filter: Filter, options: FindOptions): FindPlan | undefined {
    const filterPlan = this.filterPlan(filter);
    if (!filterPlan) return undefined;
    const where = whereClause(filterPlan);
    const { sort, skip = 0, limit = 0 } = options;
    const paging = [skip, limit].every((n) => Number.isSafeInteger(n) && n >= 0);
    if (filterPlan.exact && paging) {
      const keys = sort && sortKeys(sort);
      if (!sort || (keys && this.orderable(keys, filterPlan))) {
        const page = { strategy: 'sql', exact: true, paged: true } as const;
        if (keys && !where.sql && limit && skip + limit <= BOUNDED_SORT_MAX && keys[0].field !== '_id' && this.indexed(keys[0].field)) {
          return { ...page, ...boundedOrderBy(this.table, keys, skip, limit) };
        }
        const alongSideTable = keys && sidePage(filter, keys, skip, limit, this.table, this.planContext());
        if (alongSideTable) return { ...page, ...alongSideTable };
        return {
          ...page,
          sql: `SELECT doc FROM ${this.table}${where.sql}${keys ? orderBy(keys) : ''} LIMIT ? OFFSET ?`,
          params: [...where.params, limit || -1, skip],
        };
      }
    }
    const columns = sort ? 'rowid, doc' : 'doc';
    return {
      strategy: filterPlan.exact ? 'matched' : 'candidates',
      exact: filterPlan.exact,
      paged: false,
      sql: `SELECT ${columns} FROM ${this.table}${where.sql}`,
      params: where.params,
    };
  }

  /**
   * Whether SQLite orders the matching documents by `keys` as mingo does: every sort value is
   * a number or a string `unorderable` accepts. Known from the collection's `SortFacts` when
   * they allow it (nulls too, when the filter rejects them), else checked on the matches.
   */
  private orderable(keys: SortKey[], filterPlan: FilterPlan): boolean {
    // `_id` is unique: keys after it never decide an order.
    const id = keys.findIndex((key) => key.field === '_id');
    const deciding = id === -1 ? keys : keys.slice(0, id + 1);
    const unchecked = deciding.filter(({ field }) => {
      const facts = this.sortFacts(field);
      return !facts || facts.unorderableText || facts.blobs || (facts.nulls && !filterPlan.nonNull.has(field));
    });
    if (unchecked.length === 0) return true;
    const where = whereClause(filterPlan);
    const checks = unchecked.map(({ field }) => unorderable(field));
    const sql =
      `SELECT EXISTS (SELECT 1 FROM ${this.table}${where.sql}${where.sql ? ' AND' : ' WHERE'} ` +
      `(${checks.map((check) => check.sql).join(' OR ')}))`;
    return this.query({ sql, params: [...where.params, ...checks.flatMap((check) => check.params)] })[0] === 0;
  }

  /** Whether an index holds the field, so SQLite can read its values without the documents. */
  private indexed(field: string): boolean {
    return field === '_id' || this.orderedIndexes().some((index) => Object.hasOwn(index.keys, field));
  }

  /** The indexes SQLite keeps as ordered keys: all but the text index. */
  private orderedIndexes(): NamedIndex[] {
    return this.schema().indexes.filter((index) => !isTextIndex(index));
  }

  /** The field's `SortFacts`, read from an index and cached until the collection changes. */
  private sortFacts(field: string): SortFacts | undefined {
    if (!this.indexed(field) || !this.cacheable) return undefined;
    // data_version changes when another connection commits; `writes` when this one writes here.
    const version = `${this.statement('PRAGMA data_version').get()}:${this.writes}`;
    if (this.sortFactsCache?.version !== version) this.sortFactsCache = { version, fields: new Map() };
    let facts = this.sortFactsCache.fields.get(field);
    if (!facts) {
      const { sql, params } = sortFactsQuery(this.table, field);
      const [unorderableText, blobs, nulls] = this.statement(sql, false).raw(true).get(...params) as number[];
      facts = { unorderableText: unorderableText === 1, blobs: blobs === 1, nulls: nulls === 1 };
      this.sortFactsCache.fields.set(field, facts);
    }
    return facts;
  }

  /**
   * Runs `work` in one read transaction, so the probes and guards it runs see the same
   * snapshot as its query. Inside a write transaction nothing it learns is cached.
   */
  private read<R>(work: () => R): R {
    if (this.db.inTransaction) {
      this.cacheable = false;
      try {
        return work();
      } finally {
        this.cacheable = true;
      }
    }
    return this.db.transaction(work).deferred();
  }

  /** Runs a read; long `$in` lists make one-off SQL texts, prepared uncached so the cache stays small. */
  private query({ sql, params }: Sql, rows = false): unknown[] {
    const statement = params.length > CACHED_PARAMS_MAX ? this.db.prepare(sql) : this.statement(sql, false);
    return rows ? statement.raw(true).all(...params) : statement.pluck(true).all(...params);
  }

  private ensureTable(): void {
    if (!this.schema().exists) {
      this.db.exec(`CREATE TABLE IF NOT EXISTS ${this.table} (_id TEXT PRIMARY KEY, doc TEXT NOT NULL)`);
    }
  }

  private schema(): { exists: boolean; indexes: NamedIndex[]; multikey: MultikeyIndex[] } {
    const version = this.statement('PRAGMA schema_version').get() as number;
    if (this.schemaCache?.version === version) return this.schemaCache;
    const exists = this.statement(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(this.tableName);
    const specs = this.statement(`SELECT spec FROM ${INDEX_CATALOG} WHERE collection = ? ORDER BY rowid`).all(this.name);
    const indexes = (specs as string[]).map((s) => JSON.parse(s) as NamedIndex);
    const tables = new Set(this.statement(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE ? ESCAPE '\\'`)
      .all(`${this.tableName.replace(/[\\%_]/g, '\\$&')}.%`) as string[]);
    const multikey = indexes
      .filter((index) => !isTextIndex(index))
      .flatMap((index) => multikeyIndexOf(this.tableName, index) ?? [])
      .filter((side) => tables.has(side.name));
    this.schemaCache = { version, exists: exists !== undefined, indexes, multikey };
    return this.schemaCache;
  }

  private indexName(name: string): string {
    return `${this.tableName}.${name}`;
  }

  /** Prepared once per SQL text; readers pluck their one column unless `pluck` is false. */
  private statement(sql: string, pluck = true): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    if (pluck && statement.reader) statement.pluck();
    return statement;
  }
}

function updateResult({ matchedCount, modifiedCount, upsertedCount }: BulkWriteResult): UpdateResult {
  return { matchedCount, modifiedCount, upsertedCount };
}

/** The clashing key as MongoDB reports it, e.g. `{ agencyId: 'a', status: null }`. */
function keyOf(doc: Record<string, unknown>, index: NamedIndex): Record<string, unknown> {
  const valueAt = (path: string) =>
    path.split('.').reduce<unknown>((value, segment) => (value as Record<string, unknown> | undefined)?.[segment], doc) ?? null;
  return Object.fromEntries(Object.keys(index.keys).map((field) => [field, valueAt(field)]));
}
