import Database from 'better-sqlite3';
import {
  assertKey,
  decryptIdentity,
  encryptIdentity,
  masterKeyCheck,
  matchesMasterKeyCheck,
  newDataKey,
  type Sealed,
  unwrapDataKey,
  wrapDataKey,
} from '../crypto/envelope';
import { MasterKeyError } from '../crypto/master-key';
import type { PendingFor, PendingIdentity, ReporterIdentity, ReporterIdentityStatus, ReporterIdentityStore } from '../reporter-identity.port';
import { sealLegacyPlaintext } from './legacy-plaintext';

export interface SqliteReporterIdentityStoreOptions {
  /** Encrypted identities, and tombstones of erased ones. */
  identitiesFile: string;
  /** The reporters' keys, wrapped by the master key: apart, so a copy of either file alone reveals nothing. */
  keysFile: string;
  /** 32 bytes. */
  masterKey: Buffer;
}

type IdentityRow = { ciphertext: Buffer | null; iv: Buffer | null; tag: Buffer | null };

function openDatabase(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // The identity is written before the complaint's events: it must be durable first.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  // Deleted rows are zeroed, so an erased key or ciphertext does not linger in free pages.
  db.pragma('secure_delete = ON');
  return db;
}

/** Files made before identities could be pending get the two columns that mark them. */
function addPendingColumns(db: Database.Database): void {
  const columns = new Set((db.prepare('PRAGMA table_info(sealed_identities)').all() as { name: string }[]).map((c) => c.name));
  if (!columns.has('pending_complaint_id')) db.exec('ALTER TABLE sealed_identities ADD COLUMN pending_complaint_id TEXT');
  if (!columns.has('pending_since')) db.exec('ALTER TABLE sealed_identities ADD COLUMN pending_since TEXT');
}

/**
 * The embedded identity store, with envelope encryption: each reporter's identity is sealed
 * under its own data key, and the data key is kept wrapped by the master key in another file.
 * Erasing deletes the data key (crypto-shredding) and leaves a tombstone for `status`.
 */
export class SqliteReporterIdentityStore implements ReporterIdentityStore {
  private constructor(
    private readonly identities: Database.Database,
    private readonly keys: Database.Database,
    private readonly masterKey: Buffer,
  ) {}

  static open(options: SqliteReporterIdentityStoreOptions): SqliteReporterIdentityStore {
    assertKey(options.masterKey, 'The identity master key');
    const identities = openDatabase(options.identitiesFile);
    const keys = openDatabase(options.keysFile);
    identities.exec('CREATE TABLE IF NOT EXISTS sealed_identities (ref TEXT PRIMARY KEY, ciphertext BLOB, iv BLOB, tag BLOB)');
    addPendingColumns(identities);
    keys.exec(`
      CREATE TABLE IF NOT EXISTS reporter_keys (ref TEXT PRIMARY KEY, wrapped_key BLOB NOT NULL);
      CREATE TABLE IF NOT EXISTS master_key_check (id INTEGER PRIMARY KEY CHECK (id = 1), sealed BLOB NOT NULL);
    `);
    keys.prepare('INSERT INTO master_key_check (id, sealed) VALUES (1, ?) ON CONFLICT(id) DO NOTHING').run(masterKeyCheck(options.masterKey));
    const { sealed } = keys.prepare('SELECT sealed FROM master_key_check WHERE id = 1').get() as { sealed: Buffer };
    if (!matchesMasterKeyCheck(sealed, options.masterKey)) {
      identities.close();
      keys.close();
      throw new MasterKeyError(`The identity master key is not the one the reporter keys in ${options.keysFile} were wrapped with; restore the original key`);
    }
    const store = new SqliteReporterIdentityStore(identities, keys, options.masterKey);
    sealLegacyPlaintext(identities, (ref, identity) => store.saveNow(ref, identity));
    return store;
  }

  async save(reporterRef: string, identity: ReporterIdentity): Promise<void> {
    this.saveNow(reporterRef, identity);
  }

  async savePending(reporterRef: string, identity: ReporterIdentity, pending: PendingFor): Promise<void> {
    this.saveNow(reporterRef, identity, pending);
  }

  async confirm(reporterRef: string): Promise<void> {
    this.identities.prepare('UPDATE sealed_identities SET pending_complaint_id = NULL, pending_since = NULL WHERE ref = ?').run(reporterRef);
  }

  async pendingBefore(before: string): Promise<PendingIdentity[]> {
    return this.identities
      .prepare(
        `SELECT ref AS reporterRef, pending_complaint_id AS complaintId, pending_since AS since FROM sealed_identities
         WHERE pending_since < ? AND ciphertext IS NOT NULL ORDER BY pending_since`,
      )
      .all(before) as PendingIdentity[];
  }

  async find(reporterRef: string): Promise<ReporterIdentity | null> {
    const row = this.identities.prepare('SELECT ciphertext, iv, tag FROM sealed_identities WHERE ref = ?').get(reporterRef) as
      | IdentityRow
      | undefined;
    if (!row?.ciphertext) return null;
    const dataKey = this.dataKey(reporterRef);
    return dataKey ? decryptIdentity(row as Sealed, dataKey, reporterRef) : null;
  }

  async erase(reporterRef: string): Promise<void> {
    // Key first: once it is gone the identity is unreadable, whatever happens to the next step.
    this.keys.prepare('DELETE FROM reporter_keys WHERE ref = ?').run(reporterRef);
    this.identities
      .prepare('UPDATE sealed_identities SET ciphertext = NULL, iv = NULL, tag = NULL, pending_complaint_id = NULL, pending_since = NULL WHERE ref = ?')
      .run(reporterRef);
    // Old page versions stay in the WAL until a checkpoint; fold them in and truncate it now.
    this.keys.pragma('wal_checkpoint(TRUNCATE)');
    this.identities.pragma('wal_checkpoint(TRUNCATE)');
  }

  async status(reporterRef: string): Promise<ReporterIdentityStatus> {
    const row = this.identities.prepare('SELECT ciphertext IS NOT NULL AS sealed FROM sealed_identities WHERE ref = ?').get(reporterRef) as
      | { sealed: number }
      | undefined;
    if (!row) return 'unknown';
    // A missing key counts as erased: an erase interrupted between its two steps.
    return row.sealed && this.hasKey(reporterRef) ? 'present' : 'erased';
  }

  async close(): Promise<void> {
    this.identities.close();
    this.keys.close();
  }

  private saveNow(reporterRef: string, identity: ReporterIdentity, pending: PendingFor | null = null): void {
    const { ciphertext, iv, tag } = encryptIdentity(identity, this.dataKeyForSave(reporterRef), reporterRef);
    this.identities
      .prepare(
        `INSERT INTO sealed_identities (ref, ciphertext, iv, tag, pending_complaint_id, pending_since) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(ref) DO UPDATE SET ciphertext = excluded.ciphertext, iv = excluded.iv, tag = excluded.tag,
           pending_complaint_id = excluded.pending_complaint_id, pending_since = excluded.pending_since`,
      )
      .run(reporterRef, ciphertext, iv, tag, pending?.complaintId ?? null, pending?.since ?? null);
  }

  /** The reporter's existing key, so a repeat save never strands the stored ciphertext; else a new one. */
  private dataKeyForSave(reporterRef: string): Buffer {
    // Immediate: another process saving the same ref waits rather than writing a second key.
    return this.keys
      .transaction(() => {
        const existing = this.dataKey(reporterRef);
        if (existing) return existing;
        const dataKey = newDataKey();
        this.keys.prepare('INSERT INTO reporter_keys (ref, wrapped_key) VALUES (?, ?)').run(reporterRef, wrapDataKey(dataKey, this.masterKey, reporterRef));
        return dataKey;
      })
      .immediate();
  }

  private dataKey(reporterRef: string): Buffer | null {
    const row = this.keys.prepare('SELECT wrapped_key FROM reporter_keys WHERE ref = ?').get(reporterRef) as
      | { wrapped_key: Buffer }
      | undefined;
    return row ? unwrapDataKey(row.wrapped_key, this.masterKey, reporterRef) : null;
  }

  private hasKey(reporterRef: string): boolean {
    return this.keys.prepare('SELECT 1 FROM reporter_keys WHERE ref = ?').get(reporterRef) !== undefined;
  }
}
