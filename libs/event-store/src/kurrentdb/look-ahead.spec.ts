import { setImmediate as nextTurn } from 'node:timers/promises';
import { eventually } from '@lacak/testing';
import { lookAhead, type FeedItem } from './look-ahead';

/** A feed the test writes to item by item, standing in for the client's subscription. */
function feed<E>() {
  const items: Array<FeedItem<E>> = [];
  let ended = false;
  let wake = () => {};
  const notify = () => wake();
  return {
    event: (...events: E[]) => {
      items.push(...events.map((event) => ({ kind: 'event' as const, event })));
      notify();
    },
    caughtUp: () => {
      items.push({ kind: 'caughtUp' });
      notify();
    },
    fellBehind: () => {
      items.push({ kind: 'fellBehind' });
      notify();
    },
    end: () => {
      ended = true;
      notify();
    },
    get bufferedEvents() {
      return items.filter((item) => item.kind === 'event').length;
    },
    async *[Symbol.asyncIterator](): AsyncGenerator<FeedItem<E>> {
      for (;;) {
        const item = items.shift();
        if (item) yield item;
        else if (ended) return;
        else await new Promise<void>((resolve) => (wake = resolve));
      }
    },
  };
}

/** Counts announcements in `reached`, as the subscription's listeners would hear them. */
function progress() {
  return {
    isCaughtUp: false,
    announced: false,
    reached: 0,
    reachEnd() {
      this.isCaughtUp = true;
    },
    fallBehind() {
      this.isCaughtUp = this.announced = false;
    },
    announceCaughtUp() {
      if (!this.announced) this.reached += 1;
      this.announced = true;
    },
  };
}

async function isPending(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(() => (settled = true));
  await nextTurn();
  return !settled;
}

describe('lookAhead', () => {
  it('hands stored events over as not caught up, and the last stored one as caught up', async () => {
    const source = feed<string>();
    const state = progress();
    source.event('e1', 'e2', 'e3');
    source.caughtUp();
    source.end();

    const seen: Array<[string, boolean, number]> = [];
    for await (const event of lookAhead(source, state)) seen.push([event, state.isCaughtUp, state.reached]);
    // Caught up while the last stored event is handed over; listeners hear it once that was handled.
    expect(seen).toEqual([
      ['e1', false, 0],
      ['e2', false, 0],
      ['e3', true, 0],
    ]);
    expect(state.reached).toBe(1);
  });

  it('holds the newest event while catching up until the next item says whether it was the last', async () => {
    const source = feed<string>();
    const state = progress();
    const events = lookAhead(source, state);

    source.event('e1');
    const first = events.next();
    expect(await isPending(first)).toBe(true);
    source.event('e2');
    await expect(first).resolves.toEqual({ done: false, value: 'e1' });
    expect(state.isCaughtUp).toBe(false);

    const second = events.next();
    expect(await isPending(second)).toBe(true);
    source.caughtUp();
    await expect(second).resolves.toEqual({ done: false, value: 'e2' });
    expect(state.isCaughtUp).toBe(true);
  });

  it('hands live events over at once', async () => {
    const source = feed<string>();
    const state = progress();
    const events = lookAhead(source, state);
    source.caughtUp();

    const live = events.next();
    expect(await isPending(live)).toBe(true);
    expect(state.reached).toBe(1);
    source.event('e1');
    await expect(live).resolves.toEqual({ done: false, value: 'e1' });
    expect(state.isCaughtUp).toBe(true);
  });

  it('looks ahead again after falling behind, and reaches the end once more', async () => {
    const source = feed<string>();
    const state = progress();
    const events = lookAhead(source, state);
    source.caughtUp();
    source.event('e1');
    await expect(events.next()).resolves.toEqual({ done: false, value: 'e1' });
    expect(state.isCaughtUp).toBe(true);

    source.fellBehind();
    source.event('e2', 'e3');
    source.caughtUp();
    source.end();
    const seen: Array<[string, boolean]> = [];
    for await (const event of events) seen.push([event, state.isCaughtUp]);
    expect(seen).toEqual([
      ['e2', false],
      ['e3', true],
    ]);
    expect(state.reached).toBe(2);
  });

  it('is behind while events are buffered here, although the server said caught up and never says otherwise', async () => {
    const source = feed<string>();
    const state = progress();
    const events = lookAhead(source, state);
    source.caughtUp();
    const live = events.next();
    await eventually(() => state.reached === 1);

    // The server's live buffer overflowed: it silently read stored events again, sent them in a burst, then caughtUp.
    source.event('e1', 'e2', 'e3');
    source.caughtUp();
    source.end();
    await expect(live).resolves.toEqual({ done: false, value: 'e1' });
    const seen: Array<[string, boolean]> = [['e1', state.isCaughtUp]];
    for await (const event of events) seen.push([event, state.isCaughtUp]);
    expect(seen).toEqual([
      ['e1', false],
      ['e2', false],
      ['e3', true],
    ]);
    expect(state.reached).toBe(2);
  });

  it('never hands over an event still held when the feed ends, so a resubscription reads it again', async () => {
    const source = feed<string>();
    source.event('e1', 'e2');
    source.end();
    const seen: string[] = [];
    for await (const event of lookAhead(source, progress())) seen.push(event);
    expect(seen).toEqual(['e1']);
  });

  it('passes on the feed error', async () => {
    async function* failing(): AsyncGenerator<FeedItem<string>> {
      yield { kind: 'event', event: 'e1' };
      throw new Error('connection reset');
    }
    const events = lookAhead(Object.assign(failing(), { bufferedEvents: 0 }), progress());
    await expect(events.next()).rejects.toThrow('connection reset');
  });
});
