import { seededRandom } from '@lacak/testing';
import { backoffDelayMs } from './backoff';

describe('backoffDelayMs', () => {
  const policy = { baseMs: 100, maxMs: 1000 };

  it('doubles the ceiling per failure up to the bound', () => {
    const longest = (failures: number) => backoffDelayMs(policy, failures, () => 0.999999);
    expect([1, 2, 3, 4, 5, 6, 20, 2000].map(longest)).toEqual([99, 199, 399, 799, 999, 999, 999, 999]);
  });

  it('draws each wait anywhere between zero and the ceiling (full jitter)', () => {
    const random = seededRandom(15);
    const waits = Array.from({ length: 500 }, () => backoffDelayMs(policy, 3, random));
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...waits)).toBeLessThan(400);
    // Spread over the range, not bunched at one end.
    expect(waits.filter((w) => w < 100).length).toBeGreaterThan(50);
    expect(waits.filter((w) => w >= 300).length).toBeGreaterThan(50);
    expect(backoffDelayMs(policy, 3, () => 0)).toBe(0);
  });
});
