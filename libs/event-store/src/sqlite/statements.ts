import type Database from 'better-sqlite3';
import type { EventToAppend, RecordedEvent } from '../event-store.port';

/** A row of `events`; integers arrive as bigint because the connection uses safe integers. */
interface EventRow {
  position: bigint;
  stream_id: string;
  revision: bigint;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

export interface StoredEventId {
  streamId: string;
  revision: bigint;
  position: bigint;
}

/** A page of `$all`; `head` is set when the page reached the end of the log. */
export interface AllPage {
  events: RecordedEvent[];
  head?: bigint;
}

const COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata, recorded_at';

/** SQLite's LIMIT for "no limit". */
const UNLIMITED = -1;

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.type,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
    recordedAt: row.recorded_at,
  };
}

/** Every statement of the hot path, prepared once per connection. */
export function prepareStatements(db: Database.Database) {
  const insert = db.prepare<[string, bigint, string, string, string, string, string]>(
    `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const lastRevision = db.prepare<[string], bigint | null>(`SELECT max(revision) FROM events WHERE stream_id = ?`).pluck();
  const byEventId = db.prepare<[string], StoredEventId>(
    `SELECT stream_id AS streamId, revision, position FROM events WHERE event_id = ?`,
  );
  const streamRows = db.prepare<[string, bigint, number], EventRow>(
    `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
  );
  const allRows = db.prepare<[bigint, number], EventRow>(
    `SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
  );
  const ping = db.prepare('SELECT 1');

  return {
    /** Inserts one event and returns its position. */
    insert: (streamId: string, revision: bigint, event: EventToAppend, recordedAt: string): bigint => {
      const data = JSON.stringify(event.data);
      const metadata = JSON.stringify(event.metadata);
      return BigInt(insert.run(streamId, revision, event.id, event.type, data, metadata, recordedAt).lastInsertRowid);
    },
    lastRevision: (streamId: string): bigint | undefined => lastRevision.get(streamId) ?? undefined,
    byEventId: (eventId: string): StoredEventId | undefined => byEventId.get(eventId),
    readStream: (streamId: string, fromRevision: bigint, maxCount = UNLIMITED): RecordedEvent[] =>
      streamRows.all(streamId, fromRevision, maxCount).map(toRecordedEvent),
    readAll: (after: bigint, maxCount = UNLIMITED): RecordedEvent[] => allRows.all(after, maxCount).map(toRecordedEvent),
    ping: (): void => void ping.get(),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;

/**
 * Reads `$all` after a position, one page at a time, keeping only streams with the given
 * prefixes (no prefixes: every stream). The prefix test is a predicate on the position-ordered
 * scan, so pages come out in log order without a sort.
 */
export function allPageReader(db: Database.Database, streamPrefixes: readonly string[], pageSize: number) {
  const prefixTest = streamPrefixes.map(() => 'substr(stream_id, 1, length(?)) = ?').join(' OR ');
  const page = db.prepare<unknown[], EventRow>(
    `SELECT ${COLUMNS} FROM events WHERE position > ? ${prefixTest && `AND (${prefixTest})`} ORDER BY position LIMIT ?`,
  );
  const head = db.prepare<[], bigint | null>('SELECT max(position) FROM events').pluck();
  const prefixParams = streamPrefixes.flatMap((prefix) => [prefix, prefix]);

  // One read transaction, so `head` describes the same snapshot the page was read from.
  return db.transaction((after: bigint): AllPage => {
    const events = page.all(after, ...prefixParams, pageSize).map(toRecordedEvent);
    if (events.length === pageSize) return { events };
    const last = head.get() ?? after;
    return { events, head: last > after ? last : after };
  });
}
