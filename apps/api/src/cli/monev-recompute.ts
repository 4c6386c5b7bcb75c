import { VerifyMonevSnapshot } from '@lacak/application/queries';
import { ConfigError, loadConfig } from '@lacak/config';
import type { Actor } from '@lacak/domain';
import { loadOrganisation } from '@lacak/organisation';
import { createDeadlineContext } from '@lacak/processes';
import { StoreConnectionError, closeStores, openStores } from '@lacak/storage';

/** The tool acts as the national level, which reads every node's figures. */
const OPERATOR: Actor = { id: 'monev-recompute', role: 'national_admin', agencyId: null };

/**
 * `npm run monev:recompute -- <period>`: recomputes a closed period's figures from the event log
 * alone, up to the log position its closing recorded, and compares them node by node with the
 * snapshot recorded then. Exits 0 when every node's figures are equal, 1 when any differs, 2 when
 * the period is not closed or the check could not run.
 */
async function main(): Promise<number> {
  const period = process.argv[2];
  if (!period) {
    process.stderr.write('Usage: npm run monev:recompute -- <period>   (a year 2026, a quarter 2026-Q1 or a month 2026-03)\n');
    return 2;
  }
  const config = loadConfig();
  const stores = await openStores(config);
  try {
    const tree = loadOrganisation(config.orgTreeFile);
    const started = performance.now();
    const check = await new VerifyMonevSnapshot(stores.eventStore, tree, () => createDeadlineContext(config, tree)).run(OPERATOR, period);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (check.position === null) {
      process.stdout.write(`${check.period} is not closed: there is no snapshot to check.\n`);
      return 2;
    }
    if (check.differences.length === 0) {
      process.stdout.write(`${check.period}: the snapshot of ${check.nodes} nodes at log position ${check.position} equals the recomputation from the log (${seconds} s).\n`);
      return 0;
    }
    process.stdout.write(`${check.period}: ${check.differences.length} node(s) differ from the recomputation at log position ${check.position}:\n`);
    for (const { nodeId, recorded, recomputed } of check.differences) {
      process.stdout.write(`  ${nodeId}\n    recorded:   ${JSON.stringify(recorded)}\n    recomputed: ${JSON.stringify(recomputed)}\n`);
    }
    return 1;
  } finally {
    await closeStores(stores);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof ConfigError || error instanceof StoreConnectionError;
    process.stderr.write(`Could not recompute the snapshot: ${known ? (error as Error).message : String((error as Error)?.stack ?? error)}\n`);
    process.exit(2);
  },
);
