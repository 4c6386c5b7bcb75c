import type { AllSubscription, RecordedEvent } from '../event-store.port';
import type { AllPage } from './statements';

/**
 * A catch-up subscription over `$all` that pulls one page at a time, only when the consumer
 * asks for more. At the end of the log it waits for a commit by this process (`notify`) or
 * for the poll interval, which is how writes by other processes are seen.
 *
 * Reading `position > after` never skips an event: SQLite serialises writers, so positions
 * become visible in commit order. Intended for a single consumer.
 */
export class SqliteSubscription implements AllSubscription {
  private caughtUp = false;
  /** Whether listeners heard about the current catch-up; they hear once per arrival at the end. */
  private announced = false;
  private ended = false;
  /** Set by a commit since the last page read; spares a poll interval of latency. */
  private changed = false;
  private wake?: () => void;
  private readonly caughtUpListeners: Array<() => void> = [];

  constructor(
    private readonly readPage: (after: bigint) => AllPage,
    private after: bigint,
    private readonly pollIntervalMs: number,
    private readonly onEnd: (subscription: SqliteSubscription) => void,
  ) {}

  get isCaughtUp(): boolean {
    return this.caughtUp;
  }

  onCaughtUp(listener: () => void): void {
    this.caughtUpListeners.push(listener);
  }

  /** Called by the store after each commit of this process. */
  notify(): void {
    this.changed = true;
    this.wake?.();
  }

  async unsubscribe(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    this.wake?.();
    this.onEnd(this);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    try {
      let page = this.read();
      while (!this.ended) {
        if (page.events.length === 0) {
          // A filtered read may stop short of the head; nothing up to it matched, so skip it for good.
          if (page.head !== undefined && page.head > this.after) this.after = page.head;
          this.reachEnd();
          await this.nextChange();
          page = this.read();
          continue;
        }
        this.caughtUp = this.announced = false;
        let following: AllPage = { events: [], head: page.head };
        const last = page.events.length - 1;
        for (const [index, event] of page.events.entries()) {
          if (this.ended) return;
          this.after = event.position;
          if (index === last) {
            // Look ahead before handing over the last event, so `isCaughtUp` is exact while the
            // consumer handles it: a consumer that batches knows to flush now, not on the next event.
            // A short page already ended at the head; only a full page needs the extra read.
            if (page.head === undefined) following = this.read();
            this.caughtUp = following.events.length === 0;
          }
          yield event;
        }
        page = following;
      }
    } finally {
      await this.unsubscribe();
    }
  }

  private read(): AllPage {
    this.changed = false;
    return this.readPage(this.after);
  }

  /** The consumer asked for more and there is none: it has handled everything stored. */
  private reachEnd(): void {
    this.caughtUp = true;
    if (this.announced || this.ended) return;
    this.announced = true;
    for (const listener of this.caughtUpListeners) listener();
  }

  private nextChange(): Promise<void> {
    if (this.changed || this.ended) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => wake(), this.pollIntervalMs);
      const wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      this.wake = wake;
    });
  }
}
