import { join } from 'node:path';
import { SqliteEventStore } from '@lacak/event-store';
import { loadOrganisation } from '@lacak/organisation';
import { type DocumentProjection, Projector, createProjections } from '@lacak/projections';
import { SqliteReadStore } from '@lacak/read-store';
import { seedComplaints } from './complaint-histories';
import { withPeakRss } from './rss-sampler';
import { perSecond } from './stats';
import { withTempDir } from './temp-dir';

export interface RebuildRun {
  projections: string;
  wallMs: number;
  /** Log events per second; a set of several projections handles each event once per projection. */
  eventsPerSecond: number;
  rssBeforeMb: number;
  peakRssMb: number;
}

export interface ProjectionRebuildResult {
  complaints: number;
  events: number;
  seedMs: number;
  runs: RebuildRun[];
}

const SEED_IN_FLIGHT = 256;
const CATCH_UP_TIMEOUT_MS = 30 * 60_000;
const mb = (bytes: number) => bytes / 2 ** 20;

/** Seeds a log of realistic complaints, then replays it into a fresh read store: all projections together, then each alone. */
export function measureProjectionRebuild(complaints: number): Promise<ProjectionRebuildResult> {
  return withTempDir(async (dir) => {
    const tree = loadOrganisation();
    const eventStore = SqliteEventStore.open({ file: join(dir, 'events.db') });
    try {
      const seedStarted = performance.now();
      const events = await seedComplaints(eventStore, tree, complaints, SEED_IN_FLIGHT);
      const seedMs = performance.now() - seedStarted;

      const all = createProjections(tree);
      const sets = [all, ...all.map((projection) => [projection])];
      const runs: RebuildRun[] = [];
      for (const [i, projections] of sets.entries()) {
        const readStore = SqliteReadStore.open({ file: join(dir, `read-models-${i}.db`) });
        try {
          runs.push(await rebuild(projections, eventStore, readStore, events));
        } finally {
          await readStore.close();
        }
      }
      return { complaints, events, seedMs, runs };
    } finally {
      await eventStore.close();
    }
  });
}

async function rebuild(
  projections: DocumentProjection[],
  eventStore: SqliteEventStore,
  readStore: SqliteReadStore,
  events: number,
): Promise<RebuildRun> {
  const projector = new Projector(projections, eventStore, readStore);
  const rssBefore = process.memoryUsage.rss();
  const { result: wallMs, peakRssBytes } = await withPeakRss(async () => {
    const started = performance.now();
    projector.start();
    try {
      await projector.waitUntilCaughtUp(CATCH_UP_TIMEOUT_MS);
      return performance.now() - started;
    } finally {
      await projector.stop();
    }
  });
  return {
    projections: projector.names.join(' + '),
    wallMs,
    eventsPerSecond: perSecond(events, wallMs),
    rssBeforeMb: mb(rssBefore),
    peakRssMb: mb(peakRssBytes),
  };
}
