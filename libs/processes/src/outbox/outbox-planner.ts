import {
  type DeliveryChannel,
  type DeliveryOutcome,
  type DeliveryRecord,
  type DeliverySource,
  type DeliveryStore,
  type PlannedDelivery,
  deliveryIdFor,
} from '@lacak/application';
import { type AllSubscription, type EventStore, type RecordedEvent, readStreamOrEmpty } from '@lacak/event-store';
import { CHECKPOINTS_COLLECTION, type CheckpointDocument } from '@lacak/projections';
import type { ReadStore } from '@lacak/read-store';

export interface OutboxPlannerOptions {
  /** Most events planned in one write. */
  batchSize?: number;
  /** Pause before subscribing again after a failure. */
  retryDelayMs?: number;
  now: () => Date;
  /** Told when a batch wrote new deliveries, so the dispatcher looks at once. */
  onPlanned?: (count: number) => void;
  onError?: (error: unknown) => void;
  /** Told when a source failed on an event: it is kept as a dead delivery and planning goes on. */
  onPlanError?: (source: string, event: RecordedEvent, error: unknown) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const PAGE_SIZE = 1000;

/**
 * Turns events into deliveries: a catch-up subscription over the whole log from its own checkpoint,
 * asking every source about each event. A batch's new deliveries (inserted only if absent, under
 * their idempotency key) and the checkpoint go in one write, so a crash replays at most that batch
 * and never makes a second record. Its first start on a log that already holds events begins at
 * the log's end: history is not announced. A source that fails on an event does not hold the others
 * back: its failure is kept as a dead delivery (`plan-error:<source>`) on the `outbox-plan` channel,
 * which plans that event again through that source when an admin retries it.
 */
export class OutboxPlanner {
  private subscription: AllSubscription | null = null;
  private loop: Promise<void> | null = null;
  private stopping = false;

  constructor(
    private readonly eventStore: EventStore,
    private readonly readStore: ReadStore,
    private readonly store: DeliveryStore,
    private readonly sources: readonly DeliverySource[],
    private readonly options: OutboxPlannerOptions,
  ) {}

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

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.consume();
      } catch (error) {
        this.options.onError?.(error);
        await this.subscription?.unsubscribe();
        if (!this.stopping) await sleep(this.options.retryDelayMs ?? 1000);
      }
    }
  }

  private async consume(): Promise<void> {
    let from = await this.store.plannerCheckpoint();
    if (from === null) {
      from = (await this.logEnd()) ?? 'start';
      if (this.stopping) return;
      // Kept at once: after a crash it goes on from here, never from a later end of the log.
      await this.store.savePlanned([], from);
    }
    if (this.stopping) return;
    const subscription = this.eventStore.subscribeToAll({ fromPosition: from });
    this.subscription = subscription;
    const batchSize = this.options.batchSize ?? 100;
    let batch: RecordedEvent[] = [];
    for await (const event of subscription) {
      batch.push(event);
      if (batch.length >= batchSize || subscription.isCaughtUp) {
        await this.plan(batch);
        batch = [];
      }
    }
  }

  private async plan(events: RecordedEvent[]): Promise<void> {
    const createdAt = this.options.now().toISOString();
    const records = new Map<string, DeliveryRecord>();
    for (const event of events) {
      for (const source of this.sources) {
        let planned: PlannedDelivery[];
        try {
          planned = await source.plan(event);
        } catch (error) {
          this.options.onPlanError?.(source.name, event, error);
          planned = [];
          const failure = planFailureRecord(source.name, event, createdAt);
          records.set(failure._id, failure);
        }
        for (const record of planned.map((p) => deliveryRecordFor(event, p, createdAt))) records.set(record._id, record);
      }
    }
    const last = events[events.length - 1].position;
    await this.store.savePlanned([...records.values()], last);
    if (records.size > 0) this.options.onPlanned?.(records.size);
  }

  /**
   * The last event's position, found by reading on from the furthest projection checkpoint that
   * names an event of this log (else from the start); null for an empty log.
   */
  private async logEnd(): Promise<bigint | null> {
    let from: bigint | 'start' = (await this.furthestProjectionCheckpoint()) ?? 'start';
    let end: bigint | null = from === 'start' ? null : from;
    for (;;) {
      const page = await this.eventStore.readAll({ fromPosition: from, maxCount: PAGE_SIZE });
      if (page.length > 0) end = from = page[page.length - 1].position;
      if (page.length < PAGE_SIZE || this.stopping) return end;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private async furthestProjectionCheckpoint(): Promise<bigint | null> {
    const checkpoints = await this.readStore.collection<CheckpointDocument>(CHECKPOINTS_COLLECTION).find({}, { sort: { _id: 1 } });
    let furthest: bigint | null = null;
    for (const checkpoint of checkpoints) {
      const position = BigInt(checkpoint.position);
      if (!checkpoint.lastEvent || (furthest !== null && position <= furthest)) continue;
      const { streamId, revision, id } = checkpoint.lastEvent;
      const [found] = await readStreamOrEmpty(this.eventStore, streamId, { fromRevision: BigInt(revision), maxCount: 1 });
      if (found?.id === id && found.position === position) furthest = position;
    }
    return furthest;
  }
}

/** A new delivery of what a source planned for an event: pending, due at once. */
export function deliveryRecordFor(event: RecordedEvent, planned: PlannedDelivery, createdAt: string): DeliveryRecord {
  return {
    ...planned,
    _id: deliveryIdFor(event.id, planned),
    eventId: event.id,
    eventType: event.type,
    streamId: event.streamId,
    position: event.position.toString(),
    state: 'pending',
    attempts: [],
    nextAttemptAt: createdAt,
    createdAt,
    settledAt: null,
  };
}

/** The channel of a source's failure to plan an event: carrying such a delivery plans the event again. */
export const REPLAN_CHANNEL = 'outbox-plan';

/** A source's failure on an event, as a dead delivery an admin sees in the dead-letter list and may retry. */
export function planFailureRecord(source: string, event: RecordedEvent, at: string): DeliveryRecord {
  const planned: PlannedDelivery = { channel: REPLAN_CHANNEL, target: `source:${source}`, topic: 'plan', complaintId: null, orderKey: `plan:${source}:${event.id}` };
  return {
    ...deliveryRecordFor(event, planned, at),
    state: 'dead',
    attempts: [{ at, outcome: 'failed', reason: `plan-error:${source}` }],
    nextAttemptAt: null,
    settledAt: at,
  };
}

/** Plans an event again through the source that failed on it (an admin's retry of a `plan-error`). */
export class ReplanChannel implements DeliveryChannel {
  readonly name = REPLAN_CHANNEL;

  constructor(
    private readonly eventStore: EventStore,
    private readonly store: DeliveryStore,
    private readonly sources: readonly DeliverySource[],
    private readonly now: () => Date,
    private readonly onPlanned?: (count: number) => void,
  ) {}

  async deliver(delivery: DeliveryRecord): Promise<DeliveryOutcome> {
    const source = this.sources.find((candidate) => `source:${candidate.name}` === delivery.target);
    if (!source) return { kind: 'skipped', reason: 'source-unknown' };
    // Rare (an admin's retry): the stream is read whole to find the event by its id.
    const event = (await readStreamOrEmpty(this.eventStore, delivery.streamId)).find((candidate) => candidate.id === delivery.eventId);
    if (!event) return { kind: 'skipped', reason: 'event-unknown' };
    const createdAt = this.now().toISOString();
    const records = (await source.plan(event)).map((planned) => deliveryRecordFor(event, planned, createdAt));
    await this.store.insertPlanned(records);
    if (records.length > 0) this.onPlanned?.(records.length);
    return { kind: 'delivered' };
  }
}
