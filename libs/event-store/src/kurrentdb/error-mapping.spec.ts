import {
  StreamDeletedError as ClientStreamDeletedError,
  StreamNotFoundError as ClientStreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError as ClientWrongExpectedVersionError,
  type AppendStreamState,
  type CurrentStreamState,
} from '@kurrent/kurrentdb-client';
import { EventIdConflictError, StreamDeletedError, StreamNotFoundError, WrongExpectedVersionError } from '../errors';
import { revisionToProbe, toActualState, toAppendError, toReadError } from './error-mapping';
import { testEvent } from './testing/events';

const stream = 'complaint-1';

/** Built the way the client builds it from an append response. */
const conflict = (expected: AppendStreamState, current: CurrentStreamState) =>
  new ClientWrongExpectedVersionError(undefined, { streamName: stream, expected, current });

/** The client types say bigint; some versions delivered numbers. */
const asDelivered = (value: number) => value as unknown as bigint;

const batch = [testEvent('6f1c2d9e-0000-4000-8000-000000000001'), testEvent('6f1c2d9e-0000-4000-8000-000000000002')];

describe('KurrentDB error mapping', () => {
  describe('wrong expected version', () => {
    it('reports the requested expected state and the actual revision', () => {
      const error = toAppendError(stream, batch, 1n, conflict(1n, 4n));
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ streamId: stream, expectedState: 1n, actualState: 4n });
    });

    it.each([
      ['no_stream', 'no_stream' as const, 0n],
      ['stream_exists', 'stream_exists' as const, 'no_stream' as const],
      ['a revision on a missing stream', 0n, 'no_stream' as const],
    ])('maps a conflict expecting %s', (_case, expected, actual) => {
      expect(toAppendError(stream, batch, expected, conflict(expected, actual))).toMatchObject({
        name: 'WrongExpectedVersionError',
        expectedState: expected,
        actualState: actual,
      });
    });

    it('coerces an actual state delivered as a number, and reads a negative one as no stream', () => {
      expect(toActualState(asDelivered(4))).toBe(4n);
      expect(toActualState(-1n)).toBe('no_stream');
      expect(toActualState('no_stream')).toBe('no_stream');
    });
  });

  describe('ids reused in another order ("corrupted idempotency")', () => {
    it('is the only way a conflict arises under any, or under stream_exists on an existing stream', () => {
      for (const expected of ['any', 'stream_exists'] as const) {
        const error = toAppendError(stream, batch, expected, conflict(expected, 0n));
        expect(error).toBeInstanceOf(EventIdConflictError);
        expect(error).toMatchObject({ streamId: stream, eventId: batch[0].id });
      }
    });

    it('probes the revision the batch would start at, when the stream is past the expected state', () => {
      expect(revisionToProbe('no_stream', conflict('no_stream', 3n))).toBe(0n);
      expect(revisionToProbe(1n, conflict(1n, 4n))).toBe(2n);
    });

    it('needs no probe when the stream is missing or behind, or under any and stream_exists', () => {
      expect(revisionToProbe(0n, conflict(0n, 'no_stream'))).toBeUndefined();
      expect(revisionToProbe(5n, conflict(5n, 2n))).toBeUndefined();
      expect(revisionToProbe('any', conflict('any', 2n))).toBeUndefined();
      expect(revisionToProbe('stream_exists', conflict('stream_exists', 2n))).toBeUndefined();
      expect(revisionToProbe(1n, new UnavailableError())).toBeUndefined();
    });

    it('is an EventIdConflictError when the probed event is the batch first event, ignoring case', () => {
      const stored = batch[0].id.toUpperCase();
      expect(toAppendError(stream, batch, 1n, conflict(1n, 4n), stored)).toBeInstanceOf(EventIdConflictError);
      expect(toAppendError(stream, batch, 'no_stream', conflict('no_stream', 4n), stored)).toBeInstanceOf(
        EventIdConflictError,
      );
      expect(toAppendError(stream, batch, 1n, conflict(1n, 4n), batch[1].id)).toBeInstanceOf(WrongExpectedVersionError);
    });
  });

  it('passes other append errors through', () => {
    const unavailable = new UnavailableError();
    expect(toAppendError(stream, batch, 'any', unavailable)).toBe(unavailable);
  });

  it('maps the client StreamDeletedError to the port one, for appends and reads', () => {
    const deleted = ClientStreamDeletedError.fromStreamName(stream);
    for (const error of [toAppendError(stream, batch, 'any', deleted), toReadError(stream, deleted)]) {
      expect(error).toBeInstanceOf(StreamDeletedError);
      expect(error).toMatchObject({ streamId: stream });
    }
  });

  it('maps the client StreamNotFoundError to the port one for the stream read', () => {
    const error = toReadError(stream, new ClientStreamNotFoundError(undefined, stream));
    expect(error).toBeInstanceOf(StreamNotFoundError);
    expect(error).toMatchObject({ streamId: stream });
    const unavailable = new UnavailableError();
    expect(toReadError(stream, unavailable)).toBe(unavailable);
  });
});
