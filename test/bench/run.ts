import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { measureDiskBaseline } from './disk-baseline';
import { type AppendRun, measureEventStore } from './event-store-appends';
import { measureHttpCommands } from './http-commands';
import { measureProjectionRebuild } from './projection-rebuild';
import { renderTable } from './table';

/**
 * `npm run bench [-- --quick]`: speed and memory measurements, not tests. Prints tables and
 * writes the numbers to .bench/results-<timestamp>.json.
 */
const SIZES = {
  quick: { diskMs: 1_000, sequentialMs: 1_000, concurrentMs: 1_500, inFlight: [64, 256], streamsToRead: 1_000, complaints: 2_000, httpS: 3 },
  full: { diskMs: 3_000, sequentialMs: 5_000, concurrentMs: 10_000, inFlight: [64, 256], streamsToRead: 1_000, complaints: 20_000, httpS: 10 },
};
const HTTP_CONNECTIONS = 32;

const began = performance.now();
const progress = (step: string) => process.stderr.write(`[${((performance.now() - began) / 1000).toFixed(1)} s] ${step}\n`);

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const mode = process.argv.includes('--quick') ? 'quick' : 'full';
  const size = SIZES[mode];
  const system = {
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    platform: `${process.platform} ${process.arch}`,
    // Other work on the machine skews every number: a high load at the start marks a run to repeat.
    loadAverage1m: loadavg()[0],
  };

  progress('disk baseline (write 1 KiB + fsync)');
  const disk = await measureDiskBaseline(size.diskMs);
  progress('event store appends and reads');
  const eventStore = await measureEventStore({ ...size, fsyncsPerSecond: disk.fsyncsPerSecond });
  progress(`projection rebuild (seeding ${size.complaints} complaints first)`);
  const rebuild = await measureProjectionRebuild(size.complaints);
  progress('HTTP commands and queries');
  const http = await measureHttpCommands(size.httpS, HTTP_CONNECTIONS);
  progress('done');

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
  const tables = [
    `Lacak bench (${mode}): Node ${system.node}, ${system.cpu}, ${system.cores} cores, ${system.platform}, load ${system.loadAverage1m.toFixed(2)} at start`,
    renderTable('1. Disk baseline: write 1 KiB + fsync', ['measure', 'fsyncs/s', 'p50 ms', 'p99 ms'], [
      ['fsync loop', disk.fsyncsPerSecond, disk.fsyncLatency.p50Ms, disk.fsyncLatency.p99Ms],
    ]),
    renderTable(
      '2. Event store appends (SqliteEventStore, group commit)',
      ['in flight', 'events/s', 'appends/s', 'commits/s', 'events/commit', 'mean ms', 'p50 ms', 'p99 ms', 'vs fsync'],
      [appendRow('1 (sequential)', eventStore.sequential), ...eventStore.concurrent.map((run) => appendRow(String(run.inFlight), run))],
    ),
    renderTable('   Event store reads', ['read', 'rate'], [
      ['readStream, random streams', `${Math.round(eventStore.readStreamOpsPerSecond).toLocaleString('en-US')} ops/s`],
      [`readAll, ${eventStore.eventsInLog.toLocaleString('en-US')} events in pages of 1,000`, `${Math.round(eventStore.readAllEventsPerSecond).toLocaleString('en-US')} events/s`],
    ]),
    renderTable(
      `3. Projection rebuild: ${rebuild.complaints.toLocaleString('en-US')} complaints, ${rebuild.events.toLocaleString('en-US')} events (seeded in ${(rebuild.seedMs / 1000).toFixed(1)} s)`,
      ['projections', 'wall s', 'events/s', 'RSS before MB', 'peak RSS MB'],
      rebuild.runs.map((run) => [run.projections, run.wallMs / 1000, run.eventsPerSecond, run.rssBeforeMb, run.peakRssMb]),
    ),
    renderTable(
      `4. HTTP: ${http.connections} connections, ${http.durationS} s each; projections caught up ${Math.round(http.catchUpMs)} ms after the submit run`,
      ['request', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'of which timeouts'],
      [http.submit, http.list].map((run) => [
        run.request,
        run.requests,
        run.requestsPerSecond,
        run.p50Ms,
        run.p99Ms,
        run.non2xx,
        run.errors,
        run.timeouts,
      ]),
    ),
  ];
  process.stdout.write(`${tables.join('\n')}\n`);

  const dir = resolve(__dirname, '../../.bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `results-${startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify({ startedAt, mode, system, disk, eventStore, projectionRebuild: rebuild, http }, null, 2)}\n`);
  process.stdout.write(`\nResults written to ${file}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
