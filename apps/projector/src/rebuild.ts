import 'reflect-metadata';
import { ConfigError, loadConfig } from '@lacak/config';
import { loadOrganisation } from '@lacak/organisation';
import { createDeadlineContext, createProjector } from '@lacak/processes';
import { HolidayCalendarFeed, LeaseNotHeldError, UnknownProjectionError } from '@lacak/projections';
import { StoreConnectionError, closeStores, openStores } from '@lacak/storage';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `npm run rebuild -- [projection]`: drops one read model (or all) and replays every event
 * into it, then exits. It takes the projector lease first, so it never races a running
 * projector; a running API rebuilds through `POST /admin/projections/rebuild` instead.
 */
async function main(): Promise<void> {
  const name = process.argv[2];
  const config = loadConfig();
  const stores = await openStores(config);
  const log = {
    log: (entry: Record<string, unknown>) => process.stderr.write(`${JSON.stringify(entry)}\n`),
    error: (entry: Record<string, unknown>) => process.stderr.write(`${JSON.stringify(entry)}\n`),
  };
  const tree = loadOrganisation(config.orgTreeFile);
  const context = createDeadlineContext(config, tree);
  const calendarFeed = new HolidayCalendarFeed(stores.eventStore, context.calendar, { now: () => new Date(), warn: log.log, error: log.error });
  // Replayed due dates count on every published calendar.
  await calendarFeed.start();
  const projector = createProjector(config, stores.eventStore, stores.readStore, log, { context, now: () => new Date() });
  try {
    const started = Date.now();
    projector.start();
    // A lease left by a process that died frees itself within one lifetime.
    const deadline = Date.now() + config.projectorLeaseTtlMs + 2000;
    while (projector.leaseState !== 'held' && Date.now() < deadline) await sleep(50);
    await projector.rebuild(name);
    await projector.waitUntilCaughtUp(30 * 60_000);
    const positions = projector.status().map((s) => `${s.name}@${s.position ?? 'start'}`);
    process.stdout.write(`Rebuilt ${name ?? 'all projections'} in ${Date.now() - started} ms: ${positions.join(', ')}\n`);
  } finally {
    await projector.stop();
    await calendarFeed.stop();
    await closeStores(stores);
  }
}

main().catch((error: unknown) => {
  const known =
    error instanceof ConfigError ||
    error instanceof StoreConnectionError ||
    error instanceof UnknownProjectionError ||
    error instanceof LeaseNotHeldError;
  process.stderr.write(`${known ? (error as Error).message : String((error as Error)?.stack ?? error)}\n`);
  process.exit(known ? 2 : 1);
});
