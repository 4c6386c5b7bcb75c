import type { AppConfig } from '@lacak/config';
import type { OrganisationTree } from '@lacak/domain';
import type { EventStore } from '@lacak/event-store';
import type { ReadStore } from '@lacak/read-store';
import { Projector, createProjections } from './projector';
import { ProjectorLease } from './projector-lease';

export interface ProjectorLog {
  error(entry: Record<string, unknown>): void;
  log(entry: Record<string, unknown>): void;
}

/** The projector as both the API and the projector process run it: all read models, under the lease. */
export function createProjector(config: AppConfig, tree: OrganisationTree, eventStore: EventStore, readStore: ReadStore, log: ProjectorLog): Projector {
  const lease = new ProjectorLease(readStore, { holder: config.projectorId, ttlMs: config.projectorLeaseTtlMs });
  return new Projector(createProjections(tree), eventStore, readStore, {
    lease,
    onError: (projection, error) => log.error({ message: 'Projection failed; retrying', projection, error: String(error) }),
    onLeaseChange: (held) =>
      log.log({ message: held ? 'Projector lease taken: projecting' : 'Projector lease not held: standing by', holder: lease.holder }),
  });
}
