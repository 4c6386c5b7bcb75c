export interface BackoffPolicy {
  /** The first retry's ceiling. */
  baseMs: number;
  /** No retry waits longer than this. */
  maxMs: number;
  /** Attempts in all, the first included; after the last failure the delivery is dead. */
  maxAttempts: number;
}

/**
 * How long to wait after the `failedAttempts`-th failure: exponential backoff with full jitter
 * (a uniform draw between 0 and min(max, base × 2^(n-1))), so receivers coming back are not hit by
 * every sender at once. `random` is in [0, 1), `Math.random` unless a test gives one.
 */
export function backoffDelayMs(policy: Pick<BackoffPolicy, 'baseMs' | 'maxMs'>, failedAttempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, failedAttempts - 1));
  return Math.floor(random() * ceiling);
}
