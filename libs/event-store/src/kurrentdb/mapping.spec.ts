import {
  ANY,
  EVENT_TYPE,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  STREAM_NAME,
  type AllStreamRecordedEvent,
  type AllStreamResolvedEvent,
  type AppendResult as ClientAppendResult,
} from '@kurrent/kurrentdb-client';
import type { EventToAppend } from '../event-store.port';
import {
  UnreadableEventError,
  collectAfter,
  fromResolvedEvent,
  isSystemEvent,
  toAppendResult,
  toEventData,
  toReadPosition,
  toRecordedEvent,
  toStreamState,
  toSubscriptionFilter,
} from './mapping';

const metadata = {
  correlationId: 'corr-1',
  causationId: 'cmd-1',
  actor: { id: 'officer-9', role: 'agency_officer', agencyId: 'agency-3' },
  occurredAt: '2024-05-01T08:30:00.000Z',
  schemaVersion: 1,
};

const created = new Date('2024-05-01T08:30:01.234Z');

function stored(overrides: Partial<AllStreamRecordedEvent> = {}): AllStreamRecordedEvent {
  return {
    streamId: 'complaint-1',
    id: '0b6b4f1e-2c1f-4a52-9d0f-2f8e9c1d7a01',
    isJson: true,
    revision: 3n,
    type: 'ComplaintSubmitted',
    created,
    data: { title: 'Jalan rusak' },
    metadata,
    position: { commit: 1200n, prepare: 1200n },
    ...overrides,
  } as AllStreamRecordedEvent;
}

/** The client types say bigint; some versions delivered numbers (kurrent-io/KurrentDB-Client-NodeJS#513). */
const asDelivered = (value: number) => value as unknown as bigint;

async function* resolvedEvents(...events: AllStreamRecordedEvent[]): AsyncGenerator<AllStreamResolvedEvent> {
  for (const event of events) yield { event };
}

describe('KurrentDB mapping', () => {
  it('maps each expected stream state to the client constant, and a revision to itself', () => {
    expect(toStreamState('no_stream')).toBe(NO_STREAM);
    expect(toStreamState('stream_exists')).toBe(STREAM_EXISTS);
    expect(toStreamState('any')).toBe(ANY);
    expect(toStreamState(7n)).toBe(7n);
  });

  it('reads from the start, or from a position as both its commit and prepare parts', () => {
    expect(toReadPosition('start')).toBe(START);
    expect(toReadPosition(42n)).toEqual({ commit: 42n, prepare: 42n });
  });

  it('filters a subscription by stream prefixes, or else by excluding system event types', () => {
    expect(toSubscriptionFilter(['complaint-', 'agency-'])).toMatchObject({
      filterOn: STREAM_NAME,
      prefixes: ['complaint-', 'agency-'],
    });
    for (const none of [undefined, []]) {
      expect(toSubscriptionFilter(none)).toMatchObject({ filterOn: EVENT_TYPE, regex: '^[^$].*' });
    }
  });

  it('treats $-prefixed event types and streams as system records', () => {
    expect(isSystemEvent({ streamId: 'complaint-1', type: 'ComplaintSubmitted' })).toBe(false);
    expect(isSystemEvent({ streamId: '$$complaint-1', type: '$metadata' })).toBe(true);
    expect(isSystemEvent({ streamId: '$ce-complaint', type: '$>' })).toBe(true);
    expect(isSystemEvent({ streamId: '$stats-127.0.0.1:2113', type: 'Anything' })).toBe(true);
  });

  it('builds a JSON event carrying the port event id, type, data and metadata', () => {
    const event: EventToAppend = { id: stored().id, type: 'ComplaintSubmitted', data: { a: 1 }, metadata };
    expect(toEventData(event)).toEqual({
      id: event.id,
      contentType: 'application/json',
      type: 'ComplaintSubmitted',
      data: { a: 1 },
      metadata,
    });
  });

  describe('recorded events', () => {
    it('converts a stored event, its position being the commit position', () => {
      expect(toRecordedEvent(stored())).toEqual({
        id: stored().id,
        type: 'ComplaintSubmitted',
        data: { title: 'Jalan rusak' },
        metadata,
        streamId: 'complaint-1',
        revision: 3n,
        position: 1200n,
        recordedAt: '2024-05-01T08:30:01.234Z',
      });
    });

    it('coerces a revision and a commit position delivered as numbers to bigint', () => {
      const event = toRecordedEvent(
        stored({ revision: asDelivered(3), position: { commit: asDelivered(1200), prepare: asDelivered(1200) } }),
      );
      expect(event.revision).toBe(3n);
      expect(event.position).toBe(1200n);
    });

    it.each([
      ['binary data', { isJson: false, data: new Uint8Array([1]) }],
      ['an array as data', { data: [1, 2] }],
      ['metadata without an actor', { metadata: { ...metadata, actor: undefined } }],
      ['metadata whose schema version is not a number', { metadata: { ...metadata, schemaVersion: '1' } }],
      ['no position', { position: undefined }],
    ])('refuses an event with %s', (_case, overrides) => {
      expect(() => toRecordedEvent(stored(overrides as Partial<AllStreamRecordedEvent>))).toThrow(UnreadableEventError);
    });

    it('skips system records and unresolved links when resolving $all entries', () => {
      expect(fromResolvedEvent({ event: stored() })?.id).toBe(stored().id);
      expect(fromResolvedEvent({ event: stored({ streamId: '$$complaint-1', type: '$metadata' }) })).toBeUndefined();
      expect(fromResolvedEvent({ commitPosition: 5n })).toBeUndefined();
    });
  });

  describe('collectAfter', () => {
    const at = (commit: bigint, overrides: Partial<AllStreamRecordedEvent> = {}) =>
      stored({ id: `id-${commit}`, position: { commit, prepare: commit }, ...overrides });

    it('keeps only events strictly after the position, as a server read starts at it', async () => {
      const events = await collectAfter(resolvedEvents(at(10n), at(20n), at(30n)), 10n);
      expect(events.map((event) => event.position)).toEqual([20n, 30n]);
    });

    it('reads from the start, skips system records and stops at maxCount', async () => {
      const system = at(15n, { streamId: '$stats-node', type: '$statsCollected' });
      const events = await collectAfter(resolvedEvents(at(10n), system, at(20n), at(30n)), 'start', 2);
      expect(events.map((event) => event.position)).toEqual([10n, 20n]);
    });

    it('stops reading once maxCount events are collected', async () => {
      const read = jest.fn();
      async function* lazily() {
        for (const commit of [10n, 20n, 30n]) {
          read(commit);
          yield { event: at(commit) };
        }
      }
      await collectAfter(lazily(), 'start', 1);
      expect(read).toHaveBeenCalledTimes(1);
      expect(await collectAfter(lazily(), 'start', 0)).toEqual([]);
    });
  });

  describe('append results', () => {
    const result = (overrides: Partial<ClientAppendResult>): ClientAppendResult => ({
      success: true,
      nextExpectedRevision: 4n,
      position: { commit: 900n, prepare: 900n },
      ...overrides,
    });

    it('takes the next expected revision and the commit position, coercing numbers to bigint', async () => {
      const lookup = jest.fn();
      await expect(toAppendResult(result({}), lookup)).resolves.toEqual({ nextExpectedRevision: 4n, position: 900n });
      const numbers = result({ nextExpectedRevision: asDelivered(4), position: { commit: asDelivered(900), prepare: asDelivered(900) } });
      await expect(toAppendResult(numbers, lookup)).resolves.toEqual({ nextExpectedRevision: 4n, position: 900n });
      expect(lookup).not.toHaveBeenCalled();
    });

    it('looks up the position of the last event when the server reports none', async () => {
      const lookup = jest.fn(async (revision: bigint) => (revision === 4n ? 700n : undefined));
      await expect(toAppendResult(result({ position: undefined }), lookup)).resolves.toEqual({
        nextExpectedRevision: 4n,
        position: 700n,
      });
      await expect(toAppendResult(result({ position: undefined, nextExpectedRevision: 5n }), lookup)).rejects.toThrow(
        /no event at revision 5/,
      );
    });

    it('refuses an unsuccessful result, which only a client set not to throw returns', async () => {
      await expect(toAppendResult(result({ success: false }), jest.fn())).rejects.toThrow(/throwOnAppendFailure/);
    });
  });
});
