import {
  NotLeaderError,
  StreamDeletedError as ClientStreamDeletedError,
  StreamNotFoundError as ClientStreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError as ClientWrongExpectedVersionError,
  type CurrentStreamState,
} from '@kurrent/kurrentdb-client';
import { EventIdConflictError, StreamDeletedError, StreamNotFoundError, WrongExpectedVersionError } from '../errors';
import type { EventToAppend, ExpectedStreamState } from '../event-store.port';

/** BigInt() because the state may arrive as a number; a negative revision is the server's "no stream". */
export function toActualState(actual: CurrentStreamState): bigint | 'no_stream' {
  if (actual === 'no_stream') return actual;
  const revision = BigInt(actual);
  return revision < 0n ? 'no_stream' : revision;
}

/**
 * KurrentDB answers an append whose first ids are stored in the stream but whose later ids are not
 * ("corrupted idempotency") with a wrong expected version. Under `no_stream` or a revision older
 * than the stream, the event stored where the batch would start tells the two apart: this is the
 * revision to read, or undefined when no read is needed.
 */
export function revisionToProbe(expected: ExpectedStreamState, error: unknown): bigint | undefined {
  if (!(error instanceof ClientWrongExpectedVersionError)) return undefined;
  const actual = toActualState(error.actualState);
  if (actual === 'no_stream') return undefined;
  if (expected === 'no_stream') return 0n;
  return typeof expected === 'bigint' && expected < actual ? expected + 1n : undefined;
}

/**
 * Maps an append failure to the port's errors. The port's expected state is the one requested,
 * not the one the server echoes. `storedIdAtProbe` is the id found at `revisionToProbe`.
 */
export function toAppendError(
  streamId: string,
  events: readonly EventToAppend[],
  expected: ExpectedStreamState,
  error: unknown,
  storedIdAtProbe?: string,
): unknown {
  if (error instanceof ClientStreamDeletedError) return new StreamDeletedError(streamId);
  if (!(error instanceof ClientWrongExpectedVersionError)) return error;
  const actual = toActualState(error.actualState);
  const firstId = events[0].id;
  const reused =
    // With any/stream_exists on an existing stream the server checks nothing but ids.
    expected === 'any' ||
    (expected === 'stream_exists' && actual !== 'no_stream') ||
    storedIdAtProbe?.toLowerCase() === firstId.toLowerCase();
  return reused ? new EventIdConflictError(streamId, firstId) : new WrongExpectedVersionError(streamId, expected, actual);
}

export function toReadError(streamId: string, error: unknown): unknown {
  if (error instanceof ClientStreamDeletedError) return new StreamDeletedError(streamId);
  return error instanceof ClientStreamNotFoundError ? new StreamNotFoundError(streamId) : error;
}

/**
 * Whether a failed append may be tried once more. After a leader change or a lost connection the
 * append may or may not have been written. With an exact expected state (a revision, or `no_stream`,
 * revision -1) the server checks the stream's events at that revision, so a second try either
 * writes the batch or answers the first write as an idempotent success. Under `any` or
 * `stream_exists` a second try could write the events twice.
 */
export function mayRetryAppend(expected: ExpectedStreamState, error: unknown): boolean {
  const exact = typeof expected === 'bigint' || expected === 'no_stream';
  return exact && (error instanceof NotLeaderError || error instanceof UnavailableError);
}
