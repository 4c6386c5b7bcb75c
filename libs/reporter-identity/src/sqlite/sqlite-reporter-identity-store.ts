import Database from 'better-sqlite3';
import type { ReporterIdentity, ReporterIdentityStore } from '../reporter-identity.port';

/** The embedded identity store: its own SQLite file, so read-model files never hold identity. */
export class SqliteReporterIdentityStore implements ReporterIdentityStore {
  private constructor(private readonly db: Database.Database) {}

  static open(options: { file: string }): SqliteReporterIdentityStore {
    const db = new Database(options.file);
    db.pragma('journal_mode = WAL');
    // The identity is written before the complaint's events: it must be durable first.
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.exec('CREATE TABLE IF NOT EXISTS reporter_identities (ref TEXT PRIMARY KEY, identity TEXT NOT NULL)');
    return new SqliteReporterIdentityStore(db);
  }

  async save(reporterRef: string, identity: ReporterIdentity): Promise<void> {
    this.db
      .prepare('INSERT INTO reporter_identities (ref, identity) VALUES (?, ?) ON CONFLICT(ref) DO UPDATE SET identity = excluded.identity')
      .run(reporterRef, JSON.stringify(identity));
  }

  async find(reporterRef: string): Promise<ReporterIdentity | null> {
    const row = this.db.prepare('SELECT identity FROM reporter_identities WHERE ref = ?').get(reporterRef) as
      | { identity: string }
      | undefined;
    return row ? (JSON.parse(row.identity) as ReporterIdentity) : null;
  }

  async erase(reporterRef: string): Promise<void> {
    this.db.prepare('DELETE FROM reporter_identities WHERE ref = ?').run(reporterRef);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
