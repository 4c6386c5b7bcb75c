/** One step of a catch-up subscription, in the order the server sent it. */
export type FeedItem<E> = { kind: 'event'; event: E } | { kind: 'caughtUp' } | { kind: 'fellBehind' };

/** Items taken from the server that the consumer has not been handed yet. */
export interface BufferedItems<E> extends AsyncIterable<FeedItem<E>> {
  /** Events received on our side and not yet taken from this iterable. */
  readonly bufferedEvents: number;
}

/** One connection's worth of a subscription: ends on unsubscribe or a drop, throws on an error. */
export interface Feed<E> extends BufferedItems<E> {
  close(): Promise<void>;
}

export interface CatchUpProgress {
  readonly isCaughtUp: boolean;
  /** The subscription reached the end of the log: the server said so and nothing is buffered here. */
  reachEnd(): void;
  /** The subscription is behind again: events are buffered here, or the server fell back to reading stored events. */
  fallBehind(): void;
  /** Everything stored has been handed over and the consumer asks for more. */
  announceCaughtUp(): void;
}

/**
 * Yields a feed's events so that `progress.isCaughtUp` is already true while the last stored event
 * is handed over. KurrentDB only says "caught up" after that event, so while catching up each event
 * is held until the next item shows whether another event or the caught-up signal follows it.
 *
 * "Caught up" is decided here: the server said so and no event is buffered on our side. The server
 * never sends `fellBehind`: when its live buffer overflows (the consumer is slow) it silently reads
 * stored events again, and the only sign of it is the events piling up here.
 *
 * Once caught up, events pass at once. An event still held when the feed ends was never handed over;
 * a resubscription from the last handed-over one reads it again.
 */
export async function* lookAhead<E>(items: BufferedItems<E>, progress: CatchUpProgress): AsyncGenerator<E> {
  let held: { event: E } | undefined;
  let serverCaughtUp = false;
  for await (const item of items) {
    // A held event is only ever handed over here while not caught up: a newer item is in hand.
    if (item.kind === 'event') {
      if (held) yield held.event;
      held = { event: item.event };
    } else {
      serverCaughtUp = item.kind === 'caughtUp';
    }
    const caughtUp = serverCaughtUp && items.bufferedEvents === 0;
    if (caughtUp && !progress.isCaughtUp) progress.reachEnd();
    if (!caughtUp && progress.isCaughtUp) progress.fallBehind();
    if (held && progress.isCaughtUp) {
      const { event } = held;
      held = undefined;
      yield event;
    }
    // Resumed: the consumer handled what it was given. Listeners hear "caught up" only now.
    if (progress.isCaughtUp) progress.announceCaughtUp();
  }
}
