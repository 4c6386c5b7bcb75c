import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { eventually } from '@lacak/testing';
import { EventIdConflictError, StreamNotFoundError, WrongExpectedVersionError } from '../errors';
import type {
  AllSubscription,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedStreamState,
  JsonObject,
  RecordedEvent,
} from '../event-store.port';

export interface EventStoreFixture {
  store: EventStore;
  /** Opens a new store over the same storage; the suite closes `store` first. */
  reopen?: () => Promise<EventStore>;
  /** Closes whichever store is still open and removes the storage. */
  cleanup: () => Promise<void>;
  /**
   * False where the backend only checks event ids within a stream (KurrentDB keeps no index
   * by id): the cross-stream reuse test is then skipped. Ids derive from the command, and a
   * command writes one stream, so the engine never reuses an id across streams itself.
   */
  eventIdsUniqueAcrossStreams?: boolean;
}

/** Unique per test, so the suite also runs against a shared server that keeps old streams. */
const unique = (name: string) => `contract-${name}-${randomUUID()}`;

function newEvent(data: JsonObject = {}): EventToAppend {
  return {
    id: randomUUID(),
    type: 'ContractTested',
    data,
    metadata: {
      correlationId: randomUUID(),
      causationId: randomUUID(),
      actor: { id: 'user-1', role: 'citizen', agencyId: null },
      occurredAt: '2024-05-01T08:30:00.000Z',
      schemaVersion: 1,
    },
  };
}

const newEvents = (count: number) => Array.from({ length: count }, (_, i) => newEvent({ i }));
const ids = (events: Array<{ id: string }>) => events.map((event) => event.id);

function expectStrictlyIncreasing(positions: bigint[]): void {
  positions.slice(1).forEach((position, i) => expect(position).toBeGreaterThan(positions[i]));
}

/** Iterates until `count` events arrived (or a timeout unsubscribed), then unsubscribes. */
async function take(
  subscription: AllSubscription,
  count: number,
  onEvent: (seen: RecordedEvent[]) => Promise<void> | void = () => {},
): Promise<RecordedEvent[]> {
  const seen: RecordedEvent[] = [];
  const timer = setTimeout(() => void subscription.unsubscribe(), 10_000);
  try {
    for await (const event of subscription) {
      seen.push(event);
      if (seen.length === count) break;
      await onEvent(seen);
    }
  } finally {
    clearTimeout(timer);
    await subscription.unsubscribe();
  }
  return seen;
}

export function eventStoreContract(adapterName: string, factory: () => Promise<EventStoreFixture>): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    let fixture: EventStoreFixture;
    let store: EventStore;

    beforeEach(async () => {
      fixture = await factory();
      store = fixture.store;
    });
    afterEach(() => fixture.cleanup());

    const append = (streamId: string, events: EventToAppend[], expectedState: ExpectedStreamState) =>
      store.appendToStream(streamId, events, { expectedState });

    async function expectWrongVersion(
      attempt: Promise<unknown>,
      streamId: string,
      expectedState: ExpectedStreamState,
      actualState: bigint | 'no_stream',
    ): Promise<void> {
      const error = await attempt.then(() => undefined, (rejection: unknown) => rejection);
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ streamId, expectedState, actualState });
    }

    describe('expected stream state', () => {
      it('no_stream creates the stream at revision 0; a second no_stream conflicts with the current revision', async () => {
        const stream = unique('create');
        const result = await append(stream, [newEvent()], 'no_stream');
        expect(result.nextExpectedRevision).toBe(0n);

        const [stored] = await store.readStream(stream);
        expect(stored).toMatchObject({ streamId: stream, revision: 0n, position: result.position });
        await expectWrongVersion(append(stream, [newEvent()], 'no_stream'), stream, 'no_stream', 0n);
      });

      it('stream_exists conflicts on a missing stream and appends to an existing one', async () => {
        const stream = unique('exists');
        await expectWrongVersion(append(stream, [newEvent()], 'stream_exists'), stream, 'stream_exists', 'no_stream');
        await append(stream, [newEvent()], 'no_stream');
        await expect(append(stream, [newEvent()], 'stream_exists')).resolves.toMatchObject({ nextExpectedRevision: 1n });
      });

      it('an exact revision appends when current and conflicts when stale or when the stream is missing', async () => {
        const stream = unique('exact');
        await expectWrongVersion(append(stream, [newEvent()], 0n), stream, 0n, 'no_stream');
        await append(stream, newEvents(2), 'no_stream');
        await expect(append(stream, newEvents(3), 1n)).resolves.toMatchObject({ nextExpectedRevision: 4n });
        await expectWrongVersion(append(stream, [newEvent()], 1n), stream, 1n, 4n);
      });

      it('any appends whether or not the stream exists', async () => {
        const stream = unique('any');
        await expect(append(stream, [newEvent()], 'any')).resolves.toMatchObject({ nextExpectedRevision: 0n });
        await expect(append(stream, [newEvent()], 'any')).resolves.toMatchObject({ nextExpectedRevision: 1n });
      });

      it('of concurrent appends expecting the same revision exactly one wins', async () => {
        const stream = unique('race');
        await append(stream, [newEvent()], 'no_stream');
        const attempts = await Promise.allSettled(Array.from({ length: 10 }, () => append(stream, [newEvent()], 0n)));

        expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
        for (const attempt of attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected')) {
          expect(attempt.reason).toBeInstanceOf(WrongExpectedVersionError);
          expect(attempt.reason).toMatchObject({ expectedState: 0n, actualState: 1n });
        }
        expect(await store.readStream(stream)).toHaveLength(2);
      });
    });

    describe('idempotent appends', () => {
      it('a retried append under its original exact state returns the original result and writes nothing, even after later writes', async () => {
        const stream = unique('retry');
        const batch = newEvents(2);
        const original = await append(stream, batch, 'no_stream');
        await append(unique('other'), [newEvent()], 'no_stream');
        const atRevision = [newEvent()];
        const originalAtRevision = await append(stream, atRevision, 1n);
        await append(stream, [newEvent()], 2n);

        await expect(append(stream, batch, 'no_stream')).resolves.toEqual(original);
        await expect(append(stream, atRevision, 1n)).resolves.toEqual(originalAtRevision);
        expect(ids(await store.readStream(stream))).toEqual([...ids(batch), ...ids(atRevision), expect.any(String)]);
      });

      it('re-appending stored ids at the current revision promises no dedup, but leaves what is stored intact and answers as stored', async () => {
        const stream = unique('current');
        const batch = newEvents(2);
        const original = await append(stream, batch, 'no_stream');

        // The embedded store answers with the original result; KurrentDB may write the events again.
        const outcome = await append(stream, batch, original.nextExpectedRevision).then(
          (result) => ({ result }),
          (error: unknown) => ({ error }),
        );
        const stored = await store.readStream(stream);
        expect(ids(stored.slice(0, 2))).toEqual(ids(batch));
        expect(stored.slice(0, 2).map((event) => event.revision)).toEqual([0n, 1n]);
        if ('result' in outcome) {
          expect(outcome.result.nextExpectedRevision).toBeGreaterThanOrEqual(original.nextExpectedRevision);
          expect(stored.at(-1)?.revision).toBe(outcome.result.nextExpectedRevision);
          expect(stored.at(-1)?.position).toBe(outcome.result.position);
        }
      });

      it('reusing only some stored ids under the original exact state is an EventIdConflictError and writes nothing', async () => {
        const stream = unique('partial');
        const [stored] = newEvents(1);
        await append(stream, [stored], 'no_stream');

        const attempt = append(stream, [stored, newEvent()], 'no_stream');
        await expect(attempt).rejects.toBeInstanceOf(EventIdConflictError);
        await expect(attempt).rejects.toMatchObject({ streamId: stream });
        expect(ids(await store.readStream(stream))).toEqual([stored.id]);
      });

      it('reusing ids stored in another stream is an EventIdConflictError', async () => {
        if (fixture.eventIdsUniqueAcrossStreams === false) return;
        const first = unique('owner');
        const second = unique('thief');
        const [event] = newEvents(1);
        await append(first, [event], 'no_stream');

        await expect(append(second, [event], 'no_stream')).rejects.toMatchObject({
          name: 'EventIdConflictError',
          streamId: second,
          eventId: event.id,
        });
        await expect(store.readStream(second)).rejects.toBeInstanceOf(StreamNotFoundError);
      });
    });

    describe('reading', () => {
      it('keeps revisions contiguous per stream and positions strictly increasing across streams', async () => {
        const a = unique('order-a');
        const b = unique('order-b');
        const results: AppendResult[] = [
          await append(a, newEvents(2), 'no_stream'),
          await append(b, newEvents(1), 'no_stream'),
          await append(a, newEvents(1), 1n),
        ];
        const streamA = await store.readStream(a);
        const [b0] = await store.readStream(b);

        expect(streamA.map((event) => event.revision)).toEqual([0n, 1n, 2n]);
        expectStrictlyIncreasing([streamA[0], streamA[1], b0, streamA[2]].map((event) => event.position));
        expect(results.map((result) => result.position)).toEqual([streamA[1], b0, streamA[2]].map((e) => e.position));
      });

      it('readStream throws StreamNotFoundError for a missing stream', async () => {
        const stream = unique('missing');
        await expect(store.readStream(stream)).rejects.toBeInstanceOf(StreamNotFoundError);
        await expect(store.readStream(stream)).rejects.toMatchObject({ streamId: stream });
      });

      it('readStream starts at fromRevision inclusive and stops at maxCount', async () => {
        const stream = unique('page');
        await append(stream, newEvents(5), 'no_stream');
        const revisions = async (options: { fromRevision?: bigint; maxCount?: number }) =>
          (await store.readStream(stream, options)).map((event) => event.revision);

        expect(await revisions({})).toEqual([0n, 1n, 2n, 3n, 4n]);
        expect(await revisions({ fromRevision: 1n, maxCount: 2 })).toEqual([1n, 2n]);
        expect(await revisions({ fromRevision: 3n })).toEqual([3n, 4n]);
        expect(await revisions({ fromRevision: 5n })).toEqual([]);
      });

      it('readAll reads after fromPosition, exclusive, up to maxCount', async () => {
        const stream = unique('all');
        const written = newEvents(3);
        await append(stream, written, 'no_stream');
        const [first, second, third] = await store.readStream(stream);

        const after = await store.readAll({ fromPosition: first.position });
        expect(after.every((event) => event.position > first.position)).toBe(true);
        expect(ids(after.filter((event) => event.streamId === stream))).toEqual([second.id, third.id]);
        expectStrictlyIncreasing(after.map((event) => event.position));

        const [next, ...none] = await store.readAll({ fromPosition: first.position, maxCount: 1 });
        expect(none).toEqual([]);
        expect(next.position).toBeGreaterThan(first.position);
        expect(next.position).toBeLessThanOrEqual(second.position);
        expect(await store.readAll({ maxCount: 2 })).toHaveLength(2);
      });

      it('returns data and metadata exactly as appended', async () => {
        const stream = unique('roundtrip');
        const event: EventToAppend = {
          ...newEvent({
            text: 'Jalan rusak di depan pasar — “urgent” 🚧',
            nested: { list: [1, -2.5, 'x', null, true, { deep: [] }], empty: {} },
            maxSafe: Number.MAX_SAFE_INTEGER,
            nothing: null,
            blank: '',
          }),
          type: 'ComplaintSubmitted',
        };
        event.metadata.actor = { id: 'officer-9', role: 'agency_officer', agencyId: 'agency-3' };
        await append(stream, [event], 'no_stream');

        const [stored] = await store.readStream(stream);
        expect(stored).toEqual({ ...event, streamId: stream, revision: 0n, position: stored.position, recordedAt: stored.recordedAt });
        expect(Number.isNaN(Date.parse(stored.recordedAt))).toBe(false);
      });
    });

    describe('subscribeToAll', () => {
      it('catches up from the start exactly once and in order while events keep arriving, then goes live', async () => {
        const prefix = `${unique('catchup')}-`;
        const stored = Array.from({ length: 15 }, (_, i) => ({ stream: `${prefix}pre-${i}`, events: newEvents(100) }));
        await Promise.all(stored.map(({ stream, events }) => append(stream, events, 'no_stream')));
        const expectedIds = new Set(stored.flatMap(({ events }) => ids(events)));
        const appendCounted = async (stream: string, events: EventToAppend[]) => {
          events.forEach((event) => expectedIds.add(event.id));
          await append(stream, events, 'no_stream');
        };
        const beforeLive = 1_500 + 6 * 10 + 20 * 5;

        const subscription = store.subscribeToAll({ filter: { streamPrefixes: [prefix] } });
        let onNextCaughtUp = () => {};
        subscription.onCaughtUp(() => onNextCaughtUp());
        // A writer racing the catch-up, next to the appends made from inside the loop below.
        const writer = (async () => {
          for (let i = 0; i < 20; i++) await appendCounted(`${prefix}bg-${i}`, newEvents(5));
        })();
        const live = newEvent();
        let liveAppend: Promise<void> | undefined;

        const seen = await take(subscription, beforeLive + 1, async (received) => {
          if (received.length % 250 === 0 && received.length <= 1_500) {
            await appendCounted(`${prefix}during-${received.length}`, newEvents(10));
          }
          // Yield to the event loop now and then, as a projector doing I/O would.
          if (received.length % 50 === 0) await nextTurn();
          if (received.length === beforeLive) {
            const caughtUp = subscription.isCaughtUp ? Promise.resolve() : new Promise<void>((r) => (onNextCaughtUp = r));
            liveAppend = caughtUp.then(() => appendCounted(`${prefix}live`, [live]));
          }
        });
        await writer;
        expect(seen.length).toBe(expectedIds.size);
        expect(new Set(ids(seen))).toEqual(expectedIds);
        expect(seen.at(-1)?.id).toBe(live.id);
        expectStrictlyIncreasing(seen.map((event) => event.position));
        const revisionsByStream = new Map<string, bigint[]>();
        for (const { streamId, revision } of seen) {
          revisionsByStream.set(streamId, [...(revisionsByStream.get(streamId) ?? []), revision]);
        }
        for (const revisions of revisionsByStream.values()) expect(revisions).toEqual(revisions.map((_, i) => BigInt(i)));
        await liveAppend;
      });

      it('starts after fromPosition, exclusive, and delivers appends once live', async () => {
        const prefix = `${unique('from')}-`;
        const stream = `${prefix}stream`;
        await append(stream, newEvents(3), 'no_stream');
        const [first, second, third] = await store.readStream(stream);
        const live = newEvent();
        let liveAppend: Promise<AppendResult> | undefined;

        const subscription = store.subscribeToAll({ fromPosition: first.position, filter: { streamPrefixes: [prefix] } });
        subscription.onCaughtUp(() => (liveAppend ??= append(stream, [live], 2n)));
        const seen = await take(subscription, 3);

        expect(ids(seen)).toEqual([second.id, third.id, live.id]);
        await expect(liveAppend).resolves.toMatchObject({ nextExpectedRevision: 3n });
      });

      it('is caught up while it hands over the last stored event, so a consumer can flush its batch', async () => {
        const prefix = unique('seam');
        await append(prefix, newEvents(3), 'no_stream');
        const subscription = store.subscribeToAll({ filter: { streamPrefixes: [prefix] } });
        const flags: boolean[] = [];
        let handledWhenAnnounced = -1;
        subscription.onCaughtUp(() => (handledWhenAnnounced = flags.length));
        for await (const _event of subscription) {
          expect(handledWhenAnnounced).toBe(-1);
          flags.push(subscription.isCaughtUp);
          // Ends the subscription once the catch-up was announced, which happens when the loop asks for more.
          if (flags.length === 3) void eventually(() => handledWhenAnnounced !== -1).finally(() => subscription.unsubscribe());
        }
        expect(flags).toEqual([false, false, true]);
        // Listeners hear only once the consumer has handled everything and asks for more.
        expect(handledWhenAnnounced).toBe(3);
      });

      it('filters by stream prefix, literally', async () => {
        const prefix = unique('filter');
        const streams = ['a_1', 'ab', 'c%1', 'cd', 'b', 'a_1'].map((suffix) => `${prefix}-${suffix}`);
        for (const stream of streams) await append(stream, [newEvent()], 'any');

        const subscription = store.subscribeToAll({ filter: { streamPrefixes: [`${prefix}-a_`, `${prefix}-c%`] } });
        const seen = await take(subscription, 3);
        expect(seen.map((event) => [event.streamId, event.revision])).toEqual([
          [streams[0], 0n],
          [streams[2], 0n],
          [streams[0], 1n],
        ]);
      });

      it('unsubscribe resolves a pending next() as done', async () => {
        const subscription = store.subscribeToAll({ filter: { streamPrefixes: [unique('idle')] } });
        const caughtUp = new Promise<void>((resolve) => subscription.onCaughtUp(resolve));
        const pending = subscription[Symbol.asyncIterator]().next();
        await caughtUp;
        expect(subscription.isCaughtUp).toBe(true);

        await subscription.unsubscribe();
        await expect(pending).resolves.toMatchObject({ done: true });
      });

      it('unsubscribe inside the loop ends the iteration', async () => {
        const prefix = unique('stop');
        await append(prefix, newEvents(3), 'no_stream');
        const subscription = store.subscribeToAll({ filter: { streamPrefixes: [prefix] } });
        const seen: RecordedEvent[] = [];
        for await (const event of subscription) {
          seen.push(event);
          await subscription.unsubscribe();
        }
        expect(seen).toHaveLength(1);
      });
    });

    it('keeps events, revisions and ids across close and reopen (when the adapter can reopen)', async () => {
      if (!fixture.reopen) return;
      const stream = unique('durable');
      const batch = newEvents(3);
      const original = await append(stream, batch, 'no_stream');
      await store.close();
      store = await fixture.reopen();

      expect(ids(await store.readStream(stream))).toEqual(ids(batch));
      await expect(append(stream, batch, 'no_stream')).resolves.toEqual(original);
      await expect(append(stream, [newEvent()], 2n)).resolves.toMatchObject({ nextExpectedRevision: 3n });
    });
  });
}
