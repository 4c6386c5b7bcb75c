import type { JsonObject, RecordedEvent } from '@lacak/event-store';
import { nameBasedId } from '../ids';

/**
 * The delivery outbox's contract: how events become deliveries (notifications, webhook calls,
 * SP4N-LAPOR! calls) and how a channel carries one. A delivery record holds references only (ids,
 * codes, a template's name): contact details and content are resolved by the channel at send time,
 * so no address, name or text of a reporter ever enters a delivery record, an event or a log.
 */

/** `pending` waits for its next attempt; `dead` gave up (dead-letter list) until an admin retries it. */
export const DELIVERY_STATES = ['pending', 'delivered', 'skipped', 'dead'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** What a delivery source asks to be delivered for one event. */
export interface PlannedDelivery {
  /** The channel that carries it: `email`, `sms`, `webhook`, `lapor`. */
  channel: string;
  /**
   * Who or what receives it, as a reference, never an address: `reporter:<complaintId>`,
   * `webhook-endpoint:<endpointId>`, `lapor:<agencyId>`.
   */
  target: string;
  /** What is said or done: a template or an operation (`complaint-verified`, `lapor-create`, `event`). */
  topic: string;
  /** The complaint it is about, if any. */
  complaintId: string | null;
  /**
   * Deliveries sharing an order key go out one at a time, in log order: a later one waits while an
   * earlier one is pending (per complaint and target, e.g. `webhook-endpoint:<id>|<complaintId>`).
   */
  orderKey: string;
  /** References the channel needs at send time (ids, codes). Never personal data. */
  details?: JsonObject;
}

export interface DeliveryAttempt {
  at: string;
  outcome: DeliveryOutcome['kind'];
  /** A code or short reason, never content or personal data. */
  reason: string | null;
}

/** One delivery as the outbox keeps it; its `_id` is its idempotency key. */
export interface DeliveryRecord extends PlannedDelivery {
  _id: string;
  eventId: string;
  eventType: string;
  streamId: string;
  /** The event's global position, as a decimal string: the order deliveries are made in. */
  position: string;
  state: DeliveryState;
  attempts: DeliveryAttempt[];
  /** When the next attempt is due (ISO-8601), null unless pending. */
  nextAttemptAt: string | null;
  createdAt: string;
  settledAt: string | null;
}

/** The idempotency key of a delivery: the same event and target always give the same key. */
export const deliveryIdFor = (eventId: string, planned: Pick<PlannedDelivery, 'channel' | 'target' | 'topic'>): string =>
  nameBasedId('delivery', eventId, planned.channel, planned.target, planned.topic);

/** Turns events into planned deliveries; asked once per event, in log order. */
export interface DeliverySource {
  readonly name: string;
  /** The deliveries the event calls for; none for most. Reads what it needs, writes nothing. */
  plan(event: RecordedEvent): Promise<PlannedDelivery[]>;
}

export type DeliveryOutcome =
  | { kind: 'delivered' }
  /** Nothing to send, for good: an erased identity, no contact left, a disabled endpoint. */
  | { kind: 'skipped'; reason: string }
  /** Not delivered: retried with backoff while `retryable` and attempts remain, else dead. */
  | { kind: 'failed'; reason: string; retryable: boolean }
  /**
   * Not attempted: what the channel reads is not there yet (a read model behind the event). Due
   * again after the outbox's poll interval; not an attempt, so waiting on the engine itself never
   * uses up a delivery's attempts.
   */
  | { kind: 'deferred'; reason: string };

/**
 * Carries deliveries of one channel. Must be safe to call again with the same record (at-least-once),
 * except for operations it names in `safeToRepeat`.
 */
export interface DeliveryChannel {
  readonly name: string;
  /**
   * Answers within the signal's timeout; when the signal aborts first, the outbox records a timeout
   * (it does not wait for a late answer).
   */
  deliver(delivery: DeliveryRecord, signal: AbortSignal): Promise<DeliveryOutcome>;
  /**
   * False for an operation that may have taken effect when the outbox's timeout cut it short and must
   * not be made again blindly (a create the receiver cannot deduplicate): such a timeout makes the
   * delivery dead (`timeout-unconfirmed`), for an admin to settle. Absent: every operation is safe to repeat.
   */
  safeToRepeat?(delivery: DeliveryRecord): boolean;
}
