import { PassThrough } from 'node:stream';
import { AccessDeniedError, UnavailableError } from '@kurrent/kurrentdb-client';
import { eventually } from '@lacak/testing';
import type { AllPosition, RecordedEvent } from '../event-store.port';
import { KurrentDbSubscription, type ResubscribeOptions } from './kurrentdb-subscription';
import type { Feed, FeedItem } from './look-ahead';
import { OrderedFeed } from './ordered-feed';
import { TEST_METADATA } from './testing/events';

function recorded(n: number): RecordedEvent {
  return {
    id: `event-${n}`,
    type: 'Tested',
    data: { n },
    metadata: TEST_METADATA,
    streamId: 'complaint-1',
    revision: BigInt(n - 1),
    position: BigInt(n * 100),
    recordedAt: '2024-05-01T08:30:01.000Z',
  };
}

const e = (n: number): FeedItem<RecordedEvent> => ({ kind: 'event', event: recorded(n) });
const caughtUp: FeedItem<RecordedEvent> = { kind: 'caughtUp' };

type ScriptedFeed = Feed<RecordedEvent> & { closed: boolean };

/** One connection: its items, then an error, the end of the stream, or nothing until closed. */
function scripted(items: Array<FeedItem<RecordedEvent>>, then: 'end' | 'stays open' | Error): ScriptedFeed {
  let onClose = () => {};
  const closing = new Promise<void>((resolve) => (onClose = resolve));
  let taken = 0;
  const feed: ScriptedFeed = {
    closed: false,
    get bufferedEvents() {
      return items.slice(taken).filter((item) => item.kind === 'event').length;
    },
    async close() {
      feed.closed = true;
      onClose();
    },
    async *[Symbol.asyncIterator]() {
      for (const item of items) {
        if (feed.closed) return;
        taken += 1;
        yield item;
      }
      if (then instanceof Error) throw then;
      if (then === 'stays open') await closing;
    },
  };
  return feed;
}

function subscriptionOver(feeds: Array<Feed<RecordedEvent>>, options: ResubscribeOptions = {}) {
  const open = jest.fn((_after: AllPosition) => {
    const feed = feeds.shift();
    if (!feed) throw new Error('no more connections scripted');
    return feed;
  });
  const onEnd = jest.fn();
  const subscription = new KurrentDbSubscription(open, 'start', { backoff: { initialDelayMs: 1, maxDelayMs: 100 }, ...options }, onEnd);
  return { subscription, open, onEnd };
}

async function take(subscription: KurrentDbSubscription, count: number): Promise<Array<[string, boolean]>> {
  const seen: Array<[string, boolean]> = [];
  for await (const event of subscription) {
    seen.push([event.id, subscription.isCaughtUp]);
    if (seen.length === count) break;
  }
  return seen;
}

describe('KurrentDbSubscription', () => {
  it('resubscribes after a transient drop from the last event handed over, with no gap and no duplicate', async () => {
    const drop = new UnavailableError();
    const first = scripted([e(1), e(2), e(3)], drop);
    const second = scripted([e(3), e(4), caughtUp], 'stays open');
    const onResubscribe = jest.fn();
    const { subscription, open, onEnd } = subscriptionOver([first, second], { onResubscribe });

    expect(await take(subscription, 4)).toEqual([
      ['event-1', false],
      ['event-2', false],
      ['event-3', false],
      ['event-4', true],
    ]);
    // event-3 was still held for look-ahead when the first connection failed, so it is read again.
    expect(open.mock.calls).toEqual([['start'], [200n]]);
    expect(onResubscribe).toHaveBeenCalledWith(drop, 1);
    expect([first.closed, second.closed]).toEqual([true, true]);
    expect(onEnd).toHaveBeenCalledWith(subscription);
  });

  it('resubscribes after an unexpected end too, doubling the delay until an event gets through', async () => {
    const onResubscribe = jest.fn();
    const { subscription, open } = subscriptionOver(
      [scripted([], 'end'), scripted([], 'end'), scripted([e(1), e(2)], 'end'), scripted([e(2), caughtUp], 'stays open')],
      { onResubscribe },
    );

    expect((await take(subscription, 2)).map(([id]) => id)).toEqual(['event-1', 'event-2']);
    expect(onResubscribe.mock.calls.map(([, delayMs]) => delayMs)).toEqual([1, 2, 1]);
    expect(onResubscribe.mock.calls[0][0]).toEqual(new Error('KurrentDB ended the subscription'));
    expect(open.mock.calls).toEqual([['start'], ['start'], ['start'], [100n]]);
  });

  it('catches up again on a new connection and tells the listeners once more', async () => {
    const listener = jest.fn();
    const { subscription } = subscriptionOver([
      scripted([caughtUp, e(1)], new UnavailableError()),
      scripted([e(2), caughtUp], 'stays open'),
    ]);
    subscription.onCaughtUp(listener);
    const events = subscription[Symbol.asyncIterator]();

    await expect(events.next()).resolves.toMatchObject({ value: { id: 'event-1' } });
    expect(subscription.isCaughtUp).toBe(true);
    await expect(events.next()).resolves.toMatchObject({ value: { id: 'event-2' } });
    expect(subscription.isCaughtUp).toBe(true);
    // The second catch-up is announced once event-2 was handled and the consumer asks for more.
    expect(listener).toHaveBeenCalledTimes(1);
    void events.next();
    await eventually(() => listener.mock.calls.length >= 2);
    expect(listener).toHaveBeenCalledTimes(2);
    await subscription.unsubscribe();
  });

  it('is not caught up while a burst the server sent after caughtUp is buffered here', async () => {
    // The client's subscription, as the server feeds it: a Readable of events that also emits caughtUp.
    const server = Object.assign(new PassThrough({ objectMode: true }), { unsubscribe: async () => {} });
    // A high-water mark of one pauses the client stream at once, so a burst waits in its buffer.
    const feed = new OrderedFeed(server, recorded, 1);
    const { subscription } = subscriptionOver([feed]);
    server.write(1);
    server.emit('caughtUp', {});

    const seen: Array<[string, boolean]> = [];
    for await (const event of subscription) {
      seen.push([event.id, subscription.isCaughtUp]);
      if (seen.length === 1) {
        // The consumer is slow, the server's live buffer overflows: it silently reads stored events
        // again (no fellBehind is ever sent), sends them in a burst, then says caughtUp once more.
        for (let n = 2; n <= 6; n++) server.write(n);
        server.emit('caughtUp', {});
      }
      if (seen.length === 6) break;
    }
    expect(seen).toEqual([
      ['event-1', true],
      ['event-2', false],
      ['event-3', false],
      ['event-4', false],
      ['event-5', false],
      ['event-6', true],
    ]);
  });

  it('ends the iteration with an error resubscribing cannot cure', async () => {
    const denied = new AccessDeniedError();
    const { subscription, open, onEnd } = subscriptionOver([scripted([e(1), e(2)], denied)]);
    const events = subscription[Symbol.asyncIterator]();

    await expect(events.next()).resolves.toMatchObject({ value: { id: 'event-1' } });
    await expect(events.next()).rejects.toBe(denied);
    expect(open).toHaveBeenCalledTimes(1);
    expect(onEnd).toHaveBeenCalledTimes(1);
  });

  it('unsubscribe resolves a pending next() as done and closes the connection', async () => {
    const feed = scripted([caughtUp], 'stays open');
    const { subscription, onEnd } = subscriptionOver([feed]);
    const reachedEnd = new Promise<void>((resolve) => subscription.onCaughtUp(resolve));
    const pending = subscription[Symbol.asyncIterator]().next();
    await reachedEnd;
    expect(subscription.isCaughtUp).toBe(true);

    await subscription.unsubscribe();
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    expect(feed.closed).toBe(true);
    expect(onEnd).toHaveBeenCalledTimes(1);
  });

  it('unsubscribe during the backoff pause ends the iteration at once', async () => {
    let dropped = () => {};
    const waiting = new Promise<void>((resolve) => (dropped = resolve));
    const { subscription, open } = subscriptionOver([scripted([], new UnavailableError())], {
      backoff: { initialDelayMs: 60_000, maxDelayMs: 60_000 },
      onResubscribe: () => dropped(),
    });
    const pending = subscription[Symbol.asyncIterator]().next();
    await waiting;

    await subscription.unsubscribe();
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('unsubscribe inside the loop ends the iteration', async () => {
    const { subscription } = subscriptionOver([scripted([e(1), e(2), e(3), caughtUp], 'stays open')]);
    const seen: string[] = [];
    for await (const event of subscription) {
      seen.push(event.id);
      await subscription.unsubscribe();
    }
    expect(seen).toEqual(['event-1']);
  });
});
