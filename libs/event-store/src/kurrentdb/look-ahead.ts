/** One step of a catch-up subscription, in the order the server sent it. */
export type FeedItem<E> = { kind: 'event'; event: E } | { kind: 'caughtUp' } | { kind: 'fellBehind' };

/** One connection's worth of a subscription: ends on unsubscribe or a drop, throws on an error. */
export interface Feed<E> extends AsyncIterable<FeedItem<E>> {
  close(): Promise<void>;
}

export interface CatchUpProgress {
  readonly isCaughtUp: boolean;
  /** The server said the subscription reached the end of the log. */
  reachEnd(): void;
  /** The server said the subscription fell back to reading stored events. */
  fallBehind(): void;
  /** Everything stored has been handed over and the consumer asks for more. */
  announceCaughtUp(): void;
}

/**
 * Yields a feed's events so that `progress.isCaughtUp` is already true while the last stored event
 * is handed over. KurrentDB only says "caught up" after that event, so while catching up each event
 * is held until the next item shows whether another event or the caught-up signal follows it.
 * Once live nothing stored is left to wait for, and events pass at once. An event still held when
 * the feed ends was never handed over; a resubscription from the last handed-over one reads it again.
 */
export async function* lookAhead<E>(items: AsyncIterable<FeedItem<E>>, progress: CatchUpProgress): AsyncGenerator<E> {
  let held: { event: E } | undefined;
  for await (const item of items) {
    if (item.kind === 'event') {
      if (held) yield held.event;
      held = { event: item.event };
    } else if (item.kind === 'caughtUp') {
      progress.reachEnd();
    } else {
      progress.fallBehind();
    }
    if (held && progress.isCaughtUp) {
      const { event } = held;
      held = undefined;
      yield event;
    }
    // Resumed: the consumer handled what it was given. Listeners hear "caught up" only now.
    if (progress.isCaughtUp) progress.announceCaughtUp();
  }
}
