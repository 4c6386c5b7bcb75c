import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '@lacak/config';
import { type EventStore, SqliteEventStore } from '@lacak/event-store';
import { type ReadStore, SqliteReadStore } from '@lacak/read-store';
import { type ReporterIdentityStore, SqliteReporterIdentityStore } from '@lacak/reporter-identity';

/** File names inside DATA_DIR of the embedded default. */
export const EMBEDDED_FILES = { events: 'events.db', readModels: 'read-models.db', identities: 'reporter-identities.db' } as const;

export interface Stores {
  eventStore: EventStore;
  readStore: ReadStore;
  identities: ReporterIdentityStore;
}

/**
 * Opens the backing stores the configuration selects; the one place that chooses adapters,
 * shared by the API and the projector so neither branches on it.
 */
export function openStores(config: AppConfig): Stores {
  mkdirSync(config.dataDir, { recursive: true });
  return {
    eventStore: SqliteEventStore.open({ file: join(config.dataDir, EMBEDDED_FILES.events) }),
    readStore: SqliteReadStore.open({ file: join(config.dataDir, EMBEDDED_FILES.readModels) }),
    identities: SqliteReporterIdentityStore.open({ file: join(config.dataDir, EMBEDDED_FILES.identities) }),
  };
}

export async function closeStores(stores: Stores): Promise<void> {
  await stores.eventStore.close();
  await stores.readStore.close();
  await stores.identities.close();
}
