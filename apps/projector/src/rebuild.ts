import 'reflect-metadata';
import { createPublicKey } from 'node:crypto';
import { VerifyEventLog } from '@lacak/application';
import { ConfigError, loadConfig } from '@lacak/config';
import { loadOrganisation } from '@lacak/organisation';
import { createDeadlineContext, createProjector } from '@lacak/processes';
import { HolidayCalendarFeed, LeaseNotHeldError, UnknownProjectionError } from '@lacak/projections';
import { StoreConnectionError, closeStores, loadAuditSigningKey, openStores } from '@lacak/storage';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `npm run rebuild -- [projection] [--accept-broken-chains]`: verifies the event log, then drops
 * one read model (or all) and replays every event into it, and exits. A stream whose hash chain is
 * broken is not projected (a forged event is never served as fact) unless `--accept-broken-chains`
 * says to; either way the report names each one. It takes the projector lease first, so it never
 * races a running projector; a running API rebuilds through `POST /admin/projections/rebuild`.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const acceptBroken = args.includes('--accept-broken-chains');
  const name = args.find((arg) => !arg.startsWith('--'));
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
  const verification = await new VerifyEventLog(stores.eventStore, { now: () => new Date() }, createPublicKey(loadAuditSigningKey(config))).run();
  const broken = new Set(verification.faults.map((fault) => fault.streamId));
  for (const fault of verification.faults) {
    process.stderr.write(`Integrity fault in ${fault.streamId} revision ${fault.revision}: ${fault.kind} (${fault.detail})\n`);
  }
  if (broken.size > 0) {
    process.stderr.write(
      acceptBroken
        ? `Projecting ${broken.size} stream(s) with a broken chain as --accept-broken-chains asks.\n`
        : `Leaving out ${broken.size} stream(s) with a broken chain: ${[...broken].join(', ')}. Run again with --accept-broken-chains to project them anyway.\n`,
    );
  }
  const projector = createProjector(config, stores.eventStore, stores.readStore, log, { context, now: () => new Date() }, {
    readModelsOnly: true,
    skipStreams: acceptBroken ? undefined : broken,
  });
  try {
    const started = Date.now();
    projector.start();
    // A lease left by a process that died frees itself within one lifetime.
    const deadline = Date.now() + config.projectorLeaseTtlMs + 2000;
    while (projector.leaseState !== 'held' && Date.now() < deadline) await sleep(50);
    await projector.rebuild(name);
    await projector.waitUntilCaughtUp(30 * 60_000);
    const positions = projector.status().map((s) => `${s.name}@${s.position ?? 'start'}`);
    const left = !acceptBroken && broken.size > 0 ? `; left out ${broken.size} stream(s) with a broken chain` : '';
    process.stdout.write(`Rebuilt ${name ?? 'all projections'} in ${Date.now() - started} ms: ${positions.join(', ')}${left}\n`);
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
