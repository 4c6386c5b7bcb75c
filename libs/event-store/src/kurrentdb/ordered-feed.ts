import type { ReadableSubscription } from '@kurrent/kurrentdb-client';
import type { Feed, FeedItem } from './look-ahead';

/** Events queued here before the client stream is paused; keeps a catch-up from filling memory. */
const DEFAULT_HIGH_WATER_MARK = 256;

interface Ending {
  error?: unknown;
}

/**
 * Puts the client's catch-up subscription (a Readable of events that also emits `caughtUp` and
 * `fellBehind`) into one ordered feed. The client emits those signals at once, while events pushed
 * before them may still sit in the Readable's buffer; so a signal is released only after as many
 * events as the client had pushed when it was emitted (received here + still buffered).
 */
export class OrderedFeed<R, E> implements Feed<E> {
  private readonly queue: Array<FeedItem<E>> = [];
  private readonly signals: Array<{ afterEvents: number; item: FeedItem<E> }> = [];
  private received = 0;
  private queuedEvents = 0;
  private ending?: Ending;
  private wake?: () => void;

  constructor(
    private readonly stream: ReadableSubscription<R>,
    /** Undefined skips the event. */
    private readonly convert: (raw: R) => E | undefined,
    private readonly highWaterMark = DEFAULT_HIGH_WATER_MARK,
  ) {
    stream.on('data', (raw) => this.receive(raw));
    stream.on('caughtUp', () => this.signal({ kind: 'caughtUp' }));
    stream.on('fellBehind', () => this.signal({ kind: 'fellBehind' }));
    // Kept after the end as well: an 'error' event without a listener would crash the process.
    stream.on('error', (error) => this.finish({ error }));
    stream.on('end', () => this.finish({}));
    // A stream destroyed without 'end' or 'error' would otherwise leave the consumer waiting.
    stream.on('close', () => this.finish({}));
  }

  /** Events queued here plus those still in the client's buffer (skipped ones included). */
  get bufferedEvents(): number {
    return this.queuedEvents + this.stream.readableLength;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<FeedItem<E>> {
    for (;;) {
      const item = this.queue.shift();
      if (item) {
        if (item.kind === 'event') this.queuedEvents -= 1;
        if (this.queue.length === 0 && this.stream.isPaused()) this.stream.resume();
        yield item;
      } else if (this.ending) {
        if (this.ending.error !== undefined) throw this.ending.error;
        return;
      } else {
        await new Promise<void>((resolve) => (this.wake = resolve));
      }
    }
  }

  /** Ends the feed at once, dropping what is queued, and cancels the server-side subscription. */
  async close(): Promise<void> {
    this.queue.length = 0;
    this.queuedEvents = 0;
    this.finish({});
    // Rejects only when the call never started, in which case there is nothing to cancel.
    await this.stream.unsubscribe().catch(() => undefined);
  }

  private receive(raw: R): void {
    this.received += 1;
    if (this.ending) return;
    let event: E | undefined;
    try {
      event = this.convert(raw);
    } catch (error) {
      this.finish({ error });
      return;
    }
    if (event !== undefined) this.push({ kind: 'event', event });
    this.releaseSignals();
    if (this.queue.length >= this.highWaterMark) this.stream.pause();
  }

  private signal(item: FeedItem<E>): void {
    this.signals.push({ afterEvents: this.received + this.stream.readableLength, item });
    this.releaseSignals();
  }

  private releaseSignals(): void {
    while (this.signals.length > 0 && this.signals[0].afterEvents <= this.received) {
      const [{ item }] = this.signals.splice(0, 1);
      this.push(item);
    }
  }

  private push(item: FeedItem<E>): void {
    if (this.ending) return;
    if (item.kind === 'event') this.queuedEvents += 1;
    this.queue.push(item);
    this.notify();
  }

  private finish(ending: Ending): void {
    if (this.ending) return;
    this.ending = ending;
    this.notify();
  }

  private notify(): void {
    this.wake?.();
    this.wake = undefined;
  }
}
