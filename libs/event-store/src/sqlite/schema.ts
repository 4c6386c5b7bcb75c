import Database from 'better-sqlite3';

/**
 * One append-only table. `position` aliases the rowid, so `$all` reads walk the table's own
 * b-tree in log order; AUTOINCREMENT keeps a committed position from ever being reused.
 * UNIQUE (stream_id, revision) is the index for stream reads and the stream's head revision;
 * UNIQUE event_id backs idempotent appends.
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    position    INTEGER PRIMARY KEY AUTOINCREMENT,
    stream_id   TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    event_id    TEXT    NOT NULL UNIQUE,
    type        TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    metadata    TEXT    NOT NULL,
    recorded_at TEXT    NOT NULL,
    UNIQUE (stream_id, revision)
  ) STRICT;
`;

/** How long a connection waits for another process's write lock before failing. */
const BUSY_TIMEOUT_MS = 5_000;

export function openDatabase(file: string): Database.Database {
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  // WAL lets a projector process read while the API writes; FULL fsyncs the WAL on every commit.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.defaultSafeIntegers(true);
  db.exec(SCHEMA);
  return db;
}
