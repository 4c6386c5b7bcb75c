import type { DeliveryOutcome } from './delivery';

/** What the outbox tells operators as it works; gauges (pending, dead, lag) are measured when asked. */
export interface DeliveryMetrics {
  /** One attempt ended, as recorded. */
  deliveryAttempted(channel: string, outcome: DeliveryOutcome['kind']): void;
}
