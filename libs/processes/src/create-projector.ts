import { ComplaintCommandService, ComplaintLifecycle, SealLegacyHistory, SignTreeHead } from '@lacak/application';
import type { AppConfig } from '@lacak/config';
import type { DeadlineContext } from '@lacak/deadlines';
import type { EventStore } from '@lacak/event-store';
import { Projector, ProjectorLease, createProjections } from '@lacak/projections';
import type { ReadStore } from '@lacak/read-store';
import { loadAuditSigningKey } from '@lacak/storage';
import { AuditNotary } from './audit-notary';
import { DeadlineProcess } from './deadline-process';

export interface ProjectorLog {
  error(entry: Record<string, unknown>): void;
  log(entry: Record<string, unknown>): void;
}

export interface DeadlineKeeping {
  context: DeadlineContext;
  /** The clock the process judges due dates by and raises its commands at. */
  now: () => Date;
}

/**
 * The projector as both the API and the projector process run it: all read models, the deadline
 * process and the audit notary (the log's Merkle tree and its signed heads), under the lease.
 */
export interface ProjectorChoices {
  /** Without the deadline process and the notary: a rebuild replays the log and writes nothing to it. */
  readModelsOnly?: boolean;
  /** Streams no projection folds: those a rebuild found with a broken hash chain. */
  skipStreams?: ReadonlySet<string>;
}

export function createProjector(
  config: AppConfig,
  eventStore: EventStore,
  readStore: ReadStore,
  log: ProjectorLog,
  deadlines: DeadlineKeeping,
  options: ProjectorChoices = {},
): Projector {
  const { context, now } = deadlines;
  const lease = new ProjectorLease(readStore, { holder: config.projectorId, ttlMs: config.projectorLeaseTtlMs });
  const lifecycle = new ComplaintLifecycle({ commands: new ComplaintCommandService(eventStore, context.tree), tree: context.tree, deadlines: context, clock: { now } });
  const deadlineProcess = new DeadlineProcess(readStore, lifecycle, context, {
    intervalMs: config.deadlineCheckIntervalMs,
    now,
    onError: (error) => log.error({ message: 'Deadline pass failed; retrying on the next tick', error: String(error) }),
  });
  const signTreeHead = new SignTreeHead(eventStore, readStore, loadAuditSigningKey(config), { now });
  const notary = new AuditNotary(eventStore, readStore, signTreeHead, new SealLegacyHistory(eventStore, { now }), {
    headIntervalMs: config.auditTreeHeadIntervalMs,
    onSealed: (streams) => log.log({ message: 'Sealed the streams stored before hashing began', streams }),
    onError: (error) => log.error({ message: 'Audit notary failed; retrying', error: String(error) }),
  });
  return new Projector(createProjections(context.tree, context), eventStore, readStore, {
    lease,
    companions: options.readModelsOnly ? [] : [deadlineProcess, notary],
    skipStreams: options.skipStreams,
    onError: (projection, error) => log.error({ message: 'Projection failed; retrying', projection, error: String(error) }),
    onLeaseChange: (held) =>
      log.log({ message: held ? 'Projector lease taken: projecting' : 'Projector lease not held: standing by', holder: lease.holder }),
  });
}
