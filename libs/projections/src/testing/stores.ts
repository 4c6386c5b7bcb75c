import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@lacak/event-store';
import type { Document, ReadStore } from '@lacak/read-store';
import { SqliteReadStore } from '@lacak/read-store';
import { AGENCY_STATS_COLLECTION } from '../agency-stats/agency-stats-projection';
import { AUDIT_TRAIL_COLLECTION } from '../audit-trail/audit-trail-projection';
import { COMPLAINTS_COLLECTION } from '../complaints/complaint-document';
import { CHECKPOINTS_COLLECTION } from '../runner/projection-runner';

export interface TempStores {
  dir: string;
  eventStore: SqliteEventStore;
  readStore: SqliteReadStore;
  /** Another empty read store in the same directory, e.g. for a rebuild to compare with. */
  freshReadStore(name: string): SqliteReadStore;
  cleanup(): Promise<void>;
}

/** Real SQLite stores in a temporary directory; the short poll keeps idle subscriptions responsive. */
export async function openTempStores(): Promise<TempStores> {
  const dir = await mkdtemp(join(tmpdir(), 'lacak-projections-'));
  const opened: { close(): Promise<void> }[] = [];
  const track = <S extends { close(): Promise<void> }>(store: S) => (opened.push(store), store);
  return {
    dir,
    eventStore: track(SqliteEventStore.open({ file: join(dir, 'events.db'), pollIntervalMs: 10 })),
    readStore: track(SqliteReadStore.open({ file: join(dir, 'read-models.db') })),
    freshReadStore: (name) => track(SqliteReadStore.open({ file: join(dir, `${name}.db`) })),
    cleanup: async () => {
      for (const store of opened) await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export const READ_MODEL_COLLECTIONS = [COMPLAINTS_COLLECTION, AUDIT_TRAIL_COLLECTION, AGENCY_STATS_COLLECTION] as const;

/** Every read-model document (with `lastPosition`), per collection, sorted by `_id`. */
export async function dumpReadModels(store: ReadStore): Promise<Record<string, Document[]>> {
  const dump: Record<string, Document[]> = {};
  for (const name of READ_MODEL_COLLECTIONS) dump[name] = await store.collection(name).find({}, { sort: { _id: 1 } });
  return dump;
}

/** A projection's stored checkpoint position, or null before its first write. */
export async function checkpointOf(store: ReadStore, projection: string): Promise<string | null> {
  const checkpoint = await store.collection(CHECKPOINTS_COLLECTION).findOne({ _id: projection });
  return checkpoint ? String(checkpoint.position) : null;
}
