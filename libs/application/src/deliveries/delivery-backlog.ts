import type { EventStore } from '@lacak/event-store';
import type { ReadStore } from '@lacak/read-store';
import { DeliveryStore } from './delivery-store';

export interface DeliveryBacklog {
  /**
   * Events stored after the planner's checkpoint, counted up to `scanLimit` (a lag counted to that
   * many is at least that); null before the planner's first start.
   */
  plannerLagEvents: number | null;
  pending: number;
  dead: number;
  /** When the longest-waiting pending delivery was planned; null when none waits. */
  oldestPendingSince: string | null;
}

const PAGE_SIZE = 500;

/** How far behind the outbox is: the planner in events, the dispatcher in deliveries waiting or given up. */
export class MeasureDeliveryBacklog {
  private readonly store: DeliveryStore;

  constructor(
    private readonly eventStore: EventStore,
    readStore: ReadStore,
    private readonly scanLimit = 2_000,
  ) {
    this.store = new DeliveryStore(readStore);
  }

  async run(): Promise<DeliveryBacklog> {
    const [checkpoint, pending, dead, oldest] = await Promise.all([
      this.store.plannerCheckpoint(),
      this.store.count('pending'),
      this.store.count('dead'),
      this.store.oldestPending(),
    ]);
    return { plannerLagEvents: checkpoint === null ? null : await this.eventsAfter(checkpoint), pending, dead, oldestPendingSince: oldest?.createdAt ?? null };
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
