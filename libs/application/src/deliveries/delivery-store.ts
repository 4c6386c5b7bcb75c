import type { CollectionWrites, Filter, IndexSpec, ReadStore, WriteOperation } from '@lacak/read-store';
import type { DeliveryAttempt, DeliveryRecord, DeliveryState } from './delivery';

/**
 * The outbox's durable state in the read store. Not a read model: nothing rebuilds it from the
 * log, so a rebuild of the projections never drops it (the runner only touches its projections'
 * collections and `projection_checkpoints`).
 */
export const DELIVERIES_COLLECTION = 'deliveries';
/** The outbox planner's checkpoint, apart from the projections' so no rebuild resets it. */
export const DELIVERY_CHECKPOINTS_COLLECTION = 'delivery_checkpoints';
export const PLANNER_CHECKPOINT_ID = 'outbox-planner';

/** A delivery as stored: the record and its position padded to sort as a string does (log order). */
export interface StoredDelivery extends DeliveryRecord {
  [key: string]: unknown;
  logOrder: string;
  /** When an admin last asked for a retry: the attempts since then are the current round. */
  retriedAt?: string | null;
}

export interface PlannerCheckpoint {
  _id: string;
  /** The last event planned, as a decimal string, or `start` for a planner that began on an empty log. */
  position: string;
  [key: string]: unknown;
}

/** 20 digits hold every unsigned 64-bit position. */
export const logOrderOf = (position: bigint | string): string => BigInt(position).toString().padStart(20, '0');

export const DELIVERY_INDEXES: IndexSpec[] = [
  // The dispatcher walks the due ones in log order; counts by state for /health and metrics.
  { keys: { state: 1, logOrder: 1, _id: 1 }, name: 'deliveries_state_order' },
  // Whether an earlier delivery of the same order key is still pending.
  { keys: { orderKey: 1, state: 1, logOrder: 1, _id: 1 }, name: 'deliveries_key_state_order' },
  // The admin list by channel, with or without a state.
  { keys: { channel: 1, logOrder: 1, _id: 1 }, name: 'deliveries_channel_order' },
  { keys: { state: 1, channel: 1, logOrder: 1, _id: 1 }, name: 'deliveries_state_channel_order' },
  { keys: { logOrder: 1, _id: 1 }, name: 'deliveries_order' },
];

/** Strips what only the store keeps. */
export const deliveryRecordOf = ({ logOrder: _order, retriedAt: _retried, ...record }: StoredDelivery): DeliveryRecord => record;

export interface DeliveryPageQuery {
  state?: DeliveryState;
  channel?: string;
  /** The `logOrder` and `_id` of the last delivery of the previous page. */
  after?: { logOrder: string; id: string };
  limit: number;
}

/** How an attempt ended, as the dispatcher records it. */
export interface AttemptRecord {
  attempt: DeliveryAttempt;
  state: DeliveryState;
  nextAttemptAt: string | null;
}

/** Reads and writes of the `deliveries` collection; every writer goes through it. */
export class DeliveryStore {
  constructor(private readonly readStore: ReadStore) {}

  private get deliveries() {
    return this.readStore.collection<StoredDelivery>(DELIVERIES_COLLECTION);
  }

  async createIndexes(): Promise<void> {
    for (const index of DELIVERY_INDEXES) await this.deliveries.createIndex(index);
  }

  async get(id: string): Promise<DeliveryRecord | null> {
    const found = await this.deliveries.findOne({ _id: id });
    return found ? deliveryRecordOf(found) : null;
  }

  /** A page in log order. */
  async page({ state, channel, after, limit }: DeliveryPageQuery): Promise<StoredDelivery[]> {
    const filter: Filter = { ...(channel !== undefined && { channel }), ...(state !== undefined && { state }) };
    if (after) filter.$or = [{ logOrder: { $gt: after.logOrder } }, { logOrder: after.logOrder, _id: { $gt: after.id } }];
    return this.deliveries.find(filter, { sort: { logOrder: 1, _id: 1 }, limit });
  }

  /** Pending deliveries due by `now` (ISO-8601), in log order, a page after `after`. */
  duePage(now: string, after: { logOrder: string; id: string } | null, limit: number): Promise<StoredDelivery[]> {
    const filter: Filter = { state: 'pending', nextAttemptAt: { $lte: now } };
    if (after) filter.$or = [{ logOrder: { $gt: after.logOrder } }, { logOrder: after.logOrder, _id: { $gt: after.id } }];
    return this.deliveries.find(filter, { sort: { logOrder: 1, _id: 1 }, limit });
  }

  /** Whether a delivery of the same order key, earlier in log order, is still pending: this one waits. */
  async hasEarlierPending(delivery: StoredDelivery): Promise<boolean> {
    const earlier = await this.deliveries.findOne({
      orderKey: delivery.orderKey,
      state: 'pending',
      $or: [{ logOrder: { $lt: delivery.logOrder } }, { logOrder: delivery.logOrder, _id: { $lt: delivery._id } }],
    });
    return earlier !== null;
  }

  count(state: DeliveryState): Promise<number> {
    return this.deliveries.countDocuments({ state });
  }

  /** The first pending delivery in log order: the one waiting longest. */
  async oldestPending(): Promise<DeliveryRecord | null> {
    const [first] = await this.deliveries.find({ state: 'pending' }, { sort: { logOrder: 1, _id: 1 }, limit: 1 });
    return first ? deliveryRecordOf(first) : null;
  }

  /**
   * Records an attempt, if the delivery is still as the dispatcher read it (pending, due at the same
   * instant): an admin's retry or another dispatcher in between wins, and this attempt is not kept.
   */
  async recordAttempt(delivery: DeliveryRecord, { attempt, state, nextAttemptAt }: AttemptRecord, settledAt: string): Promise<boolean> {
    const result = await this.deliveries.updateOne(
      { _id: delivery._id, state: 'pending', nextAttemptAt: delivery.nextAttemptAt },
      { $push: { attempts: attempt }, $set: { state, nextAttemptAt, settledAt: state === 'pending' ? null : settledAt } },
    );
    return result.matchedCount === 1;
  }

  /** Due again at `nextAttemptAt`, no attempt recorded (a `deferred` outcome); false when it changed since it was read. */
  async defer(delivery: DeliveryRecord, nextAttemptAt: string): Promise<boolean> {
    const result = await this.deliveries.updateOne({ _id: delivery._id, state: 'pending', nextAttemptAt: delivery.nextAttemptAt }, { $set: { nextAttemptAt } });
    return result.matchedCount === 1;
  }

  /** Pending again and due now, its attempts kept; false when it is no longer in the state read. */
  async retry(delivery: DeliveryRecord, now: string): Promise<boolean> {
    const result = await this.deliveries.updateOne(
      { _id: delivery._id, state: delivery.state },
      { $set: { state: 'pending', nextAttemptAt: now, settledAt: null, retriedAt: now } },
    );
    return result.matchedCount === 1;
  }

  /** Where the planner goes on from; null before its first start. */
  async plannerCheckpoint(): Promise<bigint | 'start' | null> {
    const found = await this.readStore.collection<PlannerCheckpoint>(DELIVERY_CHECKPOINTS_COLLECTION).findOne({ _id: PLANNER_CHECKPOINT_ID });
    if (!found) return null;
    return found.position === 'start' ? 'start' : BigInt(found.position);
  }

  /**
   * New deliveries (inserted only if absent: a replayed batch finds them and changes nothing) and the
   * planner's checkpoint, in one write: atomic where the store allows it, else the checkpoint last.
   */
  async savePlanned(records: DeliveryRecord[], checkpoint: bigint | 'start'): Promise<void> {
    const writes: CollectionWrites[] = [];
    if (records.length > 0) writes.push(insertsOf(records));
    writes.push({
      collection: DELIVERY_CHECKPOINTS_COLLECTION,
      operations: [{ updateOne: { filter: { _id: PLANNER_CHECKPOINT_ID }, update: { $set: { position: checkpoint.toString() } }, upsert: true } }],
    });
    await this.readStore.write(writes);
  }

  /** New deliveries, inserted only if absent, the checkpoint untouched (an event planned again). */
  async insertPlanned(records: DeliveryRecord[]): Promise<void> {
    if (records.length > 0) await this.readStore.write([insertsOf(records)]);
  }
}

function insertsOf(records: DeliveryRecord[]): CollectionWrites {
  const operations: WriteOperation[] = records.map(({ _id, ...record }) => ({
    updateOne: { filter: { _id }, update: { $setOnInsert: { ...record, logOrder: logOrderOf(record.position) } }, upsert: true },
  }));
  return { collection: DELIVERIES_COLLECTION, operations };
}
