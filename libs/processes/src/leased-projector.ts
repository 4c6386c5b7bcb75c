import type { AppConfig } from '@lacak/config';
import type { DeadlineContext } from '@lacak/deadlines';
import type { EventStore } from '@lacak/event-store';
import { Projector, type ProjectorCompanion, ProjectorLease, createProjections } from '@lacak/projections';
import type { ReadStore } from '@lacak/read-store';

export interface ProjectorLog {
  error(entry: Record<string, unknown>): void;
  log(entry: Record<string, unknown>): void;
}

/** Every read model's projection under the projector lease; `companions` run while the lease is held. */
export function createLeasedProjector(
  config: AppConfig,
  eventStore: EventStore,
  readStore: ReadStore,
  log: ProjectorLog,
  context: DeadlineContext,
  options: { companions?: ProjectorCompanion[]; onLeaseChange?: (held: boolean) => void; skipStreams?: ReadonlySet<string> } = {},
): Projector {
  const lease = new ProjectorLease(readStore, { holder: config.projectorId, ttlMs: config.projectorLeaseTtlMs });
  return new Projector(createProjections(context.tree, context), eventStore, readStore, {
    lease,
    companions: options.companions,
    skipStreams: options.skipStreams,
    onError: (projection, error) => log.error({ message: 'Projection failed; retrying', projection, error: String(error) }),
    onLeaseChange: (held) => {
      log.log({ message: held ? 'Projector lease taken: projecting' : 'Projector lease not held: standing by', holder: lease.holder });
      options.onLeaseChange?.(held);
    },
  });
}
