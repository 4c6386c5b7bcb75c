import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  InvalidArgumentError,
  UnavailableError,
  UnknownError,
} from '@kurrent/kurrentdb-client';
import { UnreadableEventError } from './mapping';
import { backoffDelay, isResubscribable } from './resubscribe';

describe('resubscription', () => {
  it('doubles the delay from 100 ms up to 5 s by default', () => {
    expect(Array.from({ length: 8 }, (_, attempt) => backoffDelay(attempt))).toEqual([
      100, 200, 400, 800, 1_600, 3_200, 5_000, 5_000,
    ]);
    expect(backoffDelay(10_000)).toBe(5_000);
  });

  it('follows the given initial and maximum delays', () => {
    const options = { initialDelayMs: 1, maxDelayMs: 6 };
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, options))).toEqual([1, 2, 4, 6]);
  });

  it('resubscribes after connection, deadline, cancellation and unknown failures', () => {
    for (const error of [new UnavailableError(), new DeadlineExceededError(), new CancelledError(), new UnknownError(), new Error('reset')]) {
      expect(isResubscribable(error)).toBe(true);
    }
  });

  it('gives up on missing rights, bad arguments and events the port cannot read', () => {
    for (const error of [new AccessDeniedError(), new InvalidArgumentError('bad'), new UnreadableEventError('s', 'e', 'why')]) {
      expect(isResubscribable(error)).toBe(false);
    }
  });
});
