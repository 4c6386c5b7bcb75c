import { join } from 'node:path';
import Database from 'better-sqlite3';
import { EMBEDDED_FILES } from '@lacak/storage';
import { TestApp } from './test-app';

/** A change made to `events.db` behind the engine's back, and the first fault it must show as. */
export interface Tampering {
  name: string;
  /** Changes the stream, which holds at least three events. */
  apply(db: Database.Database, streamId: string): void;
  fault: { revision: string; kind: string };
}

const row = (db: Database.Database, streamId: string, revision: number) =>
  db.prepare('SELECT * FROM events WHERE stream_id = ? AND revision = ?').get(streamId, revision) as Record<string, unknown>;

/** The faults of the tamper suite, on the embedded store's own table. */
export const TAMPERINGS: Tampering[] = [
  {
    name: 'an edited event',
    apply: (db, streamId) => {
      const data = JSON.parse(String(row(db, streamId, 1).data));
      db.prepare('UPDATE events SET data = ? WHERE stream_id = ? AND revision = 1').run(JSON.stringify({ ...data, forged: true }), streamId);
    },
    fault: { revision: '1', kind: 'content-changed' },
  },
  {
    name: 'a deleted event',
    apply: (db, streamId) => db.prepare('DELETE FROM events WHERE stream_id = ? AND revision = 1').run(streamId),
    fault: { revision: '2', kind: 'revision-gap' },
  },
  {
    name: 'two events swapped',
    apply: (db, streamId) =>
      db.transaction(() => {
        db.prepare('UPDATE events SET revision = -1 WHERE stream_id = ? AND revision = 1').run(streamId);
        db.prepare('UPDATE events SET revision = 1 WHERE stream_id = ? AND revision = 2').run(streamId);
        db.prepare('UPDATE events SET revision = 2 WHERE stream_id = ? AND revision = -1').run(streamId);
      })(),
    fault: { revision: '1', kind: 'content-changed' },
  },
  {
    name: 'an event inserted at the end',
    apply: (db, streamId) => {
      const last = db.prepare('SELECT * FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1').get(streamId) as Record<string, unknown>;
      const { hash: _hash, previousHash: _previous, ...metadata } = JSON.parse(String(last.metadata));
      db.prepare('INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        streamId,
        Number(last.revision) + 1,
        '00000000-0000-4000-8000-00000000dead',
        'ComplaintRejected',
        '{"reason":"palsu"}',
        JSON.stringify(metadata),
        last.recorded_at,
      );
    },
    fault: { revision: 'next', kind: 'unhashed-event' },
  },
];

/** The API on a fresh embedded data directory, with its `events.db` open beside it to change behind its back. */
export async function startWithEventsFile(): Promise<{ t: TestApp; db: Database.Database }> {
  const t = await TestApp.start();
  return { t, db: new Database(join(t.config.dataDir, EMBEDDED_FILES.events), { timeout: 5000 }) };
}

export async function stopWithEventsFile(t: TestApp, db: Database.Database): Promise<void> {
  db.close();
  await t.stop();
}
