import type Database from 'better-sqlite3';
import { DuplicateKeyError, InvalidOperationError } from '../errors';
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
import { applyUpdate, findDocuments, matcher, replacementDocument, upsertDocument, upsertReplacementId } from './mingo-eval';
import { candidateQuery, keyExpression, planQuery } from './query-plan';

/** Index specs of every collection; SQLite's own schema cannot hold the MongoDB key spec. */
export const INDEX_CATALOG = 'lacak_indexes';

const CACHED_PARAMS_MAX = 16;

type NamedIndex = IndexSpec & { name: string };
/** A stored document with the JSON it was read from, so a write happens only when it changed. */
type Row = { text: string; doc: Document };
type Counts = { [K in keyof BulkWriteResult]?: number };

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** IMMEDIATE takes the write lock up front, so a concurrent writer waits (busy timeout) instead of failing. */
export function atomically<R>(db: Database.Database, work: () => R): R {
  return db.inTransaction ? work() : db.transaction(work).immediate();
}

export class SqliteCollection<T extends Document = Document> implements ReadCollection<T> {
  private readonly tableName: string;
  private readonly table: string;
  private readonly statements = new Map<string, Database.Statement>();
  /** Keyed by PRAGMA schema_version, so tables and indexes created by another process are seen. */
  private schemaCache?: { version: number; exists: boolean; indexes: NamedIndex[] };

  constructor(
    private readonly db: Database.Database,
    readonly name: string,
  ) {
    this.tableName = `c_${name}`;
    this.table = quote(this.tableName);
  }

  async findOne(filter: Filter, options: Pick<FindOptions, 'projection'> = {}): Promise<T | null> {
    return (await this.find(filter, { ...options, limit: 1 }))[0] ?? null;
  }

  async find(filter: Filter, options?: FindOptions): Promise<T[]> {
    return findDocuments(this.rows(filter).map((row) => row.doc), filter, options) as T[];
  }

  async countDocuments(filter: Filter = {}): Promise<number> {
    if (Object.keys(filter).length) return this.matched(filter, Infinity).length;
    return this.schema().exists ? (this.statement(`SELECT count(*) FROM ${this.table}`).get() as number) : 0;
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

  async createIndex({ keys, name, unique }: IndexSpec): Promise<string> {
    const fields = Object.entries(keys);
    if (!fields.length || fields.some(([, direction]) => direction !== 1 && direction !== -1)) {
      throw new InvalidOperationError('Index keys must map field paths to 1 or -1');
    }
    const spec: NamedIndex = { keys, name: name ?? fields.map(([f, d]) => `${f}_${d}`).join('_'), ...(unique && { unique }) };
    return this.transaction(() => {
      this.ensureTable();
      const same = this.schema().indexes.find((i) => i.name === spec.name || JSON.stringify(i.keys) === JSON.stringify(keys));
      if (same && JSON.stringify(same) === JSON.stringify(spec)) return spec.name;
      if (same) throw new InvalidOperationError(`Index '${spec.name}' conflicts with existing index '${same.name}'`);
      const columns = fields.map(([field, d]) => `${keyExpression(field)} ${d === 1 ? 'ASC' : 'DESC'}`);
      this.guard(keys, () => this.db.exec(
        `CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${quote(this.indexName(spec.name))} ON ${this.table} (${columns.join(', ')})`,
      ));
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
    this.transaction(() => {
      this.db.exec(`DROP TABLE IF EXISTS ${this.table}`);
      this.statement(`DELETE FROM ${INDEX_CATALOG} WHERE collection = ?`).run(this.name);
    });
  }

  /** SQLite's plan for fetching a filter's candidate rows (before mingo filters them). */
  explain(filter: Filter): string[] {
    const schema = this.schema();
    if (!schema.exists) return [];
    const { sql, params } = candidateQuery(this.table, planQuery(filter, schema.indexes));
    return this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params).map((row) => (row as { detail: string }).detail);
  }

  /** Ordered, in one transaction (the caller's, inside `ReadStore.write`). */
  applyOperations(operations: WriteOperation[]): BulkWriteResult {
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
      return this.replace(filter, replacement, upsert);
    }
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
    applyUpdate(matched.map((row) => row.doc), filter, update);
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
    const test = matcher(filter);
    const found: Row[] = [];
    for (const row of this.rows(filter)) {
      if (found.length >= limit) break;
      if (test(row.doc)) found.push(row);
    }
    return found;
  }

  /** Candidate rows: a superset of the matches, narrowed by `_id` or an index when the filter allows. */
  private rows(filter: Filter): Row[] {
    const schema = this.schema();
    if (!schema.exists) return [];
    const { sql, params } = candidateQuery(this.table, planQuery(filter, schema.indexes));
    // Each `$in` length is its own SQL text: long lists are prepared once-off, so the cache stays small.
    const statement = params.length > CACHED_PARAMS_MAX ? this.db.prepare(sql).pluck() : this.statement(sql);
    return (statement.all(...params) as string[]).map((text) => ({ text, doc: JSON.parse(text) }));
  }

  private ensureTable(): void {
    if (!this.schema().exists) {
      this.db.exec(`CREATE TABLE IF NOT EXISTS ${this.table} (_id TEXT PRIMARY KEY, doc TEXT NOT NULL)`);
    }
  }

  private schema(): { exists: boolean; indexes: NamedIndex[] } {
    const version = this.statement('PRAGMA schema_version').get() as number;
    if (this.schemaCache?.version === version) return this.schemaCache;
    const exists = this.statement(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(this.tableName);
    const specs = this.statement(`SELECT spec FROM ${INDEX_CATALOG} WHERE collection = ? ORDER BY rowid`).all(this.name);
    this.schemaCache = { version, exists: exists !== undefined, indexes: (specs as string[]).map((s) => JSON.parse(s)) };
    return this.schemaCache;
  }

  private indexName(name: string): string {
    return `${this.tableName}.${name}`;
  }

  /** Prepared once per SQL text; every query here returns one column, so rows are plucked. */
  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      if (statement.reader) statement.pluck();
      this.statements.set(sql, statement);
    }
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
