import type { ProjectionStatus } from './projection-runner';
import type { LeaseState } from './projector';

/**
 * What the API and the command-line tools use of a projector, wherever its projections run: on
 * the caller's thread (`Projector`) or in a worker thread (`WorkerThreadProjector` in
 * libs/processes). Errors keep their names across threads (`UnknownProjectionError`, `LeaseNotHeldError`).
 */
export interface ReadModelProjector {
  /** The projections' names, in status order. */
  readonly names: string[];
  readonly leaseState: LeaseState;
  start(): void;
  stop(): Promise<void>;
  status(): ProjectionStatus[];
  /** Rebuilds one projection by name, or all of them. */
  rebuild(name?: string): Promise<void>;
  /** Resolves once every projection has handled every event stored so far. */
  waitUntilCaughtUp(timeoutMs?: number): Promise<void>;
  /** Resolves once every projection has handled the event at `position`. */
  waitFor(position: bigint, timeoutMs?: number): Promise<void>;
  /** Resolves once every read model holds the event at `position`, whichever process projects it. */
  waitUntilStored(position: bigint, timeoutMs: number, pollMs?: number): Promise<void>;
  /** Who writes the read models now: this process, another lease holder, or nobody yet. */
  projectingProcess(): Promise<'this process' | { holder: string } | null>;
}
