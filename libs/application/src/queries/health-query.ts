import type { CalendarYear } from '@lacak/deadlines';
import type { EventStore } from '@lacak/event-store';
import type { ChainFaultKind } from '@lacak/integrity';
import type { VerifyEventLog } from '../verify-event-log';
import type { DeadlineContext } from '@lacak/deadlines';
import { AuditTreeReader, type LeaseState, type ProjectionStatus, type ReadModelProjector, upcomingYears } from '@lacak/projections';
import type { ReadStore } from '@lacak/read-store';
import type { MeasureDeliveryBacklog } from '../deliveries/delivery-backlog';

type StoreStatus = 'ok' | 'unavailable';

export interface HealthView {
  status: 'ok' | 'degraded';
  eventStore: { kind: string; status: StoreStatus };
  readStore: { kind: string; status: StoreStatus };
  projector: { lease: LeaseState; projections: ProjectionStatus[] } | 'not in this process';
  calendar: { status: 'verified' | 'unverified'; years: CalendarYear[]; warning?: string };
  integrity: IntegrityHealth & { auditTree: { size: number; lastPosition: string | null } };
  deliveries: DeliveriesHealth;
}

/**
 * The delivery outbox: `degraded` while dead deliveries wait for an admin (the instance still serves:
 * this does not make the whole report degraded), `unknown` when the read store did not answer.
 */
export interface DeliveriesHealth {
  status: 'ok' | 'degraded' | 'unknown';
  /** Events stored after the planner's checkpoint (counted up to 2000, at most 10 s ago); null before its first start. */
  plannerLagEvents: number | null;
  pending: number | null;
  dead: number | null;
  /** How long the longest-waiting pending delivery has waited; null when none waits. */
  oldestPendingAgeSeconds: number | null;
}

/**
 * The last verification of the whole event log by this process. The faults are counted by kind
 * here; which streams and revisions they are at goes to the log and to `npm run verify`.
 */
export type IntegrityHealth =
  | { status: 'not yet verified'; running: boolean }
  | { status: 'verified' | 'faults'; running: boolean; verifiedAt: string; events: number; faults: Partial<Record<ChainFaultKind, number>> };

export interface HealthSources {
  eventStore: EventStore;
  readStore: ReadStore;
  /** The kind of each store, as configured. */
  kinds: { eventStore: string; readStore: string };
  projector: ReadModelProjector | null;
  deadlines: DeadlineContext;
  logVerification: VerifyEventLog;
  deliveries: MeasureDeliveryBacklog;
  now: () => Date;
  /** Where the cause of an outage goes (host names, addresses): the log, never the public answer. */
  storeUnavailable: (store: string, error: unknown) => void;
}

/** Whether the stores answer, how far the projections are, and whether the coming years' holidays are verified. */
export class CheckHealth {
  constructor(private readonly sources: HealthSources) {}

  async run(): Promise<HealthView> {
    const { kinds, projector } = this.sources;
    const [eventStore, readStore] = await Promise.all([
      this.check('event store', () => this.sources.eventStore.ping()),
      this.check('read store', () => this.sources.readStore.ping()),
    ]);
    // A projection's last error stays in the log; the public answer only says that it is failing.
    const projections = projector?.status().map((p) => ({ ...p, lastError: p.lastError ? 'failing' : null }));
    return {
      // Faults in the log do not make this instance unready: every instance reads the same log.
      status: eventStore === 'ok' && readStore === 'ok' ? 'ok' : 'degraded',
      eventStore: { kind: kinds.eventStore, status: eventStore },
      readStore: { kind: kinds.readStore, status: readStore },
      projector: projector && projections ? { lease: projector.leaseState, projections } : 'not in this process',
      calendar: this.calendar(),
      integrity: { ...this.integrity(), auditTree: await this.auditTree() },
      deliveries: await this.deliveries(),
    };
  }

  private async deliveries(): Promise<DeliveriesHealth> {
    try {
      const { plannerLagEvents, pending, dead, oldestPendingSince } = await this.sources.deliveries.run();
      const waited = oldestPendingSince === null ? null : Math.max(0, (this.sources.now().getTime() - Date.parse(oldestPendingSince)) / 1000);
      return { status: dead > 0 ? 'degraded' : 'ok', plannerLagEvents, pending, dead, oldestPendingAgeSeconds: waited };
    } catch {
      // The read store's outage is reported above.
      return { status: 'unknown', plannerLagEvents: null, pending: null, dead: null, oldestPendingAgeSeconds: null };
    }
  }

  /** How far the notary's Merkle tree has come: the events it holds, and the last of them. */
  private async auditTree(): Promise<{ size: number; lastPosition: string | null }> {
    try {
      const { size, lastPosition } = await new AuditTreeReader(this.sources.readStore).state();
      return { size, lastPosition: lastPosition === null ? null : lastPosition.toString() };
    } catch {
      // The read store's outage is reported above; the tree's progress is then unknown.
      return { size: 0, lastPosition: null };
    }
  }

  private integrity(): IntegrityHealth {
    const { lastVerification: last, running } = this.sources.logVerification;
    if (!last) return { status: 'not yet verified', running };
    const faults: Partial<Record<ChainFaultKind, number>> = {};
    for (const fault of last.faults) faults[fault.kind] = (faults[fault.kind] ?? 0) + 1;
    return { status: last.ok ? 'verified' : 'faults', running, verifiedAt: last.finishedAt, events: last.events, faults };
  }

  private async check(store: string, probe: () => Promise<void>): Promise<StoreStatus> {
    try {
      await probe();
      return 'ok';
    } catch (error) {
      this.sources.storeUnavailable(store, error);
      return 'unavailable';
    }
  }

  /** A warning, not a failure: due dates still count, on date-holidays' guesses, until the year is published. */
  private calendar(): HealthView['calendar'] {
    const years = upcomingYears(this.sources.deadlines.calendar, this.sources.now());
    const unverified = years.filter((year) => !year.verified).map((year) => year.year);
    if (unverified.length === 0) return { status: 'verified', years };
    return {
      status: 'unverified',
      years,
      warning: `Deadlines in ${unverified.join(' and ')} rest on unverified holiday dates (no cuti bersama, approximate lunar dates) until the national admin publishes the year's decree`,
    };
  }
}
