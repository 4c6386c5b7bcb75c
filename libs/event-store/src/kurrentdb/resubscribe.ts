import { AccessDeniedError, InvalidArgumentError } from '@kurrent/kurrentdb-client';
import { UnreadableEventError } from './mapping';

export interface BackoffOptions {
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialDelayMs: 100, maxDelayMs: 5_000 };

/** Delay before resubscribe attempt `attempt` (0-based): doubling from the initial delay, capped. */
export function backoffDelay(attempt: number, { initialDelayMs, maxDelayMs }: BackoffOptions = DEFAULT_BACKOFF): number {
  return Math.min(maxDelayMs, initialDelayMs * 2 ** attempt);
}

/**
 * Whether subscribing again may cure the failure. Lost connections, leader changes, deadlines and
 * server-side drops may; missing rights to `$all`, a bad request or an unreadable event never do,
 * so those reach the consumer instead of looping.
 */
export function isResubscribable(error: unknown): boolean {
  return ![AccessDeniedError, InvalidArgumentError, UnreadableEventError].some((type) => error instanceof type);
}
