import { ComplaintCommandService, ComplaintLifecycle, type OperationalMetrics, SealLegacyHistory, SignTreeHead } from '@lacak/application';
import type { AppConfig } from '@lacak/config';
import type { DeadlineContext } from '@lacak/deadlines';
import type { EventStore } from '@lacak/event-store';
import { type Projector, type ProjectorCompanion, createProjections } from '@lacak/projections';
import type { ReadStore } from '@lacak/read-store';
import { loadAuditSigningKey } from '@lacak/storage';
import { AuditNotary } from './audit-notary';
import { DeadlineProcess } from './deadline-process';
import { type ProjectorLog, createLeasedProjector } from './leased-projector';
import { WorkerThreadProjector } from './projector-thread/worker-thread-projector';
import { type OutboxWiring, createOutbox } from './outbox/outbox';

export interface DeadlineKeeping {
  context: DeadlineContext;
  /** The clock the process judges due dates by and raises its commands at. */
  now: () => Date;
  /** Hears the deadline process's commands and actions. */
  metrics?: OperationalMetrics;
}

export interface ProjectorChoices {
  /** Without the deadline process and the notary: a rebuild replays the log and writes nothing to it. */
  readModelsOnly?: boolean;
  /** Streams no projection folds: those a rebuild found with a broken hash chain. */
  skipStreams?: ReadonlySet<string>;
  /** Runs the delivery outbox beside the deadline process; without it, nothing is delivered. */
  outbox?: OutboxWiring;
}

/**
 * The projector as both the API and the projector process run it: all read models, the deadline
 * process and the audit notary (the log's Merkle tree and its signed heads), under the lease, on
 * the caller's thread.
 */
export function createProjector(
  config: AppConfig,
  eventStore: EventStore,
  readStore: ReadStore,
  log: ProjectorLog,
  deadlines: DeadlineKeeping,
  options: ProjectorChoices = {},
): Projector {
  return createLeasedProjector(config, eventStore, readStore, log, deadlines.context, {
    companions: options.readModelsOnly ? [] : createCompanions(config, eventStore, readStore, log, deadlines, options.outbox),
    skipStreams: options.skipStreams,
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
  options: Pick<ProjectorChoices, 'outbox'> = {},
): WorkerThreadProjector {
  return new WorkerThreadProjector({
    config,
    names: createProjections(deadlines.context.tree).map((projection) => projection.name),
    companions: createCompanions(config, eventStore, readStore, log, deadlines, options.outbox),
    log,
  });
}

/** What runs beside the projections while the lease is held: the deadline process, the notary and the outbox. */
function createCompanions(
  config: AppConfig,
  eventStore: EventStore,
  readStore: ReadStore,
  log: ProjectorLog,
  { context, now, metrics }: DeadlineKeeping,
  outbox?: OutboxWiring,
): ProjectorCompanion[] {
  const commands = new ComplaintCommandService(eventStore, context.tree);
  const lifecycle = new ComplaintLifecycle({ commands, tree: context.tree, deadlines: context, clock: { now }, metrics });
  const deadlineProcess = new DeadlineProcess(readStore, lifecycle, context, {
    intervalMs: config.deadlineCheckIntervalMs,
    now,
    metrics,
    onError: (error) => log.error({ message: 'Deadline pass failed; retrying on the next tick', error: String(error) }),
  });
  const signTreeHead = new SignTreeHead(eventStore, readStore, loadAuditSigningKey(config), { now });
  const notary = new AuditNotary(eventStore, readStore, signTreeHead, new SealLegacyHistory(eventStore, { now }), {
    headIntervalMs: config.auditTreeHeadIntervalMs,
    onSealed: (streams) => log.log({ message: 'Sealed the streams stored before hashing began', streams }),
    onError: (error) => log.error({ message: 'Audit notary failed; retrying', error: String(error) }),
  });
  return [deadlineProcess, notary, ...(outbox ? [createOutbox(config, eventStore, readStore, context.tree, log, now, { deadlines: context, ...outbox })] : [])];
}
