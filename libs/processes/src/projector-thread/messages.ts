import type { AppConfig } from '@lacak/config';
import type { ProjectionStatus, ReadModelProjector } from '@lacak/projections';

/** What the worker is started with: the API's configuration, from which it opens its own connections. */
export interface ProjectorWorkerData {
  config: AppConfig;
}

/** The projector's asynchronous methods, which the worker answers by a reply. */
export type ProjectorCall = 'rebuild' | 'waitUntilCaughtUp' | 'waitFor' | 'waitUntilStored' | 'projectingProcess';

export type ProjectorCallArgs<M extends ProjectorCall> = Parameters<ReadModelProjector[M]>;
export type ProjectorCallResult<M extends ProjectorCall> = Awaited<ReturnType<ReadModelProjector[M]>>;

/** An error as it crosses the thread: its class by name, and its message. */
export interface ThreadError {
  name: string;
  message: string;
}

export const toThreadError = (error: unknown): ThreadError =>
  error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };

/** Main thread → worker. */
export type ToProjectorWorker = { kind: 'call'; id: number; method: ProjectorCall; args: unknown[] } | { kind: 'stop' };

/** Worker → main thread. */
export type FromProjectorWorker =
  /** The stores are open and the projector started. */
  | { kind: 'ready' }
  /** Sent whenever a projection's status changed, and before every reply. */
  | { kind: 'status'; projections: ProjectionStatus[] }
  | { kind: 'lease'; held: boolean }
  | { kind: 'log'; level: 'log' | 'error'; entry: Record<string, unknown> }
  | { kind: 'reply'; id: number; result: unknown }
  | { kind: 'reply'; id: number; error: ThreadError };
