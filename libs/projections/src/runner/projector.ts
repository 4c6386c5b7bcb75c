import type { OrganisationTree } from '@lacak/domain';
import type { EventStore } from '@lacak/event-store';
import type { ReadStore } from '@lacak/read-store';
import { COMPLAINT_STREAM_PREFIX } from '@lacak/application';
import { AgencyStatsProjection } from '../agency-stats/agency-stats-projection';
import { AuditTrailProjection } from '../audit-trail/audit-trail-projection';
import { ComplaintProjection } from '../complaints/complaint-projection';
import type { DocumentProjection } from '../projection';
import { ProjectionRunner, type ProjectionStatus, type RunnerOptions } from './projection-runner';

export const createProjections = (tree: OrganisationTree): DocumentProjection[] => [
  new ComplaintProjection(tree),
  new AuditTrailProjection(tree),
  new AgencyStatsProjection(tree),
];

export class UnknownProjectionError extends Error {
  override readonly name = 'UnknownProjectionError';
}

/** Runs every read model's projection, each on its own subscription and checkpoint. */
export class Projector {
  private readonly runners: ProjectionRunner[];

  constructor(
    projections: DocumentProjection[],
    eventStore: EventStore,
    readStore: ReadStore,
    options: Omit<RunnerOptions, 'streamPrefixes'> = {},
  ) {
    this.runners = projections.map(
      (projection) =>
        new ProjectionRunner(projection, eventStore, readStore, { ...options, streamPrefixes: [COMPLAINT_STREAM_PREFIX] }),
    );
  }

  get names(): string[] {
    return this.runners.map((r) => r.projection.name);
  }

  start(): void {
    for (const runner of this.runners) runner.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.stop()));
  }

  status(): ProjectionStatus[] {
    return this.runners.map((r) => r.status());
  }

  /** Rebuilds one projection by name, or all of them. */
  async rebuild(name?: string): Promise<void> {
    const selected = name ? this.runners.filter((r) => r.projection.name === name) : this.runners;
    if (selected.length === 0) throw new UnknownProjectionError(`No projection named ${name}; known: ${this.names.join(', ')}`);
    await Promise.all(selected.map((r) => r.rebuild()));
  }

  /** Resolves once every projection has handled every event stored so far. */
  async waitUntilCaughtUp(timeoutMs?: number): Promise<void> {
    await Promise.all(this.runners.map((r) => r.waitUntilCaughtUp(timeoutMs)));
  }

  /** Resolves once every projection has handled the event at `position`. */
  async waitFor(position: bigint, timeoutMs?: number): Promise<void> {
    await Promise.all(this.runners.map((r) => r.waitFor(position, timeoutMs)));
  }
}
