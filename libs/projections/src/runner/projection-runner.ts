import { EventEmitter } from 'node:events';
import { type AllSubscription, type EventStore, type RecordedEvent, readStreamOrEmpty } from '@lacak/event-store';
import { type CollectionWrites, type Document, DuplicateKeyError, type IndexSpec, type ReadStore, type WriteOperation } from '@lacak/read-store';
import type { DocumentProjection } from '../projection';
import { backfillRollup } from '../rollup';
import { foldBatch } from './batch-fold';

export const CHECKPOINTS_COLLECTION = 'projection_checkpoints';

export interface CheckpointDocument extends Document {
  /** Global position of the last event the projection has handled, as a decimal string. */
  position: string;
  /**
   * That event, so a checkpoint can tell whether the event store it is resumed on is the one it
   * was written from (absent from checkpoints written before it was kept).
   */
  lastEvent?: { streamId: string; revision: string; id: string };
  /** The projector lease's fencing token it was written under (absent without a lease). */
  leaseToken?: number;
}

/**
 * The batch was not written: this process no longer holds the projector lease, or a later holder
 * has written the checkpoint since. The new holder projects these events; this one must not.
 */
export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
}

/**
 * The checkpoint's last event is not in this event store at its position: the read store was built
 * from another event store, or from a later state of this one (restored from a backup since).
 * Resuming would skip or misplace events silently; only a rebuild makes the read model right.
 */
export class CheckpointMismatchError extends Error {
  override readonly name = 'CheckpointMismatchError';
}

export interface ProjectionStatus {
  name: string;
  running: boolean;
  caughtUp: boolean;
  position: string | null;
  lastError: string | null;
}

export interface RunnerOptions {
  /**
   * Most events folded into one read-store write. Batches start small, double while the
   * subscription runs behind, and start small again once it has caught up.
   */
  batchSize?: number;
  /** Pause before resubscribing after a failure. */
  retryDelayMs?: number;
  /** Told of each failure, with the names of the projections it concerns. */
  onError?: (projection: string, error: unknown) => void;
  /**
   * The projector lease's current fencing token, null while the lease is not held; asked once
   * per batch, before writing. When given, a checkpoint already written under a higher token
   * refuses the batch, and with it (on an atomic store) the batch's documents.
   */
  leaseToken?: () => number | null | Promise<number | null>;
  /**
   * Streams whose events no projection folds (their checkpoints still move past them): those a
   * rebuild found with a broken hash chain, so a forged event is never served as fact.
   */
  skipStreams?: ReadonlySet<string>;
}

const DEFAULT_BATCH_SIZE = 4000;
/** The first batch after catching up: small, so live events reach the read models at once. */
const FIRST_BATCH_SIZE = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Lets timers (the lease renewal) and I/O (HTTP requests) run between two batches. */
const yieldToEventLoop = () => new Promise((resolve) => setImmediate(resolve));

/** One projection fed by the shared subscription, with its own checkpoint. */
interface Lane {
  readonly projection: DocumentProjection;
  position: bigint | null;
  lastError: string | null;
  /** Its checkpoint names an event this event store does not hold there: it waits for a rebuild. */
  halted: boolean;
  /**
   * This pass replays every event into an empty read model, as a rebuild would: a rebuild asked
   * for now needs no new start (which would replay the log twice), until the pass reaches the end.
   */
  replaying: boolean;
  /** Replaying, its ordered indexes are built once at the end rather than written document by document. */
  indexesDeferred: boolean;
}

/**
 * Feeds several projections from one catch-up subscription to the event store (the union of
 * their streams), from the lowest of their checkpoints; each projection skips the events at or
 * below its own. Each batch folds every projection's documents in memory and writes them with
 * every checkpoint in one `write`, so no checkpoint runs ahead of the read model it describes.
 */
export class ProjectionRunner {
  private readonly lanes: Lane[];
  private subscription: AllSubscription | null = null;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private caughtUp = false;
  private readonly progress = new EventEmitter();
  private readonly maxBatchSize: number;

  constructor(
    projections: DocumentProjection[],
    private readonly eventStore: EventStore,
    private readonly readStore: ReadStore,
    private readonly options: RunnerOptions = {},
  ) {
    this.lanes = projections.map((projection) => ({
      projection,
      position: null,
      lastError: null,
      halted: false,
      replaying: false,
      indexesDeferred: false,
    }));
    this.maxBatchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.progress.setMaxListeners(0);
  }

  get names(): string[] {
    return this.lanes.map((lane) => lane.projection.name);
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.subscription?.unsubscribe();
    await this.loop;
    this.loop = null;
  }

  /** Drops the named read models and their checkpoints, then replays every event into them. */
  async rebuild(names: string[] = this.names): Promise<void> {
    const running = this.loop !== null && !this.stopping;
    const selected = this.lanes.filter((lane) => names.includes(lane.projection.name) && !(running && lane.replaying));
    if (selected.length === 0) return;
    const wasRunning = this.loop !== null;
    await this.stop();
    for (const lane of selected) {
      // Checkpoint first: a crash in between then replays onto documents that are still there
      // (the lastPosition guard makes that harmless), never resumes an emptied read model mid-way.
      await this.readStore.collection(CHECKPOINTS_COLLECTION).deleteOne({ _id: lane.projection.name });
      await this.readStore.collection(lane.projection.collection).drop();
      for (const rollup of lane.projection.rollups ?? []) await this.readStore.collection(rollup.collection).drop();
      Object.assign(lane, { position: null, lastError: null, halted: false });
    }
    this.caughtUp = false;
    if (wasRunning) this.start();
  }

  status(): ProjectionStatus[] {
    const running = this.loop !== null && !this.stopping;
    return this.lanes.map((lane) => ({
      name: lane.projection.name,
      running: running && !lane.halted,
      caughtUp: this.caughtUp && !lane.halted,
      position: lane.position === null ? null : lane.position.toString(),
      lastError: lane.lastError,
    }));
  }

  /** Resolves once the projections have handled every event stored so far. */
  waitUntilCaughtUp(timeoutMs = 60_000): Promise<void> {
    return this.waitUntil(() => this.caughtUp, timeoutMs, 'catch up');
  }

  /** Resolves once every projection has handled the event at `position` (or a later one). */
  waitFor(position: bigint, timeoutMs = 5000): Promise<void> {
    return this.waitUntil(() => this.lanes.every((lane) => lane.position !== null && lane.position >= position), timeoutMs, `reach ${position}`);
  }

  /** The positions the stored checkpoints record, whichever process wrote them, in the order of `names`. */
  async loadCheckpoints(): Promise<(bigint | null)[]> {
    const checkpoints = this.readStore.collection<CheckpointDocument>(CHECKPOINTS_COLLECTION);
    const stored = await checkpoints.find({ _id: { $in: this.names } });
    return this.names.map((name) => {
      const checkpoint = stored.find((doc) => doc._id === name);
      return checkpoint ? BigInt(checkpoint.position) : null;
    });
  }

  private waitUntil(condition: () => boolean, timeoutMs: number, goal: string): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onProgress = () => {
        if (condition()) done(resolve);
      };
      const timer = setTimeout(() => done(() => reject(new Error(`Projections ${this.names.join(', ')} did not ${goal} in time`))), timeoutMs);
      const done = (settle: () => void) => {
        clearTimeout(timer);
        this.progress.off('progress', onProgress);
        settle();
      };
      this.progress.on('progress', onProgress);
    });
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      const active = this.lanes.filter((lane) => !lane.halted);
      // Retrying cannot help a halted projection; a rebuild starts a new loop for it.
      if (active.length === 0) return;
      try {
        await this.consume(active);
      } catch (error) {
        const failed = active.filter((lane) => !lane.halted);
        for (const lane of failed) lane.lastError = error instanceof Error ? error.message : String(error);
        this.options.onError?.(failed.map((lane) => lane.projection.name).join(', '), error);
        await this.subscription?.unsubscribe();
        if (!this.stopping) await sleep(this.options.retryDelayMs ?? 1000);
      }
    }
  }

  private async consume(lanes: Lane[]): Promise<void> {
    for (const lane of lanes) await this.resume(lane);
    const active = lanes.filter((lane) => !lane.halted);
    // A stop() during the awaits above found no subscription to end: subscribing now would never return.
    if (this.stopping || active.length === 0) return;

    const positions = active.map((lane) => lane.position);
    const from = positions.includes(null) ? null : (positions as bigint[]).reduce((a, b) => (a < b ? a : b));
    const subscription = this.eventStore.subscribeToAll({
      fromPosition: from ?? 'start',
      filter: { streamPrefixes: [...new Set(active.flatMap((lane) => lane.projection.streamPrefixes))] },
    });
    this.subscription = subscription;
    const firstBatchSize = Math.min(FIRST_BATCH_SIZE, this.maxBatchSize);
    let batchSize = firstBatchSize;
    let batch: RecordedEvent[] = [];
    // Heard when the subscription has handed over everything and asks for more, so the batch
    // was flushed already; an empty log or a filtered tail reaches the end this way too.
    subscription.onCaughtUp(() => {
      if (batch.length === 0) this.reachEnd().catch((error: unknown) => this.options.onError?.(this.names.join(', '), error));
    });
    for await (const event of subscription) {
      this.caughtUp = false;
      batch.push(event);
      // The subscription is caught up while it hands over the last stored event: flush then.
      const atEnd = subscription.isCaughtUp;
      if (batch.length >= batchSize || atEnd) {
        await this.flush(batch, active, atEnd);
        batch = [];
        // Behind, larger batches write more per transaction; caught up, a small one keeps the lag small.
        batchSize = atEnd ? firstBatchSize : Math.min(batchSize * 2, this.maxBatchSize);
        if (atEnd) await this.reachEnd();
        await yieldToEventLoop();
      }
    }
  }

  /**
   * Loads the projection's verified checkpoint (halting it on a mismatch) and creates its indexes.
   * Replaying into an empty read model, it builds those that only make queries fast once caught up:
   * writing each document into a dozen indexes costs more than the rest of its projection, one
   * build at the end much less. Unique and text indexes, which decide what is written or what a
   * query may ask, exist from the start.
   */
  private async resume(lane: Lane): Promise<void> {
    const collection = this.readStore.collection(lane.projection.collection);
    try {
      lane.position = await this.verifiedCheckpoint(lane.projection.name);
    } catch (error) {
      if (!(error instanceof CheckpointMismatchError)) throw error;
      lane.halted = true;
      lane.lastError = error.message;
      this.options.onError?.(lane.projection.name, error);
      return;
    }
    lane.replaying = lane.indexesDeferred = lane.position === null && (await collection.countDocuments()) === 0;
    await this.createIndexes(lane.projection, lane.indexesDeferred ? (index) => !deferrable(index) : () => true);
    // A read model projected before its rollup existed gets its sums before it moves on.
    if (lane.position !== null) for (const rollup of lane.projection.rollups ?? []) await backfillRollup(this.readStore, lane.projection, rollup);
  }

  private async createIndexes(projection: DocumentProjection, selected: (index: IndexSpec) => boolean = () => true): Promise<void> {
    const collection = this.readStore.collection(projection.collection);
    for (const index of projection.indexes.filter(selected)) {
      await collection.createIndex(index);
      // Each build reads the whole collection: timers and requests get their turn in between.
      await yieldToEventLoop();
    }
  }

  /** Everything stored is projected: the replays' indexes are built, then waiters hear of it. */
  private async reachEnd(): Promise<void> {
    for (const lane of this.lanes) lane.replaying = false;
    for (const lane of this.lanes.filter((l) => l.indexesDeferred)) {
      await this.createIndexes(lane.projection);
      lane.indexesDeferred = false;
    }
    this.markCaughtUp();
  }

  private markCaughtUp(): void {
    this.caughtUp = true;
    this.progress.emit('progress');
  }

  /** The stored checkpoint's position, once its last event is found where it says in this event store. */
  private async verifiedCheckpoint(name: string): Promise<bigint | null> {
    const checkpoint = await this.readStore.collection<CheckpointDocument>(CHECKPOINTS_COLLECTION).findOne({ _id: name });
    if (!checkpoint) return null;
    const position = BigInt(checkpoint.position);
    if (!checkpoint.lastEvent) return position;
    const { streamId, revision, id } = checkpoint.lastEvent;
    const [found] = await readStreamOrEmpty(this.eventStore, streamId, { fromRevision: BigInt(revision), maxCount: 1 });
    if (found?.id !== id || found.position !== position) {
      const seen = found ? `holds event ${found.id} at position ${found.position} there` : 'has no such event';
      throw new CheckpointMismatchError(
        `Projection ${name} refuses to resume: its checkpoint is event ${id} (${streamId}@${revision}) at position ${position}, ` +
          `but this event store ${seen}. The read store was built from another event store or from a later copy of this one; ` +
          'rebuild the read models (npm run rebuild, or POST /admin/projections/rebuild).',
      );
    }
    return position;
  }

  /**
   * Folds the batch into every projection not already past it and writes their documents and
   * checkpoints in one `write`: documents first, checkpoints last, for backends that are not atomic.
   */
  private async flush(events: RecordedEvent[], lanes: Lane[], atEnd: boolean): Promise<void> {
    const lastEvent = events[events.length - 1];
    const behind = lanes.filter((lane) => lane.position === null || lane.position < lastEvent.position);
    if (behind.length === 0) return;
    const names = behind.map((lane) => lane.projection.name).join(', ');
    const token = await this.leaseTokenFor(names);
    const writes: CollectionWrites[] = [];
    for (const { projection, position } of behind) {
      const own = events.filter(
        (event) =>
          (position === null || event.position > position) &&
          projection.streamPrefixes.some((prefix) => event.streamId.startsWith(prefix)) &&
          !this.options.skipStreams?.has(event.streamId),
      );
      writes.push(...(await foldBatch(projection, own, this.readStore)));
    }
    writes.push({ collection: CHECKPOINTS_COLLECTION, operations: behind.map((lane) => checkpointWrite(lane.projection.name, lastEvent, token)) });
    try {
      await this.readStore.write(writes);
    } catch (error) {
      // Only the fence makes a checkpoint upsert collide: it was written under a later lease.
      if (error instanceof DuplicateKeyError && error.collection === CHECKPOINTS_COLLECTION) {
        throw new LeaseLostError(`Projections ${names} stopped writing: another projector took the lease over and writes their checkpoints now`);
      }
      throw error;
    }
    // At the end, before anyone waiting for these positions hears of them: a rebuild asked for
    // from now on drops what the replay wrote.
    for (const lane of behind) Object.assign(lane, { position: lastEvent.position, lastError: null, ...(atEnd && { replaying: false }) });
    this.progress.emit('progress');
  }

  /** The lease's fencing token to write under, checked once per batch; undefined without a lease. */
  private async leaseTokenFor(names: string): Promise<number | undefined> {
    if (!this.options.leaseToken) return undefined;
    const token = await this.options.leaseToken();
    if (token === null) throw new LeaseLostError(`Projections ${names} stopped writing: this process does not hold the projector lease`);
    return token;
  }
}

/** An index that only makes queries fast: neither unique nor a text index. */
const deferrable = (index: IndexSpec) => !index.unique && !Object.values(index.keys).includes('text');

/** Moves a projection's checkpoint to `lastEvent`, fenced by the lease token when there is one. */
function checkpointWrite(name: string, lastEvent: RecordedEvent, token: number | undefined): WriteOperation {
  const fenced = token !== undefined;
  return {
    updateOne: {
      filter: { _id: name, ...(fenced && { $or: [{ leaseToken: { $exists: false } }, { leaseToken: { $lte: token } }] }) },
      update: {
        $set: {
          position: lastEvent.position.toString(),
          lastEvent: { streamId: lastEvent.streamId, revision: lastEvent.revision.toString(), id: lastEvent.id },
          ...(fenced && { leaseToken: token }),
        },
      },
      upsert: true,
    },
  };
}
