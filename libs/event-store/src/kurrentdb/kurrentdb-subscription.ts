import type { AllPosition, AllSubscription, RecordedEvent } from '../event-store.port';
import { lookAhead, type CatchUpProgress, type Feed } from './look-ahead';
import { backoffDelay, isResubscribable, type BackoffOptions } from './resubscribe';

export interface ResubscribeOptions {
  /** Delays between attempts to resubscribe after a drop; default 100 ms doubling up to 5 s. */
  backoff?: BackoffOptions;
  /** Told about each drop before the subscription resubscribes, e.g. to log it. */
  onResubscribe?: (cause: unknown, delayMs: number) => void;
}

/**
 * A catch-up subscription to `$all` that survives drops: after an error or an unexpected end it
 * waits (exponential backoff, reset by each delivered event) and subscribes again exclusively from
 * the last event it handed over, so the consumer sees no gap and no duplicate. An error that
 * resubscribing cannot cure ends the iteration. Intended for a single consumer.
 */
export class KurrentDbSubscription implements AllSubscription, CatchUpProgress {
  private caughtUp = false;
  private announced = false;
  private ended = false;
  private feed?: Feed<RecordedEvent>;
  private wakeFromBackoff?: () => void;
  private readonly caughtUpListeners: Array<() => void> = [];

  constructor(
    /** Opens one connection's feed, starting strictly after `after`. */
    private readonly open: (after: AllPosition) => Feed<RecordedEvent>,
    private after: AllPosition,
    private readonly options: ResubscribeOptions,
    private readonly onEnd: (subscription: KurrentDbSubscription) => void,
  ) {}

  get isCaughtUp(): boolean {
    return this.caughtUp;
  }

  onCaughtUp(listener: () => void): void {
    this.caughtUpListeners.push(listener);
  }

  reachEnd(): void {
    this.caughtUp = true;
  }

  /** The consumer took every stored event and asks for more: tell the listeners, once per catch-up. */
  announceCaughtUp(): void {
    if (this.announced || this.ended) return;
    this.announced = true;
    for (const listener of this.caughtUpListeners) listener();
  }

  fallBehind(): void {
    this.caughtUp = this.announced = false;
  }

  async unsubscribe(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    this.wakeFromBackoff?.();
    this.onEnd(this);
    await this.feed?.close();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    let attempt = 0;
    try {
      while (!this.ended) {
        // A new connection catches up again before it is live.
        this.caughtUp = this.announced = false;
        const feed = (this.feed = this.open(this.after));
        let cause: unknown = new Error('KurrentDB ended the subscription');
        try {
          for await (const event of lookAhead(feed, this)) {
            if (this.ended) return;
            this.after = event.position;
            attempt = 0;
            yield event;
          }
        } catch (error) {
          if (this.ended) return;
          if (!isResubscribable(error)) throw error;
          cause = error;
        }
        await feed.close();
        if (this.ended) return;
        const delayMs = backoffDelay(attempt++, this.options.backoff);
        this.options.onResubscribe?.(cause, delayMs);
        await this.pause(delayMs);
      }
    } finally {
      await this.unsubscribe();
    }
  }

  private pause(ms: number): Promise<void> {
    // onResubscribe may have unsubscribed already.
    if (this.ended) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => wake(), ms);
      const wake = () => {
        clearTimeout(timer);
        this.wakeFromBackoff = undefined;
        resolve();
      };
      this.wakeFromBackoff = wake;
    });
  }
}
