import type { EventStore } from '@lacak/event-store';
import type { ReadStore } from '@lacak/read-store';
import { DeliveryStore } from './delivery-store';

export interface DeliveryBacklog {
  /**
   * Events stored after the planner's checkpoint, counted up to `scanLimit` (a lag counted to that
   * many is at least that) and up to `lagMaxAgeMs` old; null before the planner's first start.
   */
  plannerLagEvents: number | null;
  pending: number;
  dead: number;
  /** When the longest-waiting pending delivery was planned; null when none waits. */
  oldestPendingSince: string | null;
}

export interface DeliveryBacklogOptions {
  /** Most events counted behind the planner. */
  scanLimit?: number;
  /** How long a counted lag is reused, by every caller (/health, which is public, and /metrics). */
  lagMaxAgeMs?: number;
  /** Milliseconds, for the lag's age only. */
  now?: () => number;
}

const PAGE_SIZE = 500;

/**
 * How far behind the outbox is: the planner in events, the dispatcher in deliveries waiting or given
 * up. Counting the planner's lag reads events, so one count is shared for `lagMaxAgeMs` (10 s): any
 * number of calls cost at most one read of `scanLimit` events per period. The counts by state are
 * read each time (an index count each).
 */
export class MeasureDeliveryBacklog {
  private readonly store: DeliveryStore;
  private readonly scanLimit: number;
  private readonly lagMaxAgeMs: number;
  private readonly now: () => number;
  private lag: { measuredAt: number; events: Promise<number> } | null = null;

  constructor(
    private readonly eventStore: EventStore,
    readStore: ReadStore,
    { scanLimit = 2_000, lagMaxAgeMs = 10_000, now = Date.now }: DeliveryBacklogOptions = {},
  ) {
    this.store = new DeliveryStore(readStore);
    this.scanLimit = scanLimit;
    this.lagMaxAgeMs = lagMaxAgeMs;
    this.now = now;
  }

  async run(): Promise<DeliveryBacklog> {
    const [checkpoint, pending, dead, oldest] = await Promise.all([
      this.store.plannerCheckpoint(),
      this.store.count('pending'),
      this.store.count('dead'),
      this.store.oldestPending(),
    ]);
    return { plannerLagEvents: checkpoint === null ? null : await this.plannerLag(checkpoint), pending, dead, oldestPendingSince: oldest?.createdAt ?? null };
  }

  /** The last count while it is fresh (or still under way), else a new one. */
  private plannerLag(checkpoint: bigint | 'start'): Promise<number> {
    const now = this.now();
    if (this.lag && now - this.lag.measuredAt < this.lagMaxAgeMs) return this.lag.events;
    const events = this.eventsAfter(checkpoint);
    const lag = { measuredAt: now, events };
    this.lag = lag;
    // A failed count is not reused.
    events.catch(() => {
      if (this.lag === lag) this.lag = null;
    });
    return events;
  }

  private async eventsAfter(checkpoint: bigint | 'start'): Promise<number> {
    let counted = 0;
    let from = checkpoint;
    while (counted < this.scanLimit) {
      const page = await this.eventStore.readAll({ fromPosition: from, maxCount: Math.min(PAGE_SIZE, this.scanLimit - counted) });
      counted += page.length;
      if (page.length < PAGE_SIZE) break;
      from = page[page.length - 1].position;
    }
    return counted;
  }
}
