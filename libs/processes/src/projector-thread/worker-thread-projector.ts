import { join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { AppConfig } from '@lacak/config';
import {
  type LeaseState,
  LeaseNotHeldError,
  type ProjectionStatus,
  type ProjectorCompanion,
  type ReadModelProjector,
  UnknownProjectionError,
} from '@lacak/projections';
import type { ProjectorLog } from '../leased-projector';
import type { FromProjectorWorker, ProjectorCall, ProjectorCallArgs, ProjectorCallResult, ProjectorWorkerData, ThreadError, ToProjectorWorker } from './messages';

/** Built, the worker's entry is JavaScript; run from source (npm scripts, jest) it is TypeScript. */
const FROM_SOURCE = __filename.endsWith('.ts');
const WORKER_ENTRY = join(__dirname, FROM_SOURCE ? 'projector-worker.ts' : 'projector-worker.js');
/** The repository's tsconfig.json, whose paths resolve `@lacak/*` in a worker compiled from source. */
const SOURCE_TSCONFIG = join(__dirname, '..', '..', '..', '..', 'tsconfig.json');
const MAX_RESTART_DELAY_MS = 60_000;

function workerOptions(config: AppConfig): WorkerOptions {
  const workerData: ProjectorWorkerData = { config };
  if (!FROM_SOURCE) return { workerData };
  return {
    workerData,
    // As the npm scripts load TypeScript: compiled as it is required, whatever the parent's own loader.
    execArgv: ['--require', require.resolve('@swc-node/register')],
    env: { ...process.env, SWC_NODE_PROJECT: SOURCE_TSCONFIG },
  };
}

/** An error the worker raised whose class this thread does not know: its name and message. */
export class ProjectorThreadError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** The projector thread is not there to answer: not started, stopped, or crashed and starting again. */
export class ProjectorThreadDownError extends Error {
  override readonly name = 'ProjectorThreadDownError';
}

const KNOWN_ERRORS: Record<string, new (message: string) => Error> = { UnknownProjectionError, LeaseNotHeldError };
const fromThread = ({ name, message }: ThreadError): Error => {
  const Known = KNOWN_ERRORS[name];
  return Known ? new Known(message) : new ProjectorThreadError(name, message);
};

export interface WorkerThreadProjectorOptions {
  /** The worker opens its stores and builds its projections from it, as a separate projector process would. */
  config: AppConfig;
  /** The projections' names, for the status before the worker first reports it. */
  names: string[];
  /** Work on this thread that runs only while the worker holds the projector lease (it issues commands here). */
  companions?: ProjectorCompanion[];
  log: ProjectorLog;
  /** The pause before a crashed worker starts again; doubled on each crash in a row, up to a minute. */
  restartDelayMs?: number;
}

interface PendingCall {
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * The projector with its projections in a worker thread, so catching up never takes the event loop
 * that serves requests. This side keeps what the worker last reported (status, lease) and forwards
 * the asynchronous methods as calls; the worker's errors come back by name and message. A crashed
 * worker is logged, reported in every projection's status, and started again after a pause.
 */
export class WorkerThreadProjector implements ReadModelProjector {
  private worker: Worker | null = null;
  private started = false;
  private projections: ProjectionStatus[];
  private leaseHeld = false;
  private companionsStopped: Promise<void> = Promise.resolve();
  private readonly calls = new Map<number, PendingCall>();
  private lastCallId = 0;
  private crashesInARow = 0;
  private restartTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: WorkerThreadProjectorOptions) {
    this.projections = options.names.map((name) => ({ name, running: false, caughtUp: false, position: null, lastError: null }));
  }

  get names(): string[] {
    return [...this.options.names];
  }

  get leaseState(): LeaseState {
    return this.leaseHeld ? 'held' : 'standby';
  }

  /** The worker thread's id while one runs; null once it exited. */
  get threadId(): number | null {
    return this.worker?.threadId ?? null;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.spawn();
  }

  /** Stops the projections and the companions; resolves once the worker thread has exited. */
  async stop(): Promise<void> {
    this.started = false;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const worker = this.worker;
    const exited = worker ? new Promise<void>((resolve) => worker.once('exit', () => resolve())) : Promise.resolve();
    if (worker) {
      // Until it has released the lease and closed its stores, the worker keeps the process alive.
      worker.ref();
      this.post(worker, { kind: 'stop' });
    }
    await Promise.all([exited, this.setLeaseHeld(false)]);
  }

  status(): ProjectionStatus[] {
    return this.projections.map((projection) => ({ ...projection }));
  }

  rebuild(name?: string): Promise<void> {
    return this.call('rebuild', name);
  }

  waitUntilCaughtUp(timeoutMs?: number): Promise<void> {
    return this.call('waitUntilCaughtUp', timeoutMs);
  }

  waitFor(position: bigint, timeoutMs?: number): Promise<void> {
    return this.call('waitFor', position, timeoutMs);
  }

  waitUntilStored(position: bigint, timeoutMs: number, pollMs?: number): Promise<void> {
    return this.call('waitUntilStored', position, timeoutMs, pollMs);
  }

  projectingProcess(): Promise<'this process' | { holder: string } | null> {
    return this.call('projectingProcess');
  }

  private spawn(): void {
    const worker = new Worker(WORKER_ENTRY, workerOptions(this.options.config));
    this.worker = worker;
    let crash: Error | undefined;
    worker.on('message', (message: FromProjectorWorker) => this.receive(message));
    worker.on('error', (error) => (crash = error));
    worker.on('exit', (code) => this.exited(worker, code, crash));
    // An idle projector is no reason to keep the process alive; a pending call is (see `keepAliveWhileWaited`).
    // After the listeners: adding a 'message' listener refs the worker again.
    worker.unref();
  }

  private call<M extends ProjectorCall>(method: M, ...args: ProjectorCallArgs<M>): Promise<ProjectorCallResult<M>> {
    const worker = this.worker;
    if (!worker) {
      const why = this.started ? 'it crashed and starts again shortly' : 'it was not started, or was stopped';
      return Promise.reject(new ProjectorThreadDownError(`The projector thread is not running: ${why}`));
    }
    const id = ++this.lastCallId;
    return new Promise((resolve, reject) => {
      this.calls.set(id, { resolve: resolve as (result: unknown) => void, reject });
      this.keepAliveWhileWaited(worker);
      this.post(worker, { kind: 'call', id, method, args });
    });
  }

  private post(worker: Worker, message: ToProjectorWorker): void {
    worker.postMessage(message);
  }

  private keepAliveWhileWaited(worker: Worker): void {
    if (this.calls.size > 0 || !this.started) worker.ref();
    else worker.unref();
  }

  private receive(message: FromProjectorWorker): void {
    switch (message.kind) {
      case 'ready':
        this.crashesInARow = 0;
        return;
      case 'status':
        this.projections = message.projections;
        return;
      case 'lease':
        // Heard after stop(): the worker is releasing the lease, and nothing may start now.
        if (message.held && !this.started) return;
        void this.setLeaseHeld(message.held);
        return;
      case 'log':
        this.options.log[message.level](message.entry);
        return;
      case 'reply': {
        const call = this.calls.get(message.id);
        if (!call) return;
        this.calls.delete(message.id);
        if (this.worker) this.keepAliveWhileWaited(this.worker);
        if ('error' in message) call.reject(fromThread(message.error));
        else call.resolve(message.result);
      }
    }
  }

  private exited(worker: Worker, code: number, crash: Error | undefined): void {
    if (this.worker !== worker) return;
    this.worker = null;
    if (!this.started) return this.rejectCalls('The projector thread stopped');
    const cause = crash ? `${crash.name}: ${crash.message}` : `it exited with code ${code}`;
    const delay = Math.min((this.options.restartDelayMs ?? 1000) * 2 ** this.crashesInARow, MAX_RESTART_DELAY_MS);
    this.crashesInARow += 1;
    this.options.log.error({ message: 'Projector thread crashed; starting it again', error: cause, restartInMs: delay });
    this.projections = this.projections.map((projection) => ({ ...projection, running: false, caughtUp: false, lastError: `Projector thread crashed: ${cause}` }));
    this.rejectCalls(`The projector thread crashed: ${cause}`);
    // Its lease lapses unrenewed; the work that needs it stops now.
    void this.setLeaseHeld(false);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      this.spawn();
    }, delay);
    this.restartTimer.unref();
  }

  private rejectCalls(reason: string): void {
    for (const call of this.calls.values()) call.reject(new ProjectorThreadDownError(reason));
    this.calls.clear();
  }

  /** Starts the companions when the worker takes the lease and stops them when it loses it. */
  private setLeaseHeld(held: boolean): Promise<void> {
    if (held === this.leaseHeld) return this.companionsStopped;
    this.leaseHeld = held;
    const companions = this.options.companions ?? [];
    if (held) {
      for (const companion of companions) companion.start();
    } else {
      this.companionsStopped = Promise.all(companions.map((companion) => companion.stop())).then(() => undefined);
    }
    return this.companionsStopped;
  }
}
