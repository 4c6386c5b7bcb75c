import { loadConfig } from '@lacak/config';
import { TokenService } from '../../apps/api/src/auth/token.service';
import { ApiProcess } from '../support/server-process';
import { seededComplaintId } from './complaint-histories';
import { NATIONAL_ADMIN } from './http-commands';
import { type HttpRun, jsonHeaders, runHttpLoad } from './http-load';
import { mb, processMemory } from './rss-sampler';
import { withTempDir } from './temp-dir';

export interface QueryRound {
  query: HttpRun;
  /** The hello world's run just before, at the same connections and duration. */
  helloWorld: HttpRun;
}

export interface ProcessFigures {
  /** From spawning the process to its first 200 on `/health` (polled every 50 ms). */
  firstHealthyMs: number;
  rssAfterStartMb: number;
}

export interface SeededQueriesResult {
  complaints: number;
  connections: number;
  durationS: number;
  /** `settledMs`: from the first 200 until its start-up work was done and the queries began. */
  api: ProcessFigures & { settledMs: number; rssAfterQueriesMb: number; peakRssMb: number };
  /** The same API started on an empty DATA_DIR: what the archive adds to its start and memory. */
  emptyApi: ProcessFigures;
  helloWorld: ProcessFigures;
  workQueue: QueryRound;
  nationalStats: QueryRound;
  history: QueryRound;
  monevNational: QueryRound;
  monevRanking: QueryRound;
}

/** A province and the status of the complaints its officers work on. */
export const WORK_QUEUE_PATH = '/complaints?agency=id-32&status=IN_PROGRESS&sort=due&pageSize=20';
/** The national node's monev figures for this year, and the ranking of its children (the 38 provinces and the central clusters). */
export const MONEV_YEAR = String(new Date().getUTCFullYear());
export const MONEV_NATIONAL_PATH = `/monev/indicators?node=national&period=${MONEV_YEAR}`;
export const MONEV_RANKING_PATH = `/monev/rankings?parent=national&period=${MONEV_YEAR}`;
/** History requests spread over this many seeded complaints. */
const HISTORY_SPREAD = 500;
const START_TIMEOUT_MS = 120_000;

const memoryOf = (server: ApiProcess) => {
  const memory = processMemory(server.pid!);
  return { rssMb: mb(memory?.rssBytes ?? NaN), peakRssMb: mb(memory?.peakRssBytes ?? NaN) };
};

async function started(start: () => Promise<ApiProcess>): Promise<{ server: ApiProcess; firstHealthyMs: number }> {
  const before = performance.now();
  const server = await start();
  return { server, firstHealthyMs: performance.now() - before };
}

const startApi = (dataDir: string) => started(() => ApiProcess.start({ DATA_DIR: dataDir, LOG_LEVEL: 'error' }, START_TIMEOUT_MS));

/** How long after its first 200 an API spends on its start-up work: the whole-log verification and the notary's tree. */
const SETTLE_TIMEOUT_MS = 180_000;

interface HealthBody {
  integrity: { status: string; running: boolean; auditTree: { lastPosition: string | null } };
  projector: { projections: { position: string | null }[] } | string;
}

/**
 * Waits until the API's start-up work is done (the verification at start has finished, and the
 * notary's tree has reached the projections), so the queries meet the engine as it runs, not as it
 * starts; returns how long that took.
 */
async function settled(url: string): Promise<number> {
  const started = performance.now();
  for (;;) {
    const health = (await (await fetch(`${url}/health`)).json()) as HealthBody;
    const positions = typeof health.projector === 'string' ? [] : health.projector.projections.map((p) => BigInt(p.position ?? 0));
    const last = positions.reduce((a, b) => (a > b ? a : b), 0n);
    const verified = health.integrity.status !== 'not yet verified' && !health.integrity.running;
    if (verified && BigInt(health.integrity.auditTree.lastPosition ?? 0) >= last) return performance.now() - started;
    if (performance.now() - started > SETTLE_TIMEOUT_MS) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Start and memory of a process that is stopped again at once. */
async function startAndStop(start: () => ReturnType<typeof started>): Promise<ProcessFigures> {
  const { server, firstHealthyMs } = await start();
  const rssAfterStartMb = memoryOf(server).rssMb;
  await server.stop();
  return { firstHealthyMs, rssAfterStartMb };
}

/**
 * The API as a process of its own (compiled by swc as it starts, as `npm test` runs it) on DATA_DIR
 * holding the seeded archive and its read models, and a hello world process beside it: their start,
 * their memory, and queries at `connections`, each round after a hello world round of the same
 * shape. The API is first started once on an empty DATA_DIR, for what the archive adds.
 */
export async function measureSeededQueries(
  dataDir: string,
  complaints: number,
  timing: { durationS: number; warmUpS: number },
  connections: number,
): Promise<SeededQueriesResult> {
  const emptyApi = await withTempDir((emptyDir) => startAndStop(() => startApi(emptyDir)));
  const hello = await started(() => ApiProcess.start({ DATA_DIR: dataDir }, START_TIMEOUT_MS, 'test/bench/hello-world.ts'));
  try {
    const api = await startApi(dataDir);
    try {
      const afterStart = memoryOf(api.server);
      const settledMs = await settled(api.server.url);
      const token = await new TokenService(loadConfig({ DATA_DIR: dataDir }).jwtSecret).sign(NATIONAL_ADMIN);
      const round = async (label: string, paths: string[]): Promise<QueryRound> => {
        const load = { connections, ...timing, headers: jsonHeaders(token) };
        const helloWorld = await runHttpLoad({ ...load, label: 'GET / (hello world)', baseUrl: hello.server.url, requests: [{ method: 'GET', path: '/' }] });
        const query = await runHttpLoad({ ...load, label, baseUrl: api.server.url, requests: paths.map((path) => ({ method: 'GET', path })) });
        return { query, helloWorld };
      };
      const workQueue = await round(`GET ${WORK_QUEUE_PATH}`, [WORK_QUEUE_PATH]);
      const nationalStats = await round('GET /agencies/national/stats', ['/agencies/national/stats']);
      const spread = Math.min(HISTORY_SPREAD, complaints);
      const historyPaths = Array.from({ length: spread }, (_, i) => `/complaints/${seededComplaintId(Math.floor((i * complaints) / spread))}/history`);
      const history = await round('GET /complaints/{id}/history', historyPaths);
      const monevNational = await round(`GET ${MONEV_NATIONAL_PATH}`, [MONEV_NATIONAL_PATH]);
      const monevRanking = await round(`GET ${MONEV_RANKING_PATH}`, [MONEV_RANKING_PATH]);
      const afterQueries = memoryOf(api.server);
      return {
        complaints,
        connections,
        durationS: timing.durationS,
        api: { firstHealthyMs: api.firstHealthyMs, settledMs, rssAfterStartMb: afterStart.rssMb, rssAfterQueriesMb: afterQueries.rssMb, peakRssMb: afterQueries.peakRssMb },
        emptyApi,
        helloWorld: { firstHealthyMs: hello.firstHealthyMs, rssAfterStartMb: memoryOf(hello.server).rssMb },
        workQueue,
        nationalStats,
        history,
        monevNational,
        monevRanking,
      };
    } finally {
      await api.server.stop();
    }
  } finally {
    await hello.server.stop();
  }
}
