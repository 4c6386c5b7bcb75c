import { ComplaintSubmission, newId } from '@lacak/application';
import { loadConfig } from '@lacak/config';
import { createApp } from '../../apps/api/src/create-app';
import { REPORTER, SUBMISSION } from './http-commands';
import { type LatencySummary, perSecond, summarise } from './stats';
import { withTempDir } from './temp-dir';

export interface CommandRun {
  inFlight: number;
  commands: number;
  commandsPerSecond: number;
  latency: LatencySummary;
}

export interface InProcessCommandsResult {
  /** The reference: the API's composition with no projector in the process. */
  projectionsOff: CommandRun[];
  projectionsLive: CommandRun[];
}

/**
 * Submissions through the application's use case as the API's controller calls it, in the API's
 * own composition (`createApp`, not listening), once with the projector off and once with it live
 * in the process, each on a fresh data directory; one at a time and with `inFlight` callers.
 */
export async function measureInProcessCommands(durationMs: number, inFlight: number[]): Promise<InProcessCommandsResult> {
  const measure = (projectorInProcess: boolean) =>
    withTempDir(async (dir) => {
      const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', PROJECTOR_IN_PROCESS: String(projectorInProcess) });
      const app = await createApp(config);
      try {
        await app.init();
        const submission = app.get(ComplaintSubmission);
        const runs: CommandRun[] = [];
        for (const callers of inFlight) runs.push(await runSubmissions(submission, callers, durationMs));
        return runs;
      } finally {
        await app.close();
      }
    });
  const projectionsOff = await measure(false);
  const projectionsLive = await measure(true);
  return { projectionsOff, projectionsLive };
}

async function runSubmissions(submission: ComplaintSubmission, inFlight: number, durationMs: number): Promise<CommandRun> {
  const latencies: number[] = [];
  const started = performance.now();
  const caller = async () => {
    while (performance.now() - started < durationMs) {
      const before = performance.now();
      await submission.run(SUBMISSION, REPORTER, { correlationId: newId() });
      latencies.push(performance.now() - before);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, caller));
  const elapsedMs = performance.now() - started;
  return { inFlight, commands: latencies.length, commandsPerSecond: perSecond(latencies.length, elapsedMs), latency: summarise(latencies) };
}
