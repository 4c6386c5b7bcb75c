import type { Actor } from '@lacak/domain';
import type { ReadStore } from '@lacak/read-store';
import type { Clock } from '../clock';
import { assertMayRun } from '../queries/query-access';
import type { DeliveryRecord, DeliveryState } from './delivery';
import { DeliveryStore, deliveryRecordOf } from './delivery-store';

/** No delivery has this id (its idempotency key). */
export class DeliveryNotFoundError extends Error {
  override readonly name = 'DeliveryNotFoundError';
  readonly code = 'DELIVERY_NOT_FOUND';
}

/** A delivered delivery is not sent again: a retry would repeat it. */
export class DeliveryAlreadyDeliveredError extends Error {
  override readonly name = 'DeliveryAlreadyDeliveredError';
  readonly code = 'DELIVERY_ALREADY_DELIVERED';
}

/** A page cursor: the last delivery's `logOrder` and id, as `<20 digits>.<id>`. */
export const DELIVERY_CURSOR_PATTERN = /^\d{20}\.[0-9a-f-]{36}$/;

export interface DeliveryListQuery {
  state?: DeliveryState;
  channel?: string;
  /** `nextCursor` of the page before. */
  cursor?: string;
  limit?: number;
}

export interface DeliveryPage {
  items: DeliveryRecord[];
  /** Where the next page starts; null on the last page. */
  nextCursor: string | null;
}

export const DELIVERY_PAGE_LIMIT = 200;

/** Deliveries in log order, by state and channel, a page at a time (the dead-letter list is `state: dead`). */
export class ListDeliveries {
  private readonly store: DeliveryStore;
  constructor(readStore: ReadStore) {
    this.store = new DeliveryStore(readStore);
  }

  async run(actor: Actor, { state, channel, cursor, limit = 50 }: DeliveryListQuery): Promise<DeliveryPage> {
    assertMayRun('list-deliveries', actor);
    const after = cursor && DELIVERY_CURSOR_PATTERN.test(cursor) ? { logOrder: cursor.slice(0, 20), id: cursor.slice(21) } : undefined;
    const size = Math.min(Math.max(1, limit), DELIVERY_PAGE_LIMIT);
    const page = await this.store.page({ state, channel, after, limit: size + 1 });
    const items = page.slice(0, size);
    const last = items[items.length - 1];
    return { items: items.map(deliveryRecordOf), nextCursor: page.length > size ? `${last.logOrder}.${last._id}` : null };
  }
}

/** One delivery, with its attempts. */
export class GetDelivery {
  private readonly store: DeliveryStore;
  constructor(readStore: ReadStore) {
    this.store = new DeliveryStore(readStore);
  }

  async run(actor: Actor, id: string): Promise<DeliveryRecord> {
    assertMayRun('get-delivery', actor);
    const found = await this.store.get(id);
    if (!found) throw new DeliveryNotFoundError(`No delivery ${id}`);
    return found;
  }
}

/**
 * Sends a delivery again: pending and due now, with its attempts kept and its id (the idempotency
 * key a receiver deduplicates by) unchanged; it gets a new round of attempts. Dead, skipped and
 * pending ones may be retried, a delivered one not.
 */
export class RetryDelivery {
  private readonly store: DeliveryStore;
  constructor(
    readStore: ReadStore,
    private readonly clock: Clock,
  ) {
    this.store = new DeliveryStore(readStore);
  }

  async run(actor: Actor, id: string): Promise<DeliveryRecord> {
    assertMayRun('retry-delivery', actor);
    // The dispatcher may settle it in between: read again and decide on what is there then.
    for (;;) {
      const found = await this.store.get(id);
      if (!found) throw new DeliveryNotFoundError(`No delivery ${id}`);
      if (found.state === 'delivered') throw new DeliveryAlreadyDeliveredError(`Delivery ${id} was delivered; it is not sent again`);
      if (await this.store.retry(found, this.clock.now().toISOString())) return (await this.store.get(id))!;
    }
  }
}
