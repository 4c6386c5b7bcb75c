import type { ExpectedStreamState } from './event-store.port';

/** The stream's actual state differs from the expected one (KurrentDB's `WrongExpectedVersionError`). */
export class WrongExpectedVersionError extends Error {
  override readonly name = 'WrongExpectedVersionError';
  constructor(
    readonly streamId: string,
    readonly expectedState: ExpectedStreamState,
    /** Revision of the stream's last event, or `'no_stream'`. */
    readonly actualState: bigint | 'no_stream',
  ) {
    super(`Stream ${streamId}: expected ${String(expectedState)}, actual ${String(actualState)}`);
  }
}

export class StreamNotFoundError extends Error {
  override readonly name = 'StreamNotFoundError';
  constructor(readonly streamId: string) {
    super(`Stream ${streamId} not found`);
  }
}

/** An append reused event ids that are stored elsewhere, in another order, or only in part. */
export class EventIdConflictError extends Error {
  override readonly name = 'EventIdConflictError';
  constructor(readonly streamId: string, readonly eventId: string) {
    super(`Event ${eventId} is already stored and does not match this append to ${streamId}`);
  }
}

/** The stream was deleted (a KurrentDB tombstone): it can no longer be read or appended to. */
export class StreamDeletedError extends Error {
  override readonly name = 'StreamDeletedError';
  constructor(readonly streamId: string) {
    super(`Stream ${streamId} was deleted`);
  }
}
