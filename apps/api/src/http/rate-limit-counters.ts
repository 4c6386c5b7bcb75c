import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface Counter {
  /** When each counted hit leaves the window, oldest first; hits before `head` have left it. */
  hitExpirations: number[];
  head: number;
  expiresAt: number;
  isBlocked: boolean;
  blockExpiresAt: number;
}

/** A counter drops the expirations it has passed once they are this many and half of its array. */
const COMPACT_AFTER = 1024;

const seconds = (ms: number) => Math.ceil(ms / 1000);

/**
 * The rate limits' counters: the same sliding window and block as @nestjs/throttler's in-memory
 * storage, in constant time per request. The library filters every hit of the window into a new array
 * on each request (tens of thousands at a high limit); here the hits form a queue, and since each
 * leaves the window one ttl after it came, in order, only the expired head is dropped. Idle counters
 * are swept while counting, at most once per ttl, rather than by a timer. Every limit here blocks for a
 * while once exceeded (the guard's default block is the ttl), so the library's rule without a block
 * is not implemented.
 */
export class RateLimitCounters implements ThrottlerStorage {
  private readonly counters = new Map<string, Counter>();
  private nextSweepAt = 0;

  async increment(key: string, ttl: number, limit: number, blockDuration: number): Promise<ThrottlerStorageRecord> {
    if (blockDuration <= 0) throw new Error('Every rate limit blocks for a while once exceeded; a block duration is required');
    const now = Date.now();
    this.sweepIdle(now, ttl);
    let counter = this.counters.get(key);
    if (!counter) {
      counter = { hitExpirations: [], head: 0, expiresAt: now + ttl, isBlocked: false, blockExpiresAt: 0 };
      this.counters.set(key, counter);
    }
    dropExpiredHits(counter, now);
    if (counter.expiresAt <= now) counter.expiresAt = now + ttl;
    const timeToExpire = seconds(counter.expiresAt - now);
    if (!counter.isBlocked) counter.hitExpirations.push(now + ttl);
    if (hits(counter) > limit && !counter.isBlocked) {
      counter.isBlocked = true;
      counter.blockExpiresAt = now + blockDuration;
    }
    const timeToBlockExpire = seconds(counter.blockExpiresAt - now);
    if (timeToBlockExpire <= 0 && counter.isBlocked) {
      // The block is over: counting starts again from this request.
      counter.isBlocked = false;
      counter.hitExpirations = [now + ttl];
      counter.head = 0;
    }
    return { totalHits: hits(counter), timeToExpire, isBlocked: counter.isBlocked, timeToBlockExpire };
  }

  /** Forgets the counters with nothing left to count: no hit in the window, no block, window over. */
  private sweepIdle(now: number, ttl: number): void {
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + ttl;
    for (const [key, counter] of this.counters) {
      const lastHitExpiresAt = counter.hitExpirations.at(-1) ?? 0;
      if (counter.expiresAt <= now && lastHitExpiresAt <= now && !(counter.isBlocked && counter.blockExpiresAt > now)) this.counters.delete(key);
    }
  }
}

const hits = (counter: Counter): number => counter.hitExpirations.length - counter.head;

function dropExpiredHits(counter: Counter, now: number): void {
  const expirations = counter.hitExpirations;
  while (counter.head < expirations.length && expirations[counter.head] <= now) counter.head++;
  if (counter.head >= COMPACT_AFTER && counter.head * 2 >= expirations.length) {
    counter.hitExpirations = expirations.slice(counter.head);
    counter.head = 0;
  }
}
