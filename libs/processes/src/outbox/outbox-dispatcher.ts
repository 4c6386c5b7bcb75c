import type { AttemptRecord, DeliveryChannel, DeliveryMetrics, DeliveryOutcome, DeliveryRecord, DeliveryStore, StoredDelivery } from '@lacak/application';
import { type BackoffPolicy, backoffDelayMs } from './backoff';

export interface OutboxDispatcherOptions extends BackoffPolicy {
  /**
   * How long one attempt may take before it is aborted: a failure, retryable unless its channel says
   * the operation is not safe to repeat. A stop waits this long at most for the attempts under way.
   */
  timeoutMs: number;
  /** Deliveries of different order keys carried at once, at most. */
  concurrency: number;
  /** How often it looks for due deliveries when nothing wakes it sooner. */
  pollIntervalMs: number;
  now: () => Date;
  random?: () => number;
  metrics?: DeliveryMetrics;
  /** Told once per channel name that no channel carries: its deliveries wait, pending. */
  onMissingChannel?: (channel: string) => void;
  onError?: (error: unknown) => void;
}

const PAGE_SIZE = 500;
/** Heads looked for per worker in one pass: enough to keep every worker busy, never the whole backlog. */
const HEADS_PER_WORKER = 4;

/**
 * Carries the due pending deliveries, in log order, one at a time per order key: a delivery waits
 * while an earlier one of its key is pending (a dead one no longer holds its key back). Each attempt
 * is recorded (when, outcome, a reason code; never content); a retryable failure is tried again after
 * exponential backoff with full jitter until `maxAttempts`, then the delivery is dead. A channel that
 * throws failed retryably; one that outlives `timeoutMs` too, unless it says the operation may have
 * taken effect and is not safe to repeat (then the delivery is dead, for an admin to settle). A stop
 * starts no new attempt and waits for those under way, recording their outcomes: an attempt is never
 * left unrecorded to be made again blindly. A delivery whose channel is not configured here stays
 * pending, unattempted, until one is.
 */
export class OutboxDispatcher {
  private readonly channels: Map<string, DeliveryChannel>;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private stopping = false;
  private wakeRequested = false;
  private readonly missingReported = new Set<string>();

  constructor(
    private readonly store: DeliveryStore,
    channels: readonly DeliveryChannel[],
    private readonly options: OutboxDispatcherOptions,
  ) {
    this.channels = new Map(channels.map((channel) => [channel.name, channel]));
  }

  start(): void {
    if (this.timer) return;
    this.stopping = false;
    this.timer = setInterval(() => this.wake(), this.options.pollIntervalMs);
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    // Attempts under way run to their end (bounded by the timeout) and are recorded: one cut short
    // and left pending would be made again by the next holder, though it may have taken effect.
    await this.running;
  }

  /** Looks for due deliveries now (new ones were planned, or a retry was asked for). */
  wake(): void {
    if (this.stopping) return;
    if (this.wakeRequested) return;
    this.wakeRequested = true;
    this.running = this.running.then(async () => {
      this.wakeRequested = false;
      try {
        // Another pass at once while one finds work: a backlog drains without waiting for the timer.
        while (!this.stopping && (await this.pass()) > 0);
      } catch (error) {
        this.options.onError?.(error);
      }
    });
  }

  /** One walk over the pending deliveries; returns how many attempts it made. */
  async pass(): Promise<number> {
    const now = this.options.now();
    const heads = await this.dueHeads(now);
    let attempted = 0;
    const queue = [...heads];
    const worker = async () => {
      for (let next = queue.shift(); next && !this.stopping; next = queue.shift()) {
        await this.attempt(next);
        attempted++;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.options.concurrency) }, worker));
    return attempted;
  }

  /**
   * The first pending delivery of each order key, if it is due and its channel is here: due ones in log
   * order, each checked for an earlier pending one of its key, until enough for this pass are found.
   */
  private async dueHeads(now: Date): Promise<StoredDelivery[]> {
    const wanted = Math.max(1, this.options.concurrency) * HEADS_PER_WORKER;
    const seenKeys = new Set<string>();
    const heads: StoredDelivery[] = [];
    let after: { logOrder: string; id: string } | null = null;
    for (;;) {
      const page = await this.store.duePage(now.toISOString(), after, PAGE_SIZE);
      for (const delivery of page) {
        if (seenKeys.has(delivery.orderKey)) continue;
        seenKeys.add(delivery.orderKey);
        if (!this.channels.has(delivery.channel)) {
          this.reportMissing(delivery.channel);
          continue;
        }
        if (await this.store.hasEarlierPending(delivery)) continue;
        heads.push(delivery);
        if (heads.length >= wanted) return heads;
      }
      if (page.length < PAGE_SIZE) return heads;
      const last = page[page.length - 1];
      after = { logOrder: last.logOrder, id: last._id };
    }
  }

  private async attempt(delivery: StoredDelivery): Promise<void> {
    const channel = this.channels.get(delivery.channel)!;
    const outcome = await this.carry(channel, delivery, AbortSignal.timeout(this.options.timeoutMs));
    const at = this.options.now();
    if (outcome.kind === 'deferred') {
      await this.store.defer(delivery, new Date(at.getTime() + this.options.pollIntervalMs).toISOString());
      return;
    }
    const recorded = await this.store.recordAttempt(delivery, this.next(delivery, outcome, at), at.toISOString());
    if (recorded) this.options.metrics?.deliveryAttempted(delivery.channel, outcome.kind);
  }

  private async carry(channel: DeliveryChannel, delivery: DeliveryRecord, signal: AbortSignal): Promise<DeliveryOutcome> {
    try {
      return await Promise.race([channel.deliver(delivery, signal), aborted(signal)]);
    } catch (error) {
      if (signal.aborted) {
        // Whether it took effect is unknown: repeated only if the channel says that is harmless.
        return channel.safeToRepeat?.(delivery) === false
          ? { kind: 'failed', reason: 'timeout-unconfirmed', retryable: false }
          : { kind: 'failed', reason: 'timeout', retryable: true };
      }
      // The error's message may quote content: only its name is kept.
      return { kind: 'failed', reason: `error:${error instanceof Error ? error.name : 'unknown'}`, retryable: true };
    }
  }

  private next(delivery: StoredDelivery, outcome: Exclude<DeliveryOutcome, { kind: 'deferred' }>, at: Date): AttemptRecord {
    const attempt = { at: at.toISOString(), outcome: outcome.kind, reason: outcome.kind === 'delivered' ? null : outcome.reason };
    if (outcome.kind === 'delivered') return { attempt, state: 'delivered', nextAttemptAt: null };
    if (outcome.kind === 'skipped') return { attempt, state: 'skipped', nextAttemptAt: null };
    // An admin's retry starts a new round of attempts.
    const round = delivery.attempts.filter((a) => !delivery.retriedAt || a.at >= delivery.retriedAt).length + 1;
    if (!outcome.retryable || round >= this.options.maxAttempts) return { attempt, state: 'dead', nextAttemptAt: null };
    const delay = backoffDelayMs(this.options, round, this.options.random);
    return { attempt, state: 'pending', nextAttemptAt: new Date(at.getTime() + delay).toISOString() };
  }

  private reportMissing(channel: string): void {
    if (this.missingReported.has(channel)) return;
    this.missingReported.add(channel);
    this.options.onMissingChannel?.(channel);
  }
}

/** Rejects once the signal aborts: a channel that ignores its signal is not waited for. */
function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}
