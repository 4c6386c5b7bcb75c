import 'reflect-metadata';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { measureDiskBaseline } from './disk-baseline';
import { type AppendRun, measureEventStore } from './event-store-appends';
import { type GoalRow, type Measured, goalsMarkdown, replaceBetweenMarkers } from './goals';
import { describeRebuildProgress, goalRows } from './goal-rows';
import { measureHttpCommands } from './http-commands';
import type { HttpRun } from './http-load';
import { type CommandRun, measureInProcessCommands } from './in-process-commands';
import { measureHashingCost, measureVerify, sampleStream } from './integrity';
import { measureRawRead, seedArchive } from './projection-rebuild';
import { measureRebuildInOwnProcess } from './rebuild-process';
import { measureSeededQueries } from './seeded-queries';
import { renderTable } from './table';
import { withTempDir } from './temp-dir';

/**
 * `npm run bench [-- --quick] [-- --readme]`: speed and memory against the goals, each
 * figure beside a reference measured in the same run. Prints tables, writes the numbers to
 * .bench/results-<timestamp>.json, and the goals table into the README (a full run, or --readme).
 */
const SIZES = {
  quick: {
    diskMs: 500,
    sequentialMs: 500,
    concurrentMs: 1_000,
    inFlight: [64],
    streamsToRead: 1_000,
    commandMs: 1_000,
    httpS: 2,
    warmUpS: 0,
    complaints: 2_000,
    rebuildCapMs: 60_000,
    queryS: 1.5,
    hashingMs: 300,
  },
  full: {
    diskMs: 3_000,
    sequentialMs: 5_000,
    concurrentMs: 10_000,
    inFlight: [64, 256],
    streamsToRead: 1_000,
    commandMs: 5_000,
    httpS: 10,
    warmUpS: 2,
    complaints: 100_000,
    rebuildCapMs: 480_000,
    queryS: 10,
    hashingMs: 2_000,
  },
};
const COMMANDS_IN_FLIGHT = [1, 64];
const HTTP_CONNECTIONS = 64;
const QUERY_CONNECTIONS = 16;

const began = performance.now();
const progress = (step: string) => process.stderr.write(`[${((performance.now() - began) / 1000).toFixed(1)} s] ${step}\n`);

/** A section of the run, with the 1-minute load average at its start and end. */
async function section<T>(title: string, work: () => Promise<T>): Promise<Measured<T>> {
  progress(title);
  const start = loadavg()[0];
  const result = await work();
  return { result, load: { start, end: loadavg()[0] } };
}

const count = (value: number) => Math.round(value).toLocaleString('en-US');
const loadNote = ({ load }: Measured<unknown>) => `load ${load.start.toFixed(2)} → ${load.end.toFixed(2)}`;

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const mode = process.argv.includes('--quick') ? 'quick' : 'full';
  const writeReadme = mode === 'full' || process.argv.includes('--readme');
  const size = SIZES[mode];
  const system = {
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    platform: `${process.platform} ${process.arch}`,
  };

  const disk = await section('disk baseline (write 1 KiB + fsync)', () => measureDiskBaseline(size.diskMs));
  const eventStore = await section('event store appends and reads', () =>
    measureEventStore({ ...size, fsyncsPerSecond: disk.result.fsyncsPerSecond }),
  );
  const commands = await section('in-process commands, projections off then live', () =>
    measureInProcessCommands(size.commandMs, COMMANDS_IN_FLIGHT),
  );
  const http = await section(`HTTP commands at ${HTTP_CONNECTIONS} connections, hello world first`, () =>
    measureHttpCommands(size.httpS, size.warmUpS, HTTP_CONNECTIONS),
  );
  const archive = await withTempDir(async (dataDir) => {
    const seeded = await section(`seeding ${count(size.complaints)} complaints`, () => seedArchive(dataDir, size.complaints));
    const rawRead = await section('raw read of events.db', async () => measureRawRead(dataDir));
    const verify = await section('verification of the whole log', () => measureVerify(dataDir));
    const sample = await sampleStream(dataDir);
    const hashing = await section('hashing cost of a command', async () => measureHashingCost(sample, size.hashingMs));
    const rebuild = await section(`rebuild of all read models in a process of its own (at most ${size.rebuildCapMs / 1000} s)`, () =>
      measureRebuildInOwnProcess({ dataDir, events: seeded.result.events, capMs: size.rebuildCapMs }),
    );
    const queries = rebuild.result.finished
      ? await section(`API process and queries at ${count(size.complaints)} complaints`, () =>
          measureSeededQueries(dataDir, size.complaints, { durationS: size.queryS, warmUpS: size.warmUpS }, QUERY_CONNECTIONS),
        )
      : null;
    return { seeded, rawRead, rebuild, queries, verify, hashing };
  });
  progress('done');

  const rows: GoalRow[] = goalRows({ commands, http, ...archive });
  const appendRow = (label: string, run: AppendRun) => [
    label,
    run.eventsPerSecond,
    run.appendsPerSecond,
    run.commitsPerSecond,
    run.eventsPerCommit,
    run.latency.meanMs,
    run.latency.p50Ms,
    run.latency.p99Ms,
    `${run.eventsPerFsyncOfBaseline.toFixed(1)}x`,
  ];
  const commandRow = (projections: string, run: CommandRun) => [projections, run.inFlight, run.commandsPerSecond, run.latency.p50Ms, run.latency.p99Ms];
  const httpRow = (run: HttpRun) => [run.request, run.requests, run.requestsPerSecond, run.p50Ms, run.p95Ms, run.p99Ms, run.non2xx, run.errors];
  const httpHeaders = ['request', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'non-2xx', 'errors'];
  const { seeded, rawRead, rebuild, queries } = archive;
  const heading = `Lacak bench (${mode}) ${startedAt}: Node ${system.node}, ${system.cpu}, ${system.cores} cores, ${system.platform}`;
  const tables = [
    heading,
    renderTable(`1. Disk baseline: write 1 KiB + fsync (${loadNote(disk)})`, ['measure', 'fsyncs/s', 'p50 ms', 'p99 ms'], [
      ['fsync loop', disk.result.fsyncsPerSecond, disk.result.fsyncLatency.p50Ms, disk.result.fsyncLatency.p99Ms],
    ]),
    renderTable(
      `2. Event store appends (SqliteEventStore, group commit; ${loadNote(eventStore)})`,
      ['in flight', 'events/s', 'appends/s', 'commits/s', 'events/commit', 'mean ms', 'p50 ms', 'p99 ms', 'vs fsync'],
      [appendRow('1 (sequential)', eventStore.result.sequential), ...eventStore.result.concurrent.map((run) => appendRow(String(run.inFlight), run))],
    ),
    renderTable('   Event store reads', ['read', 'rate'], [
      ['readStream, random streams', `${count(eventStore.result.readStreamOpsPerSecond)} ops/s`],
      [`readAll, ${count(eventStore.result.eventsInLog)} events in pages of 1,000`, `${count(eventStore.result.readAllEventsPerSecond)} events/s`],
    ]),
    renderTable(
      `3. Submissions through the use case in the API's composition (${loadNote(commands)})`,
      ['projections', 'in flight', 'commands/s', 'p50 ms', 'p99 ms'],
      [
        ...commands.result.projectionsOff.map((run) => commandRow('off', run)),
        ...commands.result.projectionsLive.map((run) => commandRow('live', run)),
      ],
    ),
    renderTable(
      `4. HTTP, ${http.result.connections} connections, ${http.result.durationS} s each (${loadNote(http)}); projection lag p50 ${count(http.result.lag.p50Ms)} ms, p99 ${count(http.result.lag.p99Ms)} ms over ${count(http.result.lag.appends)} appends, ${http.result.lag.unseen} unseen`,
      httpHeaders,
      [http.result.helloWorld, http.result.submit, http.result.lifecycle].map(httpRow),
    ),
    renderTable(
      `5. Archive: ${count(seeded.result.complaints)} complaints, ${count(seeded.result.events)} events, seeded in ${(seeded.result.seedMs / 1000).toFixed(1)} s (${loadNote(seeded)})`,
      ['read', 'progress', 'wall s', 'events/s', 'RSS before MB', 'peak RSS MB', 'load'],
      [
        ['raw better-sqlite3 SELECT + JSON.parse', 'finished', rawRead.result.wallMs / 1000, rawRead.result.eventsPerSecond, '', '', loadNote(rawRead)],
        [
          `rebuild: ${rebuild.result.projections}`,
          describeRebuildProgress(rebuild.result),
          rebuild.result.wallMs / 1000,
          rebuild.result.eventsPerSecond,
          rebuild.result.rssBeforeMb,
          rebuild.result.peakRssMb,
          loadNote(rebuild),
        ],
      ],
    ),
    queries
      ? [
          renderTable(
            `6. Queries on the API process at ${count(queries.result.complaints)} complaints, ${queries.result.connections} connections, ${queries.result.durationS} s each (${loadNote(queries)})`,
            httpHeaders,
            [queries.result.workQueue, queries.result.nationalStats, queries.result.history, queries.result.monevNational, queries.result.monevRanking].flatMap((round) => [httpRow(round.helloWorld), httpRow(round.query)]),
          ),
          renderTable('   Processes', ['process', 'first 200 s', 'RSS after start MB', 'RSS after queries MB', 'peak RSS MB'], [
            ['API', queries.result.api.firstHealthyMs / 1000, queries.result.api.rssAfterStartMb, queries.result.api.rssAfterQueriesMb, queries.result.api.peakRssMb],
            ['API, empty DATA_DIR', queries.result.emptyApi.firstHealthyMs / 1000, queries.result.emptyApi.rssAfterStartMb, '', ''],
            ['hello world', queries.result.helloWorld.firstHealthyMs / 1000, queries.result.helloWorld.rssAfterStartMb, '', ''],
          ]),
        ].join('\n')
      : '\n6. Queries and the API process: not measured, the read models were not rebuilt in time',
  ];
  const goals = goalsMarkdown(rows);
  process.stdout.write(`${tables.join('\n')}\n\nGoals (issue #11)\n${goals}\n`);

  const dir = resolve(__dirname, '../../.bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `results-${startedAt.replace(/[:.]/g, '-')}.json`);
  const results = { startedAt, mode, system, disk, eventStore, commands, http, ...archive, goals: rows };
  writeFileSync(file, `${JSON.stringify(results, (_, value) => (typeof value === 'bigint' ? String(value) : value), 2)}\n`);
  process.stdout.write(`\nResults written to ${file}\n`);
  if (writeReadme) {
    const readme = resolve(__dirname, '../../README.md');
    const block = `${heading} (\`npm run bench\`${mode === 'quick' ? ' -- --quick' : ''}):\n\n${goals}`;
    writeFileSync(readme, replaceBetweenMarkers(readFileSync(readme, 'utf8'), block));
    process.stdout.write(`Goals table written to ${readme}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
