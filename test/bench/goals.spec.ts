import { type BenchResults, describeRebuildProgress, goalRows } from './goal-rows';
import { type GoalRow, MET, README_MARKERS, allOf, atLeast, atMost, describeVerdict, notMeasured, replaceBetweenMarkers, shareOf } from './goals';
import type { RebuildRun } from './projection-rebuild';

describe('bench goal verdicts', () => {
  it('meets a floor at or above it and says how many times short a figure below it is', () => {
    expect(atLeast(50_000, 50_000)).toEqual(MET);
    expect(describeVerdict(atLeast(12_500, 50_000, ' events/s'))).toBe('short: 12,500 events/s, needs 4×');
    expect(describeVerdict(atLeast(0, 25, ' %'))).toBe('short: 0 %');
  });

  it('meets a limit at or under it and says how many times over a figure above it is', () => {
    expect(atMost(25, 25)).toEqual(MET);
    expect(describeVerdict(atMost(75, 25, ' ms'))).toBe('short: 75 ms, 3× the limit');
    expect(describeVerdict(atMost(3, 0, ' non-2xx'))).toBe('short: 3 non-2xx');
  });

  it('meets a goal of several conditions only when each is met, naming every shortfall', () => {
    expect(allOf(MET, MET)).toEqual(MET);
    expect(describeVerdict(allOf(atLeast(40, 25), atMost(50, 25, ' ms'), atMost(2, 0, ' non-2xx')))).toBe(
      'short: 50 ms, 2× the limit; 2 non-2xx',
    );
    expect(describeVerdict(allOf(atMost(50, 25), notMeasured('no read models')))).toBe('not measured: no read models');
  });

  it('states a figure as a share of its same-run reference', () => {
    expect(shareOf(3_832, 15_329, ' req/s')).toBe('25 % of 15,329 req/s');
  });
});

describe('README table replacement', () => {
  const { start, end } = README_MARKERS;

  it('replaces what lies between the markers and keeps everything around them', () => {
    const readme = `# Title\n\n${start}\nold table\n${end}\n\nAfter.\n`;
    expect(replaceBetweenMarkers(readme, 'new table')).toBe(`# Title\n\n${start}\nnew table\n${end}\n\nAfter.\n`);
  });

  it('gives the same README when run twice', () => {
    const once = replaceBetweenMarkers(`${start}${end}`, 'table');
    expect(replaceBetweenMarkers(once, 'table')).toBe(once);
  });

  it('refuses a README without both markers in order', () => {
    expect(() => replaceBetweenMarkers('no markers', 'table')).toThrow(/bench:start/);
    expect(() => replaceBetweenMarkers(`${end}\n${start}`, 'table')).toThrow(/bench:start/);
  });
});

describe('the goals table rows', () => {
  const load = { start: 0.5, end: 0.7 };
  const latency = { meanMs: 1, p50Ms: 1, p99Ms: 2 };
  const http = (requestsPerSecond: number, p99Ms: number) => ({
    request: 'r',
    requests: 1,
    requestsPerSecond,
    p50Ms: 1,
    p95Ms: 1,
    p99Ms,
    non2xx: 0,
    errors: 0,
    timeouts: 0,
  });
  const results = (rebuild: RebuildRun): BenchResults => ({
    commands: {
      result: {
        projectionsOff: [
          { inFlight: 1, commands: 1, commandsPerSecond: 1_000, latency },
          { inFlight: 64, commands: 1, commandsPerSecond: 8_000, latency },
        ],
        projectionsLive: [
          { inFlight: 1, commands: 1, commandsPerSecond: 800, latency },
          { inFlight: 64, commands: 1, commandsPerSecond: 4_000, latency },
        ],
      },
      load,
    },
    http: {
      result: {
        connections: 64,
        durationS: 10,
        helloWorld: http(16_000, 10),
        submit: http(4_000, 20),
        lifecycle: http(2_000, 30),
        lag: { ...latency, appends: 10, unseen: 0, unseenReason: null },
      },
      load,
    },
    seeded: { result: { complaints: 100_000, events: 680_000, seedMs: 1 }, load },
    rawRead: { result: { events: 680_000, wallMs: 1, eventsPerSecond: 200_000 }, load },
    rebuild: { result: rebuild, load },
    queries: null,
    verify: { result: { events: 680_000, wallMs: 10_000, eventsPerSecond: 68_000, faults: 0 }, load },
    // 1,000 commands/s one at a time: 1,000 µs each, 50 of them hashing.
    hashing: { result: { microsecondsPerCommand: 50, historyLength: 8 }, load },
  });
  const killed: RebuildRun = {
    projections: 'all',
    finished: false,
    capMs: 150_000,
    wallMs: 170_000,
    eventsPerSecond: 4_533,
    handledEvents: null,
    rssBeforeMb: NaN,
    peakRssMb: NaN,
  };
  const verdicts = (rows: GoalRow[]) => Object.fromEntries(rows.map((row) => [row.figure, describeVerdict(row.verdict)]));

  it('has one row per goal, with a verdict for each, and says what fell short by how much', () => {
    const rows = verdicts(goalRows(results(killed)));
    expect(Object.keys(rows)).toHaveLength(15);
    expect(rows['Rebuild of all read models, 680,000 events (100,000 complaints)']).toBe(
      'short: did not finish in 170 s (killed); 4,533 events/s, needs 11×; 2.27 % of raw, needs 11×; 220.6 s per 1 M, 7.35× the limit',
    );
    expect(rows['Commands in process, projections live, one at a time']).toBe('met');
    expect(rows['Commands in process, projections live, 64 in flight']).toBe('short: 50 %, needs 1.4×');
    expect(rows['HTTP POST /complaints, 64 connections, projections live']).toBe('met');
    expect(rows['HTTP lifecycle commands (verify/dispose/accept/respond), 64 connections, projections live']).toBe(
      'short: 12.5 %, needs 2×; 30 ms, 1.2× the limit',
    );
    expect(rows['Verification of the whole log (npm run verify), 680,000 events']).toBe('short: 68,000 events/s, needs 1.47×');
    expect(rows['Hashing cost of a command (check the history read, chain what is appended)']).toBe('met');
  });

  it('leaves the queries and the API process not measured when the rebuild did not finish', () => {
    const rows = goalRows(results(killed)).filter((row) => /^(Query|API)/.test(row.figure));
    expect(rows).toHaveLength(7);
    for (const row of rows) expect(describeVerdict(row.verdict)).toBe('not measured: the rebuild did not finish within 150 s, so there were no read models to query');
  });

  it('tells a finished rebuild, one stopped at its cap and one that had to be killed apart', () => {
    expect(describeRebuildProgress({ ...killed, finished: true, wallMs: 12_000 })).toBe('finished in 12 s');
    expect(describeRebuildProgress({ ...killed, handledEvents: 300_000 })).toBe('did not finish in 150 s (300,000 events handled)');
    expect(describeRebuildProgress(killed)).toBe('did not finish in 170 s (killed)');
  });
});
