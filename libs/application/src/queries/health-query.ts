import type { CalendarYear } from '@lacak/deadlines';
import type { EventStore } from '@lacak/event-store';
import type { DeadlineContext } from '@lacak/deadlines';
import { type LeaseState, type ProjectionStatus, type ReadModelProjector, upcomingYears } from '@lacak/projections';
import type { ReadStore } from '@lacak/read-store';

type StoreStatus = 'ok' | 'unavailable';

export interface HealthView {
  status: 'ok' | 'degraded';
  eventStore: { kind: string; status: StoreStatus };
  readStore: { kind: string; status: StoreStatus };
  projector: { lease: LeaseState; projections: ProjectionStatus[] } | 'not in this process';
  calendar: { status: 'verified' | 'unverified'; years: CalendarYear[]; warning?: string };
}

export interface HealthSources {
  eventStore: EventStore;
  readStore: ReadStore;
  /** The kind of each store, as configured. */
  kinds: { eventStore: string; readStore: string };
  projector: ReadModelProjector | null;
  deadlines: DeadlineContext;
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
      status: eventStore === 'ok' && readStore === 'ok' ? 'ok' : 'degraded',
      eventStore: { kind: kinds.eventStore, status: eventStore },
      readStore: { kind: kinds.readStore, status: readStore },
      projector: projector && projections ? { lease: projector.leaseState, projections } : 'not in this process',
      calendar: this.calendar(),
    };
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
