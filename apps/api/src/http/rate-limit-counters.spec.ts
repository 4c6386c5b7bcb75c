import { ThrottlerStorageService } from '@nestjs/throttler';
import fc from 'fast-check';
import { RateLimitCounters } from './rate-limit-counters';

interface Step {
  /** Milliseconds since the previous request. */
  after: number;
  key: string;
}

type Answer = Awaited<ReturnType<RateLimitCounters['increment']>>;

/**
 * What the guard reads from an answer: the time to the end of a block only while blocked. (Otherwise
 * it is a leftover, which differs once a sweep has dropped an idle counter: the library sweeps on a
 * timer, these counters while counting.)
 */
const asRead = (answer: Answer) => ({ ...answer, timeToBlockExpire: answer.isBlocked ? answer.timeToBlockExpire : 'unread' });

/** Both storages answer the same requests at the same instants; every answer must be equal. */
async function answersOf(steps: Step[], ttl: number, limit: number) {
  const library = new ThrottlerStorageService();
  const counters = new RateLimitCounters();
  let now = 1_800_000_000_000;
  const clock = jest.spyOn(Date, 'now').mockImplementation(() => now);
  try {
    const answers: { library: Answer; counters: Answer }[] = [];
    for (const { after, key } of steps) {
      now += after;
      answers.push({ library: await library.increment(key, ttl, limit, ttl, 'submission-ip'), counters: await counters.increment(key, ttl, limit, ttl) });
    }
    return answers;
  } finally {
    clock.mockRestore();
    library.onApplicationShutdown();
  }
}

const expectSameAnswers = (answers: { library: Answer; counters: Answer }[]) =>
  expect(answers.map(({ counters }) => asRead(counters))).toEqual(answers.map(({ library }) => asRead(library)));

describe('RateLimitCounters', () => {
  it('answers as @nestjs/throttler’s storage does: window, block, Retry-After and reset', async () => {
    // Whole fractions of the ttls land hits exactly on the edge of the window and of a block.
    const step = fc.record({ after: fc.oneof(fc.integer({ min: 0, max: 2_000 }), fc.integer({ min: 0, max: 90_000 }), fc.constantFrom(500, 1_000, 30_000, 60_000)), key: fc.constantFrom('ip:10.0.0.1', 'ip:10.0.0.2', 'actor:alice') });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 200 }), fc.constantFrom(1, 3, 20), fc.constantFrom(1_000, 60_000), async (steps, limit, ttl) => {
        expectSameAnswers(await answersOf(steps, ttl, limit));
      }),
      { numRuns: 200 },
    );
  });

  it('answers the same through thousands of hits in the window, as at the high limit of a benchmark', async () => {
    const steps = Array.from({ length: 6_000 }, (_, i) => ({ after: i % 7, key: 'actor:bench' }));
    expectSameAnswers(await answersOf(steps, 5_000, 2_000));
  });

  it('refuses a limit without a block, which it does not implement', async () => {
    await expect(new RateLimitCounters().increment('ip:10.0.0.1', 60_000, 3, 0)).rejects.toThrow(/block duration is required/);
  });
});
