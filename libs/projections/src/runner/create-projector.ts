import type { AppConfig } from '@lacak/config';
import type { ComplaintCommandService } from '@lacak/application';
import type { EventStore } from '@lacak/event-store';
import type { ReadStore } from '@lacak/read-store';
import { Projector, createProjections } from './projector';
import { ProjectorLease } from './projector-lease';
import type { DeadlineContext } from '../deadlines/deadline-context';
import { DeadlineProcess } from '../deadlines/deadline-process';

export interface ProjectorLog {
  error(entry: Record<string, unknown>): void;
  log(entry: Record<string, unknown>): void;
}

export interface DeadlineKeeping {
  context: DeadlineContext;
  commands: ComplaintCommandService;
  now: () => Date;
}

/**
 * The projector as both the API and the projector process run it: all read models and the
 * deadline process, under the lease.
 */
export function createProjector(
  config: AppConfig,
  eventStore: EventStore,
  readStore: ReadStore,
  log: ProjectorLog,
  deadlines: DeadlineKeeping,
): Projector {
  const lease = new ProjectorLease(readStore, { holder: config.projectorId, ttlMs: config.projectorLeaseTtlMs });
  const deadlineProcess = new DeadlineProcess(readStore, deadlines.commands, deadlines.context, {
    intervalMs: config.deadlineCheckIntervalMs,
    now: deadlines.now,
    onError: (error) => log.error({ message: 'Deadline pass failed; retrying on the next tick', error: String(error) }),
  });
  return new Projector(createProjections(deadlines.context.tree, deadlines.context), eventStore, readStore, {
    lease,
    companions: [deadlineProcess],
    onError: (projection, error) => log.error({ message: 'Projection failed; retrying', projection, error: String(error) }),
    onLeaseChange: (held) =>
      log.log({ message: held ? 'Projector lease taken: projecting' : 'Projector lease not held: standing by', holder: lease.holder }),
  });
}
