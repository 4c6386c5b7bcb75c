import { runToExit } from '../support/server-process';
import { type RebuildRun, measureRebuild } from './projection-rebuild';

/** What the bench hands the rebuild process, in the environment variable below. */
export interface RebuildTask {
  dataDir: string;
  events: number;
  capMs: number;
}

export const REBUILD_TASK_ENV = 'LACAK_BENCH_REBUILD';

/** `measureRebuild` in a child process running this file. */
export async function measureRebuildInOwnProcess(task: RebuildTask): Promise<RebuildRun> {
  const { code, stdout, stderr } = await runToExit('test/bench/rebuild-process.ts', { [REBUILD_TASK_ENV]: JSON.stringify(task) });
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
