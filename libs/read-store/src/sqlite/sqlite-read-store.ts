import Database from 'better-sqlite3';
import type { CollectionWrites, Document, ReadStore } from '../read-store.port';
import { INDEX_CATALOG, SqliteCollection, atomically } from './sqlite-collection';

export interface SqliteReadStoreOptions {
  file: string;
  /** How long a write waits for another process's lock before failing; default 5000. */
  busyTimeoutMs?: number;
}

/**
 * The embedded read store: one SQLite file, one table per collection (`_id`, `doc` as JSON),
 * filters and updates evaluated by mingo. Documents must be JSON-serialisable: store dates
 * as ISO-8601 strings (a Date would come back as a string), which also sort correctly.
 * WAL lets a projector process write while an API process reads; synchronous NORMAL may
 * lose the last commits on power loss, which read models (rebuildable) can afford.
 */
export class SqliteReadStore implements ReadStore {
  readonly atomicWrites = true;
  private readonly collections = new Map<string, SqliteCollection>();

  private constructor(private readonly db: Database.Database) {}

  static open({ file, busyTimeoutMs = 5000 }: SqliteReadStoreOptions): SqliteReadStore {
    const db = new Database(file, { timeout: busyTimeoutMs });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(`CREATE TABLE IF NOT EXISTS ${INDEX_CATALOG} (
      collection TEXT NOT NULL, name TEXT NOT NULL, spec TEXT NOT NULL, PRIMARY KEY (collection, name))`);
    return new SqliteReadStore(db);
  }

  collection<T extends Document = Document>(name: string): SqliteCollection<T> {
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new SqliteCollection(this.db, name);
      this.collections.set(name, collection);
    }
    return collection as unknown as SqliteCollection<T>;
  }

  async write(batch: CollectionWrites[]): Promise<void> {
    try {
      atomically(this.db, () => {
        for (const { collection, operations } of batch) this.collection(collection).applyOperations(operations);
      });
    } catch (error) {
      for (const collection of this.collections.values()) collection.invalidate();
      throw error;
    }
  }

  /** The file lives on one host, so that host's clock, read by SQLite rather than by this process, is the store's. */
  async serverTime(): Promise<number> {
    const { now } = this.db.prepare("SELECT CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER) AS now").get() as { now: number };
    return now;
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
