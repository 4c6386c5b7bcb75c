import { resolve } from 'node:path';
import { BroadcastChannel } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { EventIdConflictError, StreamNotFoundError, WrongExpectedVersionError } from '../errors';
import type {
  AllPosition,
  AllSubscription,
  AppendOptions,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedStreamState,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../event-store.port';
import { openDatabase } from './schema';
import { allPageReader, prepareStatements, type Statements } from './statements';
import { SqliteSubscription } from './subscription';

export interface SqliteEventStoreOptions {
  file: string;
  /** How often an idle subscription looks for events written by other processes (not threads); default 100. */
  pollIntervalMs?: number;
}

interface PendingAppend {
  streamId: string;
  events: EventToAppend[];
  expectedState: ExpectedStreamState;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

type Outcome = { result: AppendResult } | { error: unknown };

/** Rows per subscription query: catching up never loads the whole log. */
const SUBSCRIPTION_PAGE_SIZE = 512;

/**
 * Where the instances on one file in this process, whatever their thread, tell each other of their
 * commits: a projector in a worker thread then hears the API's appends at once instead of polling.
 */
const commitChannel = (file: string): BroadcastChannel | null =>
  file === ':memory:' ? null : new BroadcastChannel(`lacak-event-store:${resolve(file)}`);

/** Positions start at 1, so "after 0" is the start of the log. */
function positionAfter(from: AllPosition | undefined): bigint {
  return from === undefined || from === 'start' ? 0n : from;
}

function checkExpectedState(streamId: string, expected: ExpectedStreamState, actual: bigint | undefined): void {
  const matches =
    expected === 'any' ||
    (expected === 'no_stream' && actual === undefined) ||
    (expected === 'stream_exists' && actual !== undefined) ||
    expected === actual;
  if (!matches) throw new WrongExpectedVersionError(streamId, expected, actual ?? 'no_stream');
}

function isEventIdViolation(error: unknown): boolean {
  const unique = error instanceof Error && 'code' in error && error.code === 'SQLITE_CONSTRAINT_UNIQUE';
  return unique && error.message.includes('events.event_id');
}

/**
 * The embedded event store: one SQLite file in WAL mode. Appends are group-committed: all
 * appends that arrive before the next turn of the event loop share one transaction (one fsync),
 * each in its own savepoint, and every caller is answered only once that transaction committed.
 */
export class SqliteEventStore implements EventStore {
  /** AUTOINCREMENT positions, and a rolled-back append rolls its number back too. */
  readonly positionsContiguous = true;
  private pending: PendingAppend[] = [];
  private readonly subscriptions = new Set<SqliteSubscription>();
  private closed = false;
  private commits = 0;
  private readonly statements: Statements;
  private readonly writeBatch: Database.Transaction<(batch: PendingAppend[], recordedAt: string) => Outcome[]>;
  private readonly appendInSavepoint: Database.Transaction<(append: PendingAppend, recordedAt: string) => AppendResult>;

  static open({ file, pollIntervalMs = 100 }: SqliteEventStoreOptions): SqliteEventStore {
    return new SqliteEventStore(openDatabase(file), pollIntervalMs, commitChannel(file));
  }

  private constructor(
    private readonly db: Database.Database,
    private readonly pollIntervalMs: number,
    private readonly commitsInThisProcess: BroadcastChannel | null,
  ) {
    if (commitsInThisProcess) {
      commitsInThisProcess.onmessage = () => this.notifySubscriptions();
      // Hearing of commits is no reason to keep a process alive.
      commitsInThisProcess.unref();
    }
    this.statements = prepareStatements(db);
    this.writeBatch = db.transaction((batch, recordedAt) => batch.map((append) => this.tryAppend(append, recordedAt)));
    // Nested inside writeBatch, better-sqlite3 runs this as a savepoint and rolls back only it on error.
    this.appendInSavepoint = db.transaction((append, recordedAt) => this.appendOne(append, recordedAt));
  }

  /** Number of write transactions this instance committed; lets tests observe group commit. */
  get commitCount(): number {
    return this.commits;
  }

  appendToStream(streamId: string, events: EventToAppend[], { expectedState }: AppendOptions): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('SqliteEventStore is closed'));
    if (events.length === 0) return Promise.reject(new RangeError(`Append to ${streamId} has no events`));
    return new Promise((resolve, reject) => {
      this.pending.push({ streamId, events, expectedState, resolve, reject });
      // The first append of a group schedules the flush; later ones until then ride along.
      if (this.pending.length === 1) setImmediate(() => this.flush());
    });
  }

  async readStream(streamId: string, { fromRevision = 0n, maxCount }: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const events = this.statements.readStream(streamId, fromRevision, maxCount);
    if (events.length === 0 && this.statements.lastRevision(streamId) === undefined) {
      throw new StreamNotFoundError(streamId);
    }
    return events;
  }

  async readAll({ fromPosition, maxCount }: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.statements.readAll(positionAfter(fromPosition), maxCount);
  }

  subscribeToAll({ fromPosition, filter }: SubscribeToAllOptions = {}): AllSubscription {
    if (this.closed) throw new Error('SqliteEventStore is closed');
    const readPage = allPageReader(this.db, filter?.streamPrefixes ?? [], SUBSCRIPTION_PAGE_SIZE);
    const subscription = new SqliteSubscription(readPage, positionAfter(fromPosition), this.pollIntervalMs, (ended) =>
      this.subscriptions.delete(ended),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async ping(): Promise<void> {
    this.statements.ping();
  }

  /** Writes pending appends, ends subscriptions, then closes the file. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.flush();
    await Promise.all([...this.subscriptions].map((subscription) => subscription.unsubscribe()));
    this.commitsInThisProcess?.close();
    this.db.close();
  }

  private flush(): void {
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    let outcomes: Outcome[];
    try {
      // IMMEDIATE takes the write lock up front, so a concurrent writer process waits on the busy timeout instead of deadlocking.
      outcomes = this.writeBatch.immediate(batch, new Date().toISOString());
    } catch (error) {
      for (const append of batch) append.reject(error);
      return;
    }
    this.commits += 1;
    batch.forEach((append, i) => {
      const outcome = outcomes[i];
      if ('result' in outcome) append.resolve(outcome.result);
      else append.reject(outcome.error);
    });
    this.notifySubscriptions();
    this.commitsInThisProcess?.postMessage(null);
  }

  private notifySubscriptions(): void {
    for (const subscription of this.subscriptions) subscription.notify();
  }

  private tryAppend(append: PendingAppend, recordedAt: string): Outcome {
    try {
      return { result: this.appendInSavepoint(append, recordedAt) };
    } catch (error) {
      // Some SQLite errors (e.g. a full disk) roll back the whole transaction: abort the batch.
      if (!this.db.inTransaction) throw error;
      return { error };
    }
  }

  private appendOne({ streamId, events, expectedState }: PendingAppend, recordedAt: string): AppendResult {
    const original = this.findOriginalAppend(streamId, events);
    if (original) return original;

    const current = this.statements.lastRevision(streamId);
    checkExpectedState(streamId, expectedState, current);
    let revision = current ?? -1n;
    let position = 0n;
    for (const event of events) {
      revision += 1n;
      try {
        position = this.statements.insert(streamId, revision, event, recordedAt);
      } catch (error) {
        // The first id is new (checked above), so a stored later id means the ids were only partly reused.
        throw isEventIdViolation(error) ? new EventIdConflictError(streamId, event.id) : error;
      }
    }
    return { nextExpectedRevision: revision, position };
  }

  /**
   * An append whose ids are all stored, consecutively and in order, in this stream is a retry:
   * answer it as the original was answered. Checking only the first id keeps the new-append path
   * at one lookup; any later reused id then fails its insert on the UNIQUE constraint.
   */
  private findOriginalAppend(streamId: string, events: EventToAppend[]): AppendResult | undefined {
    const first = this.statements.byEventId(events[0].id);
    if (!first) return undefined;
    let last = first;
    events.forEach((event, i) => {
      const stored = i === 0 ? first : this.statements.byEventId(event.id);
      if (stored?.streamId !== streamId || stored.revision !== first.revision + BigInt(i)) {
        throw new EventIdConflictError(streamId, event.id);
      }
      last = stored;
    });
    return { nextExpectedRevision: last.revision, position: last.position };
  }
}
