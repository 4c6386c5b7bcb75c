/**
 * The event store port, shaped after KurrentDB's client API so that the
 * production adapter only translates: expected stream states, bigint revisions
 * and positions, exclusive subscription positions, and retries recognised by event id under an
 * exact expected state (see `appendToStream`).
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Who caused an event; the store keeps it as it is given. */
export interface EventActor {
  id: string;
  role: string;
  agencyId: string | null;
}

export interface EventMetadata {
  correlationId: string;
  causationId: string;
  actor: EventActor;
  /** ISO-8601 instant at which the command that produced the event was decided. */
  occurredAt: string;
  schemaVersion: number;
  /** Fingerprint of the request that caused the event, when it came with an Idempotency-Key. */
  requestFingerprint?: string;
  /**
   * The hash chain (`@lacak/integrity`): the previous event's hash in the stream (null for the
   * first) and this event's own. Absent from events stored before the engine hashed them.
   */
  previousHash?: string | null;
  hash?: string;
}

/** An event about to be appended. `id` is a UUID; see `appendToStream` for what a repeated id does. */
export interface EventToAppend {
  id: string;
  type: string;
  data: JsonObject;
  metadata: EventMetadata;
}

export interface RecordedEvent extends EventToAppend {
  streamId: string;
  /** 0-based revision of the event inside its stream. */
  revision: bigint;
  /** Global position in the `$all` log; strictly increasing, never reused. */
  position: bigint;
  /** ISO-8601 instant at which the store recorded the event. */
  recordedAt: string;
}

/** Mirrors KurrentDB's `NO_STREAM` / `STREAM_EXISTS` / `ANY` / exact revision. */
export type ExpectedStreamState = 'no_stream' | 'stream_exists' | 'any' | bigint;

export interface AppendOptions {
  expectedState: ExpectedStreamState;
}

export interface AppendResult {
  /** Revision of the last event now in the stream (the next append's expected revision). */
  nextExpectedRevision: bigint;
  /** Global position of the last event written (or found, for a recognised retry). */
  position: bigint;
}

export interface ReadStreamOptions {
  /** Inclusive revision to start from; default 0. */
  fromRevision?: bigint;
  maxCount?: number;
}

/** `'start'` or a global position; reading and subscribing from a position is EXCLUSIVE of it. */
export type AllPosition = 'start' | bigint;

export interface ReadAllOptions {
  fromPosition?: AllPosition;
  maxCount?: number;
}

export interface SubscriptionFilter {
  /** Only deliver events whose stream id starts with one of these prefixes. */
  streamPrefixes?: string[];
}

export interface SubscribeToAllOptions {
  fromPosition?: AllPosition;
  filter?: SubscriptionFilter;
}

/**
 * A catch-up subscription: it delivers every stored event after the start position in
 * order, then goes live, with no gap and no duplicate at the seam. Iterate with
 * `for await`; the next event is only fetched after the loop body finished.
 */
export interface AllSubscription extends AsyncIterable<RecordedEvent> {
  /**
   * True once the subscription has delivered everything stored when it last looked, already
   * while the last stored event is being handed over (so a consumer knows to flush a batch).
   */
  readonly isCaughtUp: boolean;
  /**
   * Registers a listener called each time the consumer has taken every stored event and asks
   * for more: everything it was handed before has been handled.
   */
  onCaughtUp(listener: () => void): void;
  /** Ends the iteration; a pending `next()` resolves as done. */
  unsubscribe(): Promise<void>;
}

export interface EventStore {
  /**
   * Whether positions are numbered 1, 2, 3, … with none skipped, so a missing one shows a removed
   * event (the embedded store). KurrentDB's positions are offsets in its log: they only grow.
   */
  readonly positionsContiguous?: boolean;
  /**
   * Appends the events, all or none, if the stream is in the expected state.
   *
   * Repeated ids are recognised only under an exact expected state (`'no_stream'` or a revision)
   * that the stream has since moved past: a batch stored whole and in order right after that state
   * is answered with the original result and nothing is written; a batch stored there only in part
   * is an `EventIdConflictError`. Nothing more is promised. At the current revision, or under `'any'`
   * or `'stream_exists'`, the events may be written a second time (KurrentDB checks ids there only
   * against a cache of recent appends that restarts and leader changes clear). So an appender that
   * may run twice for one command looks for its ids first and appends with the revision it read.
   */
  appendToStream(streamId: string, events: EventToAppend[], options: AppendOptions): Promise<AppendResult>;
  /** Throws `StreamNotFoundError` when the stream has no events. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options?: SubscribeToAllOptions): AllSubscription;
  /** Whether the backing store answers; used by health checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
