import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from '@lacak/config';
import { SqliteEventStore } from '@lacak/event-store';
import { loadOrganisation } from '@lacak/organisation';
import { createDeadlineContext } from '@lacak/processes';
import { Projector, createProjections } from '@lacak/projections';
import { SqliteReadStore } from '@lacak/read-store';
import { EMBEDDED_FILES } from '@lacak/storage';
import { seedComplaints } from './complaint-histories';
import { mb, withPeakRss } from './rss-sampler';
import { perSecond } from './stats';

export interface SeededArchive {
  complaints: number;
  events: number;
  seedMs: number;
}

export interface RawRead {
  events: number;
  wallMs: number;
  eventsPerSecond: number;
}

export interface RebuildRun {
  projections: string;
  /** False when the read models had not caught up within `capMs`: then the figures are of what was done. */
  finished: boolean;
  capMs: number;
  wallMs: number;
  /** Log events handled per second; an upper bound when `handledEvents` is unknown. */
  eventsPerSecond: number;
  /** The lowest checkpoint of all read models when the run ended; null when the process had to be killed. */
  handledEvents: number | null;
  rssBeforeMb: number;
  peakRssMb: number;
}

const SEED_IN_FLIGHT = 256;

/** `complaints` realistic complaint histories appended to DATA_DIR's event store, as the API would find them. */
export async function seedArchive(dataDir: string, complaints: number): Promise<SeededArchive> {
  const eventStore = SqliteEventStore.open({ file: join(dataDir, EMBEDDED_FILES.events) });
  try {
    const started = performance.now();
    const events = await seedComplaints(eventStore, loadOrganisation(), complaints, SEED_IN_FLIGHT);
    return { complaints, events, seedMs: performance.now() - started };
  } finally {
    await eventStore.close();
  }
}

/**
 * The reference for the rebuild: plain better-sqlite3 reading every row of the same events.db in
 * log order and parsing its JSON, with nothing projected.
 */
export function measureRawRead(dataDir: string): RawRead {
  const db = new Database(join(dataDir, EMBEDDED_FILES.events), { readonly: true });
  try {
    const started = performance.now();
    let events = 0;
    for (const row of db.prepare('SELECT * FROM events ORDER BY position').iterate() as IterableIterator<{ data: string; metadata: string }>) {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
      events++;
    }
    const wallMs = performance.now() - started;
    return { events, wallMs, eventsPerSecond: perSecond(events, wallMs) };
  } finally {
    db.close();
  }
}

/**
 * Every read model of the API (with its deadline context) built from empty in DATA_DIR by the
 * projector, as a rebuild or a first start does; waits at most `capMs`, then stops it and reports
 * how far it got. The read models it leaves are those the API serves from the same directory.
 */
export async function measureRebuild(dataDir: string, events: number, capMs: number): Promise<RebuildRun> {
  const config = loadConfig({ DATA_DIR: dataDir });
  const tree = loadOrganisation(config.orgTreeFile);
  const eventStore = SqliteEventStore.open({ file: join(dataDir, EMBEDDED_FILES.events) });
  const readStore = SqliteReadStore.open({ file: join(dataDir, EMBEDDED_FILES.readModels) });
  try {
    const projector = new Projector(createProjections(tree, createDeadlineContext(config, tree)), eventStore, readStore);
    const rssBefore = process.memoryUsage.rss();
    const { result, peakRssBytes } = await withPeakRss(async () => {
      const started = performance.now();
      projector.start();
      try {
        const finished = await projector.waitUntilCaughtUp(capMs).then(
          () => true,
          () => false,
        );
        return { finished, wallMs: performance.now() - started };
      } finally {
        await projector.stop();
      }
    });
    // Positions of the seeded log run 1, 2, 3, …: the lowest checkpoint counts the events every read model handled.
    const handledEvents = result.finished ? events : Math.min(...projector.status().map((s) => Number(s.position ?? 0)));
    return {
      projections: projector.names.join(' + '),
      ...result,
      capMs,
      eventsPerSecond: perSecond(handledEvents, result.wallMs),
      handledEvents,
      rssBeforeMb: mb(rssBefore),
      peakRssMb: mb(peakRssBytes),
    };
  } finally {
    await readStore.close();
    await eventStore.close();
  }
}
