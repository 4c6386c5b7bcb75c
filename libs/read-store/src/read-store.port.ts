/**
 * The read store port: the subset of MongoDB's collection API that projections and
 * queries need, with MongoDB's semantics. The embedded adapter evaluates filters and
 * update operators with mingo; the MongoDB adapter passes them to the driver as they are.
 */

export type Document = { _id: string; [key: string]: unknown };

/**
 * A MongoDB query filter, e.g. `{ status: { $in: ['DISPOSED'] }, agencyId: 'x' }`. A top-level
 * `$text: { $search: 'pungli sekolah' }` needs the collection's text index and matches documents
 * holding any of the space-separated words as a whole word, ignoring case and diacritics. Both
 * adapters refuse phrases (`"…"`) and negated terms (`-term`): only plain terms are supported.
 */
export type Filter = Record<string, unknown>;

/** A MongoDB update document using `$set`, `$unset`, `$inc`, `$push`, `$setOnInsert`. */
export type UpdateDocument = Record<`$${string}`, Record<string, unknown>>;

/** 1 ascending, -1 descending; keys are applied in insertion order. */
export type SortSpec = Record<string, 1 | -1>;

export interface FindOptions {
  sort?: SortSpec;
  skip?: number;
  limit?: number;
  /** MongoDB inclusion/exclusion projection, e.g. `{ searchText: 0 }`. */
  projection?: Record<string, 0 | 1>;
}

export interface UpdateOptions {
  upsert?: boolean;
}

export interface UpdateResult {
  matchedCount: number;
  modifiedCount: number;
  upsertedCount: number;
}

export interface DeleteResult {
  deletedCount: number;
}

export type WriteOperation =
  | { insertOne: { document: Document } }
  | { updateOne: { filter: Filter; update: UpdateDocument; upsert?: boolean } }
  | { updateMany: { filter: Filter; update: UpdateDocument } }
  | { replaceOne: { filter: Filter; replacement: Document; upsert?: boolean } }
  | { deleteOne: { filter: Filter } }
  | { deleteMany: { filter: Filter } };

export interface BulkWriteResult {
  insertedCount: number;
  matchedCount: number;
  modifiedCount: number;
  upsertedCount: number;
  deletedCount: number;
}

export interface IndexSpec {
  /**
   * Field paths in order, e.g. `{ agencyId: 1, status: 1, submittedAt: -1 }`; or a text index,
   * every key `'text'`, e.g. `{ searchText: 'text' }` (one per collection, serving `$text`).
   */
  keys: Record<string, 1 | -1 | 'text'>;
  name?: string;
  /**
   * A text index's language: only `'none'`, no stemming and no stop words, so Indonesian words
   * (`pungli`, `puskesmas`) match as written. Required with text keys.
   */
  default_language?: 'none';
  unique?: boolean;
  /**
   * The documents the index must hold, e.g. `{ confidential: false }` (MongoDB's
   * `partialFilterExpression`: equality, `$exists: true`, `$gt`/`$gte`/`$lt`/`$lte`, `$type`, `$and`).
   * MongoDB indexes only those documents and uses the index only for queries whose filter implies
   * it; the embedded adapter indexes every document, which answers the same queries. Not with
   * `unique`: where uniqueness would hold would then differ between the adapters.
   */
  partialFilter?: Filter;
}

/** Writes for one collection inside a `ReadStore.write` batch. */
export interface CollectionWrites {
  collection: string;
  operations: WriteOperation[];
}

export interface ReadCollection<T extends Document = Document> {
  readonly name: string;
  findOne(filter: Filter, options?: Pick<FindOptions, 'projection'>): Promise<T | null>;
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  countDocuments(filter?: Filter): Promise<number>;
  /** Throws `DuplicateKeyError` when `_id` or a unique index is taken. */
  insertOne(document: T): Promise<void>;
  updateOne(filter: Filter, update: UpdateDocument, options?: UpdateOptions): Promise<UpdateResult>;
  updateMany(filter: Filter, update: UpdateDocument): Promise<UpdateResult>;
  replaceOne(filter: Filter, replacement: T, options?: UpdateOptions): Promise<UpdateResult>;
  deleteOne(filter: Filter): Promise<DeleteResult>;
  deleteMany(filter?: Filter): Promise<DeleteResult>;
  /** Ordered: stops at the first failing operation, like MongoDB's default. Atomic in the embedded adapter. */
  bulkWrite(operations: WriteOperation[]): Promise<BulkWriteResult>;
  createIndex(index: IndexSpec): Promise<string>;
  listIndexes(): Promise<IndexSpec[]>;
  drop(): Promise<void>;
}

export interface ReadStore {
  collection<T extends Document = Document>(name: string): ReadCollection<T>;
  /**
   * Applies writes to several collections in order. Atomic where the backend allows it
   * (the embedded adapter; MongoDB replica sets); otherwise strictly in the given order,
   * so a checkpoint written last never runs ahead of the writes before it.
   */
  write(batch: CollectionWrites[]): Promise<void>;
  /** Whether `write` is atomic on this backend. */
  readonly atomicWrites: boolean;
  /**
   * The store's clock, in epoch milliseconds: one clock for every process sharing the store, so
   * time-based conditions (the projector lease) hold whatever each process's own clock says.
   */
  serverTime(): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const READ_STORE = Symbol('READ_STORE');
