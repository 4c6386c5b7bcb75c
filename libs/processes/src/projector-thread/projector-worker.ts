/**
 * The entry point of the projector's worker thread (started by `WorkerThreadProjector`): opens its
 * own connections to the stores (better-sqlite3 connections belong to the thread that opened them),
 * follows the holiday calendars, and runs every projection under the projector lease. It answers
 * the main thread's calls and reports status, lease and log entries as messages.
 */
import { isDeepStrictEqual } from 'node:util';
import { parentPort, workerData } from 'node:worker_threads';
import { loadOrganisation } from '@lacak/organisation';
import { HolidayCalendarFeed, type ProjectionStatus, type Projector } from '@lacak/projections';
import { openProjectionStores } from '@lacak/storage';
import { createDeadlineContext } from '../deadline-context';
import { type ProjectorLog, createLeasedProjector } from '../leased-projector';
import { type FromProjectorWorker, type ProjectorWorkerData, type ToProjectorWorker, toThreadError } from './messages';

/** How often the projections' status is compared with the last one sent. */
const STATUS_CHECK_MS = 50;

const port = parentPort!;
const { config } = workerData as ProjectorWorkerData;
const post = (message: FromProjectorWorker) => port.postMessage(message);
const log: ProjectorLog = {
  log: (entry) => post({ kind: 'log', level: 'log', entry }),
  error: (entry) => post({ kind: 'log', level: 'error', entry }),
};

async function startProjecting() {
  const stores = await openProjectionStores(config);
  const context = createDeadlineContext(config, loadOrganisation(config.orgTreeFile));
  // The main thread's own feed warns about unverified years; this one only keeps the due dates right.
  const calendarFeed = new HolidayCalendarFeed(stores.eventStore, context.calendar, { now: () => new Date(), warn: () => undefined, error: log.error });
  await calendarFeed.start();
  const projector = createLeasedProjector(config, stores.eventStore, stores.readStore, log, context, {
    onLeaseChange: (held) => post({ kind: 'lease', held }),
  });
  projector.start();
  const statusTimer = setInterval(() => sendStatus(projector), STATUS_CHECK_MS);
  post({ kind: 'ready' });
  return { stores, calendarFeed, projector, statusTimer };
}

const running = startProjecting();
// Failing to start is this thread's crash: thrown outside the promise, it reaches the main thread as the worker's 'error'.
running.catch((error: unknown) =>
  setImmediate(() => {
    throw error;
  }),
);

let sentStatus: ProjectionStatus[] = [];
function sendStatus(projector: Projector): void {
  const projections = projector.status();
  if (isDeepStrictEqual(projections, sentStatus)) return;
  sentStatus = projections;
  post({ kind: 'status', projections });
}

async function answer(id: number, call: (projector: Projector) => Promise<unknown>): Promise<void> {
  const { projector } = await running;
  try {
    const result = await call(projector);
    sendStatus(projector);
    post({ kind: 'reply', id, result });
  } catch (error) {
    sendStatus(projector);
    post({ kind: 'reply', id, error: toThreadError(error) });
  }
}

async function stop(): Promise<void> {
  const { stores, calendarFeed, projector, statusTimer } = await running;
  clearInterval(statusTimer);
  await projector.stop();
  await calendarFeed.stop();
  await stores.eventStore.close();
  await stores.readStore.close();
  // Nothing is left to keep the thread alive: it exits with code 0.
  port.close();
}

let stopping: Promise<void> | undefined;
port.on('message', (message: ToProjectorWorker) => {
  if (message.kind === 'stop') return void (stopping ??= stop());
  const { id, method, args } = message;
  void answer(id, (projector) => (projector[method] as (...args: unknown[]) => Promise<unknown>)(...args));
});
