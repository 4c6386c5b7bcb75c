import { ComplaintCommandService, ComplaintLifecycle } from '@lacak/application';
import type { AppConfig } from '@lacak/config';
import type { DeadlineContext } from '@lacak/deadlines';
import type { EventStore } from '@lacak/event-store';
import { type Projector, createProjections } from '@lacak/projections';
import type { ReadStore } from '@lacak/read-store';
import { DeadlineProcess } from './deadline-process';
import { type ProjectorLog, createLeasedProjector } from './leased-projector';
import { WorkerThreadProjector } from './projector-thread/worker-thread-projector';

export interface DeadlineKeeping {
  context: DeadlineContext;
  /** The clock the process judges due dates by and raises its commands at. */
  now: () => Date;
}

/**
 * The projector as both the API and the projector process run it: all read models and the
 * deadline process, under the lease, on the caller's thread.
 */
export function createProjector(
  config: AppConfig,
  eventStore: EventStore,
  readStore: ReadStore,
  log: ProjectorLog,
  deadlines: DeadlineKeeping,
): Projector {
  return createLeasedProjector(config, eventStore, readStore, log, deadlines.context, {
    companions: [createDeadlineProcess(config, eventStore, readStore, log, deadlines)],
  });
}

/**
 * The same projector with its projections in a worker thread of their own (`PROJECTOR_THREAD=worker`):
 * the deadline process issues commands through this thread's stores, while the worker holds the lease.
 */
export function createProjectorThread(
  config: AppConfig,
  eventStore: EventStore,
  readStore: ReadStore,
  log: ProjectorLog,
  deadlines: DeadlineKeeping,
): WorkerThreadProjector {
  return new WorkerThreadProjector({
    config,
    names: createProjections(deadlines.context.tree).map((projection) => projection.name),
    companions: [createDeadlineProcess(config, eventStore, readStore, log, deadlines)],
    log,
  });
}

function createDeadlineProcess(config: AppConfig, eventStore: EventStore, readStore: ReadStore, log: ProjectorLog, { context, now }: DeadlineKeeping): DeadlineProcess {
  const lifecycle = new ComplaintLifecycle({ commands: new ComplaintCommandService(eventStore, context.tree), tree: context.tree, deadlines: context, clock: { now } });
  return new DeadlineProcess(readStore, lifecycle, context, {
    intervalMs: config.deadlineCheckIntervalMs,
    now,
    onError: (error) => log.error({ message: 'Deadline pass failed; retrying on the next tick', error: String(error) }),
  });
}
