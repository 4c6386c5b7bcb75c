import 'reflect-metadata';
import { ConfigError, loadConfig } from '@lacak/config';
import { loadOrganisation } from '@lacak/organisation';
import { Projector, UnknownProjectionError, createProjections } from '@lacak/projections';
import { closeStores, openStores } from '@lacak/storage';

/**
 * `npm run rebuild -- [projection]`: drops one read model (or all) and replays every event
 * into it, then exits. Run it while no projector is running on the same read store; a running
 * API rebuilds through `POST /admin/projections/rebuild` instead.
 */
async function main(): Promise<void> {
  const name = process.argv[2];
  const config = loadConfig();
  const stores = openStores(config);
  const projector = new Projector(createProjections(loadOrganisation(config.orgTreeFile)), stores.eventStore, stores.readStore, {
    onError: (projection, error) => process.stderr.write(`${projection}: ${String(error)}\n`),
  });
  try {
    const started = Date.now();
    await projector.rebuild(name);
    projector.start();
    await projector.waitUntilCaughtUp(30 * 60_000);
    const positions = projector.status().map((s) => `${s.name}@${s.position ?? 'start'}`);
    process.stdout.write(`Rebuilt ${name ?? 'all projections'} in ${Date.now() - started} ms: ${positions.join(', ')}\n`);
  } finally {
    await projector.stop();
    await closeStores(stores);
  }
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof UnknownProjectionError;
  process.stderr.write(`${known ? (error as Error).message : String((error as Error)?.stack ?? error)}\n`);
  process.exit(known ? 2 : 1);
});
