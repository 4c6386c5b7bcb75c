import { PassThrough } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Subscription } from '@kurrent/kurrentdb-client/dist/streams/utils/Subscription';
import { ReadResp } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';
import type { FeedItem } from './look-ahead';
import { OrderedFeed } from './ordered-feed';

/** The gRPC call type the client's Subscription pipes from. */
type GrpcCall = Awaited<ReturnType<ConstructorParameters<typeof Subscription>[0]>>;

/** Stands in for the client's subscription: a Readable of events plus `unsubscribe`. */
function clientStream() {
  return Object.assign(new PassThrough({ objectMode: true }), { unsubscribe: jest.fn(async () => {}) });
}

const keep = (raw: string) => raw;

async function take<E>(items: AsyncIterator<FeedItem<E>>, count: number): Promise<Array<FeedItem<E>>> {
  const taken: Array<FeedItem<E>> = [];
  while (taken.length < count) {
    const next = await items.next();
    if (next.done) break;
    taken.push(next.value);
  }
  return taken;
}

const event = (value: string) => ({ kind: 'event', event: value });

describe('OrderedFeed', () => {
  it('releases a signal only after the events the client pushed before it, even those still buffered', async () => {
    const stream = clientStream();
    // A high-water mark of one pauses the client stream at once, so later events wait in its buffer.
    const feed = new OrderedFeed(stream, keep, 1);
    for (const value of ['e1', 'e2', 'e3']) stream.write(value);
    expect(stream.readableLength).toBe(2);
    stream.emit('caughtUp', {});
    stream.write('e4');
    stream.emit('fellBehind', {});

    expect(await take(feed[Symbol.asyncIterator](), 6)).toEqual([
      event('e1'),
      event('e2'),
      event('e3'),
      { kind: 'caughtUp' },
      event('e4'),
      { kind: 'fellBehind' },
    ]);
  });

  it('keeps the client Subscription caughtUp after the events it sent before, under backpressure', async () => {
    // The gRPC call the client pipes into its Subscription, fed with real protocol messages.
    const call = Object.assign(new PassThrough({ objectMode: true }), { cancel: () => {} });
    const eventAt = (commit: number) =>
      new ReadResp().setEvent(new ReadResp.ReadEvent().setCommitPosition(String(commit)));
    const subscription = new Subscription(
      async () => call as unknown as GrpcCall,
      (readEvent) => Number(readEvent.getCommitPosition()),
      {},
    );
    const feed = new OrderedFeed(subscription, (commit: number) => commit, 4);
    for (let commit = 1; commit <= 40; commit++) call.write(eventAt(commit));
    call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
    call.write(eventAt(41));

    const seen: Array<number | string> = [];
    for await (const item of feed) {
      seen.push(item.kind === 'event' ? item.event : item.kind);
      if (seen.length === 42) break;
      if (seen.length % 5 === 0) await nextTurn();
    }
    expect(seen).toEqual([...Array.from({ length: 40 }, (_, i) => i + 1), 'caughtUp', 41]);
  });

  it('counts the events buffered on our side: queued here and still in the client stream', async () => {
    const stream = clientStream();
    const feed = new OrderedFeed(stream, keep, 1);
    for (const value of ['e1', 'e2', 'e3']) stream.write(value);
    stream.emit('caughtUp', {});
    expect(feed.bufferedEvents).toBe(3);

    const items = feed[Symbol.asyncIterator]();
    await items.next();
    expect(feed.bufferedEvents).toBe(2);
    expect(await take(items, 3)).toEqual([event('e2'), event('e3'), { kind: 'caughtUp' }]);
    expect(feed.bufferedEvents).toBe(0);
  });

  it('passes a signal on at once when every pushed event was received', async () => {
    const stream = clientStream();
    const feed = new OrderedFeed(stream, keep);
    stream.write('e1');
    await nextTurn();
    expect(stream.readableLength).toBe(0);
    stream.emit('caughtUp', {});
    expect(await take(feed[Symbol.asyncIterator](), 2)).toEqual([event('e1'), { kind: 'caughtUp' }]);
  });

  it('counts skipped events when placing a signal', async () => {
    const stream = clientStream();
    const feed = new OrderedFeed(stream, (raw: string) => (raw.startsWith('$') ? undefined : raw));
    stream.write('e1');
    stream.write('$stats');
    stream.emit('caughtUp', {});
    stream.write('e2');
    expect(await take(feed[Symbol.asyncIterator](), 3)).toEqual([event('e1'), { kind: 'caughtUp' }, event('e2')]);
  });

  it('pauses the client stream at the high-water mark and resumes it once drained', async () => {
    const stream = clientStream();
    const feed = new OrderedFeed(stream, keep, 2);
    for (const value of ['e1', 'e2', 'e3', 'e4', 'e5']) stream.write(value);
    await nextTurn();
    expect(stream.isPaused()).toBe(true);

    const items = await take(feed[Symbol.asyncIterator](), 5);
    expect(items.map((item) => (item.kind === 'event' ? item.event : item.kind))).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
    expect(stream.isPaused()).toBe(false);
  });

  it('hands over the events received before a client error, then throws it', async () => {
    const stream = clientStream();
    const feed = new OrderedFeed(stream, keep);
    stream.write('e1');
    await nextTurn();
    const failure = new Error('UNAVAILABLE');
    stream.emit('error', failure);

    const items = feed[Symbol.asyncIterator]();
    await expect(items.next()).resolves.toEqual({ done: false, value: event('e1') });
    await expect(items.next()).rejects.toBe(failure);
  });

  it('ends with the conversion error when an event cannot be converted', async () => {
    const stream = clientStream();
    const unreadable = new Error('not a Lacak event');
    const feed = new OrderedFeed(stream, (raw: string) => {
      if (raw === 'bad') throw unreadable;
      return raw;
    });
    stream.write('e1');
    stream.write('bad');
    stream.write('e2');

    const items = feed[Symbol.asyncIterator]();
    await expect(items.next()).resolves.toEqual({ done: false, value: event('e1') });
    await expect(items.next()).rejects.toBe(unreadable);
  });

  it('ends when the client stream ends', async () => {
    const stream = clientStream();
    const feed = new OrderedFeed(stream, keep);
    stream.end('e1');
    expect(await take(feed[Symbol.asyncIterator](), 10)).toEqual([event('e1')]);
  });

  it('close drops what is queued, ends a pending iteration and cancels the client subscription', async () => {
    const stream = clientStream();
    const feed = new OrderedFeed(stream, keep);
    const items = feed[Symbol.asyncIterator]();
    const pending = items.next();
    await nextTurn();

    await feed.close();
    stream.write('late');
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    expect(stream.unsubscribe).toHaveBeenCalledTimes(1);
  });
});
