import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { toEventsToAppend } from '@lacak/application';
import { type EventToAppend, SqliteEventStore } from '@lacak/event-store';
import { AT, actors, aComplaint } from '@lacak/domain/testing';
import { type LatencySummary, perSecond, summarise } from './stats';
import { withTempDir } from './temp-dir';

export interface EventStoreBenchOptions {
  sequentialMs: number;
  concurrentMs: number;
  inFlight: number[];
  streamsToRead: number;
  /** The disk baseline, to express append throughput as a multiple of it. */
  fsyncsPerSecond: number;
}

export interface AppendRun {
  inFlight: number;
  events: number;
  appends: number;
  commits: number;
  eventsPerSecond: number;
  appendsPerSecond: number;
  commitsPerSecond: number;
  eventsPerCommit: number;
  /** Events/s divided by fsyncs/s of the disk baseline. */
  eventsPerFsyncOfBaseline: number;
  latency: LatencySummary;
}

export interface EventStoreResult extends Reads {
  sequential: AppendRun;
  concurrent: AppendRun[];
}

/** Realistic payloads: the first events of a complaint's life (submitted, verified, disposed). */
const HISTORY = aComplaint().inStatus('DISPOSED').events();
const READ_ALL_PAGE = 1_000;

function commandEvents(count: number): EventToAppend[] {
  return toEventsToAppend(HISTORY.slice(0, count), actors.reporter(), AT, { commandId: randomUUID(), correlationId: randomUUID() });
}

/** An event store on its own file, and the streams written to it. */
interface Log {
  store: SqliteEventStore;
  streams: string[];
}

interface AppendLoad {
  inFlight: number;
  durationMs: number;
  eventsPerAppend: () => number;
  fsyncsPerSecond: number;
}

export function measureEventStore(options: EventStoreBenchOptions): Promise<EventStoreResult> {
  return withTempDir(async (dir) => {
    const logs: Log[] = [];
    // A fresh file per run: a bigger log has bigger indexes, which would slow whichever run came later.
    const freshLog = (): Log => {
      const log = { store: SqliteEventStore.open({ file: join(dir, `events-${logs.length}.db`) }), streams: [] };
      logs.push(log);
      return log;
    };
    const oneToThree = () => 1 + Math.floor(Math.random() * 3);
    const { fsyncsPerSecond } = options;
    try {
      const sequential = await runAppends(freshLog(), { inFlight: 1, durationMs: options.sequentialMs, eventsPerAppend: () => 1, fsyncsPerSecond });
      const concurrent: AppendRun[] = [];
      for (const inFlight of options.inFlight) {
        concurrent.push(await runAppends(freshLog(), { inFlight, durationMs: options.concurrentMs, eventsPerAppend: oneToThree, fsyncsPerSecond }));
      }
      // The last run wrote the biggest log: the reads use it.
      return { sequential, concurrent, ...(await measureReads(logs[logs.length - 1], options.streamsToRead)) };
    } finally {
      for (const { store } of logs) await store.close();
    }
  });
}

/** `inFlight` clients, each appending to a new stream (as a submission does) as soon as its last append returned. */
async function runAppends({ store, streams }: Log, { inFlight, durationMs, eventsPerAppend, fsyncsPerSecond }: AppendLoad): Promise<AppendRun> {
  const latencies: number[] = [];
  let events = 0;
  const commitsBefore = store.commitCount;
  const started = performance.now();
  const client = async () => {
    while (performance.now() - started < durationMs) {
      const streamId = `complaint-${streams.length}`;
      streams.push(streamId);
      const batch = commandEvents(eventsPerAppend());
      const before = performance.now();
      await store.appendToStream(streamId, batch, { expectedState: 'no_stream' });
      latencies.push(performance.now() - before);
      events += batch.length;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, client));
  const elapsedMs = performance.now() - started;
  const commits = store.commitCount - commitsBefore;
  return {
    inFlight,
    events,
    appends: latencies.length,
    commits,
    eventsPerSecond: perSecond(events, elapsedMs),
    eventsPerFsyncOfBaseline: perSecond(events, elapsedMs) / fsyncsPerSecond,
    appendsPerSecond: perSecond(latencies.length, elapsedMs),
    commitsPerSecond: perSecond(commits, elapsedMs),
    eventsPerCommit: events / commits,
    latency: summarise(latencies),
  };
}

interface Reads {
  readStreamOpsPerSecond: number;
  readAllEventsPerSecond: number;
  eventsInLog: number;
}

async function measureReads({ store, streams }: Log, count: number): Promise<Reads> {
  let started = performance.now();
  for (let i = 0; i < count; i++) await store.readStream(streams[Math.floor(Math.random() * streams.length)]);
  const readStreamOpsPerSecond = perSecond(count, performance.now() - started);

  // Paged as a catching-up consumer reads, so the whole log never sits in memory at once.
  let eventsInLog = 0;
  started = performance.now();
  let page = await store.readAll({ maxCount: READ_ALL_PAGE });
  while (page.length > 0) {
    eventsInLog += page.length;
    page = await store.readAll({ fromPosition: page[page.length - 1].position, maxCount: READ_ALL_PAGE });
  }
  return { readStreamOpsPerSecond, readAllEventsPerSecond: perSecond(eventsInLog, performance.now() - started), eventsInLog };
}
