import { type GoalRow, type Measured, type Verdict, allOf, atLeast, atMost, notMeasured, shareOf } from './goals';
import type { HttpCommandsResult } from './http-commands';
import type { HttpRun } from './http-load';
import type { InProcessCommandsResult } from './in-process-commands';
import type { HashingCost, VerifyRun } from './integrity';
import type { RawRead, RebuildRun, SeededArchive } from './projection-rebuild';
import type { QueryRound, SeededQueriesResult } from './seeded-queries';
import { fmt } from './table';

export interface BenchResults {
  commands: Measured<InProcessCommandsResult>;
  http: Measured<HttpCommandsResult>;
  seeded: Measured<SeededArchive>;
  rawRead: Measured<RawRead>;
  rebuild: Measured<RebuildRun>;
  /** Null when the rebuild did not finish: there were no read models to query. */
  queries: Measured<SeededQueriesResult> | null;
  verify: Measured<VerifyRun>;
  hashing: Measured<HashingCost>;
}

const MILLION = 1_000_000;

/** How far a rebuild got: done, stopped at its cap with a known checkpoint, or killed with nothing known. */
export function describeRebuildProgress(run: RebuildRun): string {
  if (run.finished) return `finished in ${fmt(run.wallMs / 1000)} s`;
  if (run.handledEvents === null) return `did not finish in ${fmt(run.wallMs / 1000)} s (killed)`;
  return `did not finish in ${fmt(run.capMs / 1000)} s (${fmt(run.handledEvents)} events handled)`;
}

function rebuildRow({ seeded, rawRead, rebuild }: BenchResults): GoalRow {
  const run = rebuild.result;
  const share = run.eventsPerSecond / rawRead.result.eventsPerSecond;
  const millionS = MILLION / run.eventsPerSecond;
  const unfinished: Verdict[] = run.finished ? [] : [{ kind: 'short', by: describeRebuildProgress(run) }];
  const rate = `${run.handledEvents === null ? 'under ' : ''}${fmt(run.eventsPerSecond)} events/s`;
  const peak = Number.isNaN(run.peakRssMb) ? [] : [`peak RSS ${fmt(run.peakRssMb)} MB`];
  return {
    figure: `Rebuild of all read models, ${fmt(seeded.result.events)} events (${fmt(seeded.result.complaints)} complaints)`,
    goal: '≥ 50,000 events/s and ≥ 25 % of the raw read; 1 M events ≤ 30 s; peak RSS ≤ 400 MB',
    measured: [`${describeRebuildProgress(run)}: ${rate}`, `1 M events in ~${fmt(millionS)} s`, ...peak].join(', '),
    reference: shareOf(run.eventsPerSecond, rawRead.result.eventsPerSecond, ' events/s (raw read)'),
    load: rebuild.load,
    verdict: allOf(
      ...unfinished,
      atLeast(run.eventsPerSecond, 50_000, ' events/s'),
      atLeast(share * 100, 25, ' % of raw'),
      atMost(millionS, 30, ' s per 1 M'),
      ...(peak.length > 0 ? [atMost(run.peakRssMb, 400, ' MB')] : []),
    ),
  };
}

function commandRows({ commands }: BenchResults): GoalRow[] {
  const { projectionsOff, projectionsLive } = commands.result;
  return projectionsLive.map((live, i) => {
    const off = projectionsOff[i];
    return {
      figure: `Commands in process, projections live, ${live.inFlight === 1 ? 'one at a time' : `${live.inFlight} in flight`}`,
      goal: '≥ 70 % of projections off',
      measured: `${fmt(live.commandsPerSecond)} commands/s, p99 ${fmt(live.latency.p99Ms)} ms`,
      reference: shareOf(live.commandsPerSecond, off.commandsPerSecond, ' commands/s (projections off)'),
      load: commands.load,
      verdict: atLeast((100 * live.commandsPerSecond) / off.commandsPerSecond, 70, ' %'),
    };
  });
}

function httpCommandRow(label: string, run: HttpRun, { http }: BenchResults): GoalRow {
  const hello = http.result.helloWorld;
  return {
    figure: `HTTP ${label}, ${http.result.connections} connections, projections live`,
    goal: '≥ 25 % of hello world req/s, p99 ≤ 25 ms, no non-2xx',
    measured: `${fmt(run.requestsPerSecond)} req/s, p99 ${fmt(run.p99Ms)} ms, ${fmt(run.non2xx + run.errors)} non-2xx or errors`,
    reference: shareOf(run.requestsPerSecond, hello.requestsPerSecond, ' req/s (hello world)'),
    load: http.load,
    verdict: allOf(
      atLeast((100 * run.requestsPerSecond) / hello.requestsPerSecond, 25, ' %'),
      atMost(run.p99Ms, 25, ' ms'),
      atMost(run.non2xx + run.errors, 0, ' non-2xx'),
    ),
  };
}

function lagRow({ http }: BenchResults): GoalRow {
  const { lag } = http.result;
  const unseen: Verdict[] =
    lag.unseen > 0 ? [{ kind: 'short', by: `${fmt(lag.unseen)} appends never reached the read models (first: ${lag.unseenReason ?? 'no reason given'})` }] : [];
  return {
    figure: 'Projection lag under that HTTP load',
    goal: 'p99 ≤ 250 ms from append to read model',
    measured: `p99 ${fmt(lag.p99Ms)} ms, p50 ${fmt(lag.p50Ms)} ms over ${fmt(lag.appends)} appends`,
    reference: '— (absolute)',
    load: http.load,
    verdict: allOf(...unseen, atMost(lag.p99Ms, 250, ' ms')),
  };
}

const QUERY_GOALS: { figure: string; limitMs: number; round: (queries: SeededQueriesResult) => QueryRound }[] = [
  { figure: 'work-queue page of a province, status, sort=due', limitMs: 10, round: (q) => q.workQueue },
  { figure: 'GET /agencies/national/stats', limitMs: 20, round: (q) => q.nationalStats },
  { figure: 'GET /complaints/{id}/history', limitMs: 5, round: (q) => q.history },
  { figure: 'GET /monev/indicators?node=national&period=<year>', limitMs: 20, round: (q) => q.monevNational },
  { figure: 'GET /monev/rankings?parent=national&period=<year> (38 provinces and the central clusters)', limitMs: 20, round: (q) => q.monevRanking },
];

function queryRows({ seeded, queries }: BenchResults, skipped: Verdict): GoalRow[] {
  return QUERY_GOALS.map(({ figure, limitMs, round }) => {
    const base = { figure: `Query at ${fmt(seeded.result.complaints)} complaints, 16 connections: ${figure}`, goal: `p95 ≤ ${limitMs} ms` };
    if (!queries) return { ...base, measured: '—', reference: '—', load: seeded.load, verdict: skipped };
    const { query, helloWorld } = round(queries.result);
    return {
      ...base,
      measured: `p95 ${fmt(query.p95Ms)} ms, ${fmt(query.requestsPerSecond)} req/s, ${fmt(query.non2xx + query.errors)} non-2xx or errors`,
      reference: `hello world p95 ${fmt(helloWorld.p95Ms)} ms, ${fmt(helloWorld.requestsPerSecond)} req/s (${fmt(query.p95Ms / helloWorld.p95Ms)}× its p95)`,
      load: queries.load,
      verdict: allOf(atMost(query.p95Ms, limitMs, ' ms'), atMost(query.non2xx + query.errors, 0, ' non-2xx')),
    };
  });
}

function processRows({ seeded, queries }: BenchResults, skipped: Verdict): GoalRow[] {
  const at = `at ${fmt(seeded.result.complaints)} complaints`;
  if (!queries) {
    return [
      { figure: `API process RSS ${at}`, goal: '≤ 300 MB', measured: '—', reference: '—', load: seeded.load, verdict: skipped },
      { figure: `API first 200 on /health ${at}`, goal: '≤ 3 s after start', measured: '—', reference: '—', load: seeded.load, verdict: skipped },
    ];
  }
  const { api, emptyApi, helloWorld } = queries.result;
  return [
    {
      figure: `API process RSS ${at}`,
      goal: '≤ 300 MB',
      measured: `${fmt(api.rssAfterStartMb)} MB after start, ${fmt(api.rssAfterQueriesMb)} MB after the queries, high-water ${fmt(api.peakRssMb)} MB (start-up work: whole-log verification and the notary's tree, ${fmt(api.settledMs / 1000)} s)`,
      reference: `after start: API on an empty DATA_DIR ${fmt(emptyApi.rssAfterStartMb)} MB, hello world ${fmt(helloWorld.rssAfterStartMb)} MB`,
      load: queries.load,
      verdict: atMost(api.peakRssMb, 300, ' MB'),
    },
    {
      figure: `API first 200 on /health ${at}`,
      goal: '≤ 3 s after start',
      measured: `${fmt(api.firstHealthyMs / 1000)} s (swc-compiled at start)`,
      reference: `API on an empty DATA_DIR ${fmt(emptyApi.firstHealthyMs / 1000)} s, hello world ${fmt(helloWorld.firstHealthyMs / 1000)} s`,
      load: queries.load,
      verdict: atMost(api.firstHealthyMs / 1000, 3, ' s'),
    },
  ];
}

/** Every figure of the issue's goals table, with its same-run reference and verdict. */
function integrityRows({ verify, rawRead, hashing, commands }: BenchResults): GoalRow[] {
  const run = verify.result;
  const faults: Verdict[] = run.faults > 0 ? [{ kind: 'short', by: `${fmt(run.faults)} faults in an untouched archive` }] : [];
  const oneAtATime = commands.result.projectionsOff[0];
  const commandUs = 1_000_000 / oneAtATime.commandsPerSecond;
  const share = (100 * hashing.result.microsecondsPerCommand) / commandUs;
  return [
    {
      figure: `Verification of the whole log (npm run verify), ${fmt(run.events)} events`,
      goal: '≥ 100,000 events/s',
      measured: `${fmt(run.eventsPerSecond)} events/s (${fmt(run.wallMs / 1000)} s)`,
      reference: shareOf(run.eventsPerSecond, rawRead.result.eventsPerSecond, ' events/s (raw read)'),
      load: verify.load,
      verdict: allOf(...faults, atLeast(run.eventsPerSecond, 100_000, ' events/s')),
    },
    {
      figure: 'Hashing cost of a command (check the history read, chain what is appended)',
      goal: '≤ 10 % fewer commands/s than without',
      measured: `${fmt(hashing.result.microsecondsPerCommand)} µs CPU per command on a ${fmt(hashing.result.historyLength)}-event history`,
      reference: `${fmt(share)} % of a command one at a time (${fmt(oneAtATime.commandsPerSecond)} commands/s, projections off)`,
      load: hashing.load,
      verdict: atMost(share, 10, ' %'),
    },
  ];
}

export function goalRows(results: BenchResults): GoalRow[] {
  const skipped = notMeasured(`the rebuild did not finish within ${fmt(results.rebuild.result.capMs / 1000)} s, so there were no read models to query`);
  return [
    rebuildRow(results),
    ...commandRows(results),
    httpCommandRow('POST /complaints', results.http.result.submit, results),
    httpCommandRow('lifecycle commands (verify/dispose/accept/respond)', results.http.result.lifecycle, results),
    lagRow(results),
    ...queryRows(results, skipped),
    ...processRows(results, skipped),
    ...integrityRows(results),
  ];
}
