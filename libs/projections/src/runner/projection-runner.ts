import { EventEmitter } from 'node:events';
import { type AllSubscription, type EventStore, type RecordedEvent, readStreamOrEmpty } from '@lacak/event-store';
import { type CollectionWrites, type Document, DuplicateKeyError, type Filter, type ReadStore, type WriteOperation } from '@lacak/read-store';
import type { DocumentProjection, ProjectedDocument } from '../projection';
import { backfillRollup, rollupWrites } from '../rollup';

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
  /** Only events of streams with these prefixes reach the projection. */
  streamPrefixes: string[];
  /** Most events folded into one read-store write. */
  batchSize?: number;
  /** Pause before resubscribing after a failure. */
  retryDelayMs?: number;
  onError?: (projection: string, error: unknown) => void;
  /**
   * The projector lease's current fencing token, null while the lease is not held. When given,
   * a checkpoint already written under a higher token refuses the batch, and with it (on an
   * atomic store) the batch's documents.
   */
  leaseToken?: () => number | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Stands for "the subscription reached the end of the log" where the next event was awaited. */

/**
 * Feeds one projection from a catch-up subscription to the event store, starting after its
 * stored checkpoint. Each batch of events and the new checkpoint are written together, so
 * the checkpoint never runs ahead of the read model it describes.
 */
export class ProjectionRunner<D extends ProjectedDocument = ProjectedDocument> {
  private subscription: AllSubscription | null = null;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private position: bigint | null = null;
  private caughtUp = false;
  private lastError: string | null = null;
  private readonly progress = new EventEmitter();

  constructor(
    readonly projection: DocumentProjection<D>,
    private readonly eventStore: EventStore,
    private readonly readStore: ReadStore,
    private readonly options: RunnerOptions,
  ) {
    this.progress.setMaxListeners(0);
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

  /** Drops the read model and its checkpoint, then replays every event from the start. */
  async rebuild(): Promise<void> {
    const wasRunning = this.loop !== null;
    await this.stop();
    // Checkpoint first: a crash in between then replays onto documents that are still there
    // (the lastPosition guard makes that harmless), never resumes an emptied read model mid-way.
    await this.readStore.collection(CHECKPOINTS_COLLECTION).deleteOne({ _id: this.projection.name });
    await this.readStore.collection(this.projection.collection).drop();
    if (this.projection.rollup) await this.readStore.collection(this.projection.rollup.collection).drop();
    this.position = null;
    this.caughtUp = false;
    if (wasRunning) this.start();
  }

  status(): ProjectionStatus {
    return {
      name: this.projection.name,
      running: this.loop !== null && !this.stopping,
      caughtUp: this.caughtUp,
      position: this.position === null ? null : this.position.toString(),
      lastError: this.lastError,
    };
  }

  /** Resolves once the projection has handled every event stored so far. */
  waitUntilCaughtUp(timeoutMs = 60_000): Promise<void> {
    return this.waitUntil(() => this.caughtUp, timeoutMs, 'catch up');
  }

  /** Resolves once the projection has handled the event at `position` (or a later one). */
  waitFor(position: bigint, timeoutMs = 5000): Promise<void> {
    return this.waitUntil(() => this.position !== null && this.position >= position, timeoutMs, `reach ${position}`);
  }

  private waitUntil(condition: () => boolean, timeoutMs: number, goal: string): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onProgress = () => {
        if (condition()) done(resolve);
      };
      const timer = setTimeout(() => done(() => reject(new Error(`${this.projection.name} did not ${goal} in time`))), timeoutMs);
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
      try {
        await this.consume();
      } catch (error) {
        this.lastError = error instanceof Error ? error.message : String(error);
        this.options.onError?.(this.projection.name, error);
        // Retrying cannot help; a rebuild stops this loop and starts a new one from the start.
        if (error instanceof CheckpointMismatchError) return;
        await this.subscription?.unsubscribe();
        if (!this.stopping) await sleep(this.options.retryDelayMs ?? 1000);
      }
    }
  }

  private async consume(): Promise<void> {
    const collection = this.readStore.collection(this.projection.collection);
    for (const index of this.projection.indexes) await collection.createIndex(index);
    this.position = await this.verifiedCheckpoint();
    if (this.position !== null) await backfillRollup(this.readStore, this.projection);
    // A stop() during the awaits above found no subscription to end: subscribing now would never return.
    if (this.stopping) return;

    const subscription = this.eventStore.subscribeToAll({
      fromPosition: this.position ?? 'start',
      filter: { streamPrefixes: this.options.streamPrefixes },
    });
    this.subscription = subscription;
    const batchSize = this.options.batchSize ?? 500;
    let batch: RecordedEvent[] = [];
    // Heard when the subscription has handed over everything and asks for more, so the batch
    // was flushed already; an empty log or a filtered tail reaches the end this way too.
    subscription.onCaughtUp(() => {
      if (batch.length === 0) this.markCaughtUp();
    });
    for await (const event of subscription) {
      this.caughtUp = false;
      batch.push(event);
      // The subscription is caught up while it hands over the last stored event: flush then.
      if (batch.length >= batchSize || subscription.isCaughtUp) {
        await this.flush(batch);
        batch = [];
        if (subscription.isCaughtUp) this.markCaughtUp();
      }
    }
    if (batch.length > 0) await this.flush(batch);
  }

  private markCaughtUp(): void {
    this.caughtUp = true;
    this.progress.emit('progress');
  }

  /** The position the read model's stored checkpoint records, whichever process wrote it. */
  async loadCheckpoint(): Promise<bigint | null> {
    const checkpoint = await this.readStore
      .collection<CheckpointDocument>(CHECKPOINTS_COLLECTION)
      .findOne({ _id: this.projection.name });
    return checkpoint ? BigInt(checkpoint.position) : null;
  }

  /** The stored checkpoint's position, once its last event is found where it says in this event store. */
  private async verifiedCheckpoint(): Promise<bigint | null> {
    const checkpoint = await this.readStore.collection<CheckpointDocument>(CHECKPOINTS_COLLECTION).findOne({ _id: this.projection.name });
    if (!checkpoint) return null;
    const position = BigInt(checkpoint.position);
    if (!checkpoint.lastEvent) return position;
    const { streamId, revision, id } = checkpoint.lastEvent;
    const [found] = await readStreamOrEmpty(this.eventStore, streamId, { fromRevision: BigInt(revision), maxCount: 1 });
    if (found?.id !== id || found.position !== position) {
      const seen = found ? `holds event ${found.id} at position ${found.position} there` : 'has no such event';
      throw new CheckpointMismatchError(
        `Projection ${this.projection.name} refuses to resume: its checkpoint is event ${id} (${streamId}@${revision}) at position ${position}, ` +
          `but this event store ${seen}. The read store was built from another event store or from a later copy of this one; ` +
          'rebuild the read models (npm run rebuild, or POST /admin/projections/rebuild).',
      );
    }
    return position;
  }

  private async flush(events: RecordedEvent[]): Promise<void> {
    const writes = await this.foldBatch(events);
    const lastEvent = events[events.length - 1];
    const last = lastEvent.position;
    const fence = this.checkpointFence();
    try {
      await this.readStore.write([
        ...writes,
        {
          collection: CHECKPOINTS_COLLECTION,
          operations: [
            {
              updateOne: {
                filter: { _id: this.projection.name, ...fence.filter },
                update: {
                  $set: {
                    position: last.toString(),
                    lastEvent: { streamId: lastEvent.streamId, revision: lastEvent.revision.toString(), id: lastEvent.id },
                    ...fence.set,
                  },
                },
                upsert: true,
              },
            },
          ],
        },
      ]);
    } catch (error) {
      // Only the fence makes this upsert collide: the checkpoint was written under a later lease.
      if (error instanceof DuplicateKeyError && error.collection === CHECKPOINTS_COLLECTION) {
        throw new LeaseLostError(`Projection ${this.projection.name} stopped writing: another projector took the lease over and writes its checkpoint now`);
      }
      throw error;
    }
    this.position = last;
    this.lastError = null;
    this.progress.emit('progress');
  }

  /** The checkpoint's condition and field for the lease's fencing token, nothing without a lease. */
  private checkpointFence(): { filter: Filter; set: Partial<CheckpointDocument> } {
    if (!this.options.leaseToken) return { filter: {}, set: {} };
    const token = this.options.leaseToken();
    if (token === null) throw new LeaseLostError(`Projection ${this.projection.name} stopped writing: this process does not hold the projector lease`);
    return {
      filter: { $or: [{ leaseToken: { $exists: false } }, { leaseToken: { $lte: token } }] },
      set: { leaseToken: token },
    };
  }

  /**
   * Loads every document the batch touches in one query, folds, and returns one write per changed
   * document, then the rollup's sums of what changed (see `Rollup`).
   */
  private async foldBatch(events: RecordedEvent[]): Promise<CollectionWrites[]> {
    const ids = [...new Set(events.map((e) => this.projection.documentId(e)).filter((id): id is string => id !== null))];
    const collection = this.readStore.collection<D>(this.projection.collection);
    const stored = ids.length > 0 ? await collection.find({ _id: { $in: ids } }) : [];
    const storedPosition = new Map(stored.map((doc) => [doc._id, doc.lastPosition]));
    const current = new Map<string, D | null>(stored.map((doc) => [doc._id, doc]));
    /** The documents as stored before the batch. */
    const loaded = new Map(stored.map((doc) => [doc._id, doc]));
    const changed = new Set<string>();

    const apply = (id: string, event: RecordedEvent) => {
      const position = Number(event.position);
      const document = current.get(id) ?? null;
      // A re-delivered event is already reflected in the document: applying it again would double-count.
      if (document && document.lastPosition >= position) return;
      const next = this.projection.evolve(document, event);
      current.set(id, next === null ? null : ({ ...next, lastPosition: position } as D));
      changed.add(id);
    };

    for (const event of events) {
      const filter = this.projection.documentsConcerned?.(event) ?? null;
      if (filter) {
        for (const doc of await collection.find(filter)) {
          if (current.has(doc._id)) continue;
          current.set(doc._id, doc);
          loaded.set(doc._id, doc);
          storedPosition.set(doc._id, doc.lastPosition);
        }
        // Documents of this batch are not in the store yet: they are concerned as much as the stored ones.
        for (const [id, document] of current) if (document) apply(id, event);
        continue;
      }
      const id = this.projection.documentId(event);
      if (id !== null) apply(id, event);
    }

    const operations: WriteOperation[] = [];
    const writes: CollectionWrites[] = [{ collection: this.projection.collection, operations }];
    const { rollup } = this.projection;
    if (rollup) {
      const changes = [...changed].map((id) => ({ before: loaded.get(id) ?? null, after: current.get(id) ?? null }));
      writes.push({ collection: rollup.collection, operations: rollupWrites(rollup, changes) });
    }
    for (const id of changed) {
      const next = current.get(id) ?? null;
      const before = storedPosition.get(id);
      if (before === undefined) {
        if (next) operations.push({ insertOne: { document: next } });
      } else if (next) {
        operations.push({ replaceOne: { filter: { _id: id, lastPosition: before }, replacement: next } });
      } else {
        operations.push({ deleteOne: { filter: { _id: id, lastPosition: before } } });
      }
    }
    return writes;
  }
}
