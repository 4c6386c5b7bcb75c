import { setTimeout as pause } from 'node:timers/promises';

export interface EventuallyOptions {
  /** How long the condition may take to hold before the wait fails. */
  timeoutMs?: number;
  /** Time between two checks. */
  intervalMs?: number;
  /** Names what was awaited, in the failure message. */
  description?: string;
}

/**
 * Resolves once `condition` holds (returns true, or a value `accept` takes), checking it again and
 * again: tests wait on a condition, never on a fixed sleep, so a loaded machine only makes them slower.
 */
export async function eventually(condition: () => boolean | Promise<boolean>, options?: EventuallyOptions): Promise<void>;
export async function eventually<T>(read: () => T | Promise<T>, accept: (value: T) => boolean, options?: EventuallyOptions): Promise<T>;
export async function eventually<T>(
  read: () => T | Promise<T>,
  acceptOrOptions?: ((value: T) => boolean) | EventuallyOptions,
  maybeOptions: EventuallyOptions = {},
): Promise<T | void> {
  const accept = typeof acceptOrOptions === 'function' ? acceptOrOptions : (value: T) => value === true;
  const options = typeof acceptOrOptions === 'function' ? maybeOptions : (acceptOrOptions ?? {});
  const { timeoutMs = 5_000, intervalMs = 10, description } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return typeof acceptOrOptions === 'function' ? value : undefined;
    if (Date.now() > deadline) {
      const last = typeof value === 'boolean' ? '' : `: ${JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v))?.slice(0, 2000)}`;
      throw new Error(`${description ?? 'Condition'} not met within ${timeoutMs} ms${last}`);
    }
    await pause(intervalMs);
  }
}
