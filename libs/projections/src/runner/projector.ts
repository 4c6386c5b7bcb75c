import type { DeadlineContext } from '@lacak/deadlines';
import type { OrganisationTree } from '@lacak/domain';
import type { EventStore } from '@lacak/event-store';
import type { ReadStore } from '@lacak/read-store';
import { AgencyStatsProjection } from '../agency-stats/agency-stats-projection';
import { AuditEventsProjection } from '../audit-events/audit-events-projection';
import { AuditTrailProjection } from '../audit-trail/audit-trail-projection';
import { ComplaintProjection } from '../complaints/complaint-projection';
import { MonevSnapshotsProjection } from '../monev/monev-snapshots-projection';
import { EvaluationProjection } from '../evaluations/evaluation-projection';
import type { DocumentProjection } from '../projection';
import { ProjectionRunner, type ProjectionStatus, type RunnerOptions } from './projection-runner';
import type { ProjectorLease } from './projector-lease';

/** Work that runs beside the projections and, like them, only in the lease holder. */
export interface ProjectorCompanion {
  start(): void;
  stop(): Promise<void>;
}

export interface ProjectorOptions extends Omit<RunnerOptions, 'leaseToken'> {
  /** When given, the projections run only while this process holds the lease. */
  lease?: ProjectorLease;
  companions?: ProjectorCompanion[];
  onLeaseChange?: (held: boolean) => void;
}

export type LeaseState = 'not used' | 'held' | 'standby';

export const createProjections = (tree: OrganisationTree, deadlines?: DeadlineContext): DocumentProjection[] => [
  new ComplaintProjection(tree, deadlines),
  new AuditTrailProjection(tree),
  new AgencyStatsProjection(tree),
  new AuditEventsProjection(tree),
  new MonevSnapshotsProjection(),
  new EvaluationProjection(tree),
];

export class UnknownProjectionError extends Error {
  override readonly name = 'UnknownProjectionError';
}

/** Another projector process holds the lease: this one must not touch the read models. */
export class LeaseNotHeldError extends Error {
  override readonly name = 'LeaseNotHeldError';
}

/**
 * Runs every read model's projection from one subscription, each with its own checkpoint. With
 * a lease, two projector processes never write the same read models: the one holding the lease
 * runs, the other waits and takes over when the holder stops renewing.
 */
export class Projector {
  private readonly runner: ProjectionRunner;
  private readonly lease?: ProjectorLease;
  private leaseTimer: NodeJS.Timeout | null = null;
  private leaseHeld = false;
  private leaseChecks: Promise<void> = Promise.resolve();

  constructor(
    projections: DocumentProjection[],
    eventStore: EventStore,
    readStore: ReadStore,
    private readonly options: ProjectorOptions = {},
  ) {
    const lease = options.lease;
    this.lease = lease;
    const leaseToken = lease ? () => lease.liveToken() : undefined;
    this.runner = new ProjectionRunner(projections, eventStore, readStore, { ...options, leaseToken });
  }

  get leaseState(): LeaseState {
    if (!this.lease) return 'not used';
    return this.leaseHeld ? 'held' : 'standby';
  }

  get names(): string[] {
    return this.runner.names;
  }

  start(): void {
    if (!this.lease) return this.startRunners();
    if (this.leaseTimer) return;
    // Renew three times per lifetime, so one missed renewal never lets the lease lapse.
    const check = () => (this.leaseChecks = this.leaseChecks.then(() => this.checkLease()));
    this.leaseTimer = setInterval(check, this.lease.ttlMs / 3);
    void check();
  }

  async stop(): Promise<void> {
    if (this.leaseTimer) clearInterval(this.leaseTimer);
    this.leaseTimer = null;
    await this.leaseChecks;
    await this.stopRunners();
    if (this.lease && this.leaseHeld) await this.lease.release();
    this.setLeaseHeld(false);
  }

  private startRunners(): void {
    this.runner.start();
    for (const companion of this.options.companions ?? []) companion.start();
  }

  private async stopRunners(): Promise<void> {
    await Promise.all([this.runner.stop(), ...(this.options.companions ?? []).map((c) => c.stop())]);
  }

  private async checkLease(): Promise<void> {
    if (!this.lease || !this.leaseTimer) return;
    let held: boolean;
    try {
      held = await this.lease.tryAcquire();
    } catch (error) {
      // The store did not answer: stop writing rather than risk a second writer after expiry.
      this.options.onError?.('lease', error);
      held = false;
    }
    if (held && !this.leaseHeld) this.startRunners();
    if (!held && this.leaseHeld) await this.stopRunners();
    this.setLeaseHeld(held);
  }

  private setLeaseHeld(held: boolean): void {
    if (held !== this.leaseHeld) this.options.onLeaseChange?.(held);
    this.leaseHeld = held;
  }

  status(): ProjectionStatus[] {
    return this.runner.status();
  }

  /** Rebuilds one projection by name, or all of them. */
  async rebuild(name?: string): Promise<void> {
    if (name !== undefined && !this.names.includes(name)) throw new UnknownProjectionError(`No projection named ${name}; known: ${this.names.join(', ')}`);
    if (this.leaseState === 'standby') throw new LeaseNotHeldError('Another projector process holds the lease; rebuild there');
    await this.runner.rebuild(name === undefined ? this.names : [name]);
  }

  /** Resolves once every projection has handled every event stored so far. */
  async waitUntilCaughtUp(timeoutMs?: number): Promise<void> {
    await this.runner.waitUntilCaughtUp(timeoutMs);
  }

  /** Resolves once every projection has handled the event at `position`. */
  async waitFor(position: bigint, timeoutMs?: number): Promise<void> {
    await this.runner.waitFor(position, timeoutMs);
  }

  /**
   * Resolves once every read model holds the event at `position`, whoever projects it: this
   * process, or another one holding the lease. Another process can only be watched through the
   * checkpoints it stores, so those are read until they reach the position.
   */
  async waitUntilStored(position: bigint, timeoutMs: number, pollMs = 100): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const checkpoints = await this.runner.loadCheckpoints();
      if (checkpoints.every((checkpoint) => checkpoint !== null && checkpoint >= position)) return;
      if (Date.now() >= deadline) {
        const behind = this.names.filter((_, i) => checkpoints[i] === null || checkpoints[i]! < position);
        throw new Error(`Read models ${behind.join(', ')} did not reach position ${position} within ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  /** Who writes the read models now: this process, another lease holder, or nobody yet. */
  async projectingProcess(): Promise<'this process' | { holder: string } | null> {
    if (this.leaseState !== 'standby') return 'this process';
    const current = await this.lease!.current();
    return current ? { holder: current.holder } : null;
  }
}
