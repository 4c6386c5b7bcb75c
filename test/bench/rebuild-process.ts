import { runToExit } from '../support/server-process';
import { type RebuildRun, measureRebuild } from './projection-rebuild';
import { perSecond } from './stats';

/** What the bench hands the rebuild process, in the environment variable below. */
export interface RebuildTask {
  dataDir: string;
  events: number;
  capMs: number;
}

export const REBUILD_TASK_ENV = 'LACAK_BENCH_REBUILD';

/** Time the rebuild process gets beyond its cap to start, stop and report. */
const GRACE_MS = 20_000;

/**
 * `measureRebuild` in a child process running this file. A catch-up that never yields to its event
 * loop cannot notice its own cap, so the child is killed once the cap and a grace period are over:
 * then all that is known is that the rate was below events / cap.
 */
export async function measureRebuildInOwnProcess(task: RebuildTask): Promise<RebuildRun> {
  const { code, stdout, stderr } = await runToExit('test/bench/rebuild-process.ts', { [REBUILD_TASK_ENV]: JSON.stringify(task) }, task.capMs + GRACE_MS);
  if (code === null) {
    // It projected for at least the cap (its start takes less than the grace) without finishing.
    const upperBound = perSecond(task.events, task.capMs);
    return { projections: 'all read models', finished: false, capMs: task.capMs, wallMs: task.capMs + GRACE_MS, eventsPerSecond: upperBound, handledEvents: null, rssBeforeMb: NaN, peakRssMb: NaN };
  }
  if (code !== 0) throw new Error(`The rebuild process exited with ${code}:\n${stderr}`);
  return JSON.parse(stdout) as RebuildRun;
}

/**
 * The rebuild in a process of its own, so its peak RSS is the rebuild's and not the bench's (which
 * holds the earlier sections' heaps): prints the `RebuildRun` as JSON on stdout.
 */
async function main(): Promise<void> {
  const { dataDir, events, capMs } = JSON.parse(process.env[REBUILD_TASK_ENV]!) as RebuildTask;
  process.stdout.write(`${JSON.stringify(await measureRebuild(dataDir, events, capMs))}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  });
}
