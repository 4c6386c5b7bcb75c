import {
  NotLeaderError,
  StreamDeletedError as ClientStreamDeletedError,
  UnavailableError,
  type AppendResult as ClientAppendResult,
  type KurrentDBClient,
} from '@kurrent/kurrentdb-client';
import { StreamDeletedError } from '../errors';
import type { EventToAppend, ExpectedStreamState } from '../event-store.port';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { UnsupportedServerVersionError } from './server-version';
import { testEvent } from './testing/events';

const stream = 'complaint-1';

const event: EventToAppend = testEvent('6f1c2d9e-0000-4000-8000-000000000001');

const written: ClientAppendResult = { success: true, nextExpectedRevision: 3n, position: { commit: 700n, prepare: 700n } };

/** Built the way the client builds it from the server's "not leader" response. */
const notLeader = () => new NotLeaderError({ metadata: { 'leader-endpoint-host': 'node-2', 'leader-endpoint-port': '2113' } } as never);

/** The parts of the client the adapter calls here; each test scripts what the server answers. */
function fakeClient({ appends = [], serverVersion = '24.10.0.0' }: { appends?: Array<ClientAppendResult | Error>; serverVersion?: string }) {
  const client = {
    appendToStream: jest.fn(async () => {
      const next = appends.shift();
      if (!next) throw new Error('no more appends scripted');
      if (next instanceof Error) throw next;
      return next;
    }),
    readAll: jest.fn(() => (async function* () {})()),
    capabilities: Promise.resolve({ serverVersion }),
    dispose: jest.fn(async () => {}),
  };
  return { client, store: new KurrentDbEventStore(client as unknown as KurrentDBClient, {}) };
}

describe('KurrentDbEventStore', () => {
  describe('append after a leader change or a lost connection', () => {
    it.each([
      ['an exact revision', 2n as ExpectedStreamState, notLeader()],
      ['no_stream (revision -1)', 'no_stream' as ExpectedStreamState, new UnavailableError()],
    ])('is tried once more under %s', async (_case, expectedState, failure) => {
      const { client, store } = fakeClient({ appends: [failure, written] });
      await expect(store.appendToStream(stream, [event], { expectedState })).resolves.toEqual({ nextExpectedRevision: 3n, position: 700n });
      expect(client.appendToStream).toHaveBeenCalledTimes(2);
    });

    it('is tried only once more', async () => {
      const second = new UnavailableError();
      const { client, store } = fakeClient({ appends: [notLeader(), second, written] });
      await expect(store.appendToStream(stream, [event], { expectedState: 2n })).rejects.toBe(second);
      expect(client.appendToStream).toHaveBeenCalledTimes(2);
    });

    it.each(['any', 'stream_exists'] as const)('is not tried again under %s, where a second try could write the events twice', async (expectedState) => {
      const failure = notLeader();
      const { client, store } = fakeClient({ appends: [failure, written] });
      await expect(store.appendToStream(stream, [event], { expectedState })).rejects.toBe(failure);
      expect(client.appendToStream).toHaveBeenCalledTimes(1);
    });
  });

  it('reports an append to a deleted stream as the port StreamDeletedError', async () => {
    const { store } = fakeClient({ appends: [ClientStreamDeletedError.fromStreamName(stream)] });
    const attempt = store.appendToStream(stream, [event], { expectedState: 'any' });
    await expect(attempt).rejects.toBeInstanceOf(StreamDeletedError);
    await expect(attempt).rejects.toMatchObject({ streamId: stream });
  });

  describe('ping', () => {
    it('answers for a server that reports caught-up subscriptions', async () => {
      await expect(fakeClient({ serverVersion: '23.10.1.0' }).store.ping()).resolves.toBeUndefined();
    });

    it('refuses an older server, whose subscriptions would never say they caught up', async () => {
      await expect(fakeClient({ serverVersion: '22.10.3.0' }).store.ping()).rejects.toBeInstanceOf(UnsupportedServerVersionError);
    });
  });
});
