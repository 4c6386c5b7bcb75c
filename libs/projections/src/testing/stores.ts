import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@lacak/event-store';
import { type Document, type ReadStore, SqliteReadStore } from '@lacak/read-store';
import { AGENCY_STATS_COLLECTION } from '../agency-stats/agency-stats-projection';
import { AUDIT_EVENTS_COLLECTION } from '../audit-events/audit-events-projection';
import { AUDIT_TRAIL_COLLECTION } from '../audit-trail/audit-trail-projection';
import { COMPLAINTS_COLLECTION } from '../complaints/complaint-document';
import { EVALUATIONS_COLLECTION } from '../evaluations/evaluation-projection';
import { CHECKPOINTS_COLLECTION } from '../runner/projection-runner';
import { MONEV_SNAPSHOTS_COLLECTION } from '../monev/monev-snapshots-projection';

export interface TempStores {
  eventStore: SqliteEventStore;
  readStore: SqliteReadStore;
  cleanup(): Promise<void>;
}

/** Real SQLite stores in a temporary directory; the short poll keeps idle subscriptions responsive. */
export async function openTempStores(): Promise<TempStores> {
  const dir = await mkdtemp(join(tmpdir(), 'lacak-projections-'));
  const eventStore = SqliteEventStore.open({ file: join(dir, 'events.db'), pollIntervalMs: 10 });
  const readStore = SqliteReadStore.open({ file: join(dir, 'read-models.db') });
  return {
    eventStore,
    readStore,
    cleanup: async () => {
      await eventStore.close();
      await readStore.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const READ_MODEL_COLLECTIONS = [
  COMPLAINTS_COLLECTION,
  AUDIT_TRAIL_COLLECTION,
  AGENCY_STATS_COLLECTION,
  AUDIT_EVENTS_COLLECTION,
  MONEV_SNAPSHOTS_COLLECTION,
  EVALUATIONS_COLLECTION,
] as const;

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
