import { DELIVERIES_COLLECTION, type DeliverySource, DeliveryStore, type PlannedDelivery, deliveryIdFor } from '@lacak/application';
import type { EventStore, RecordedEvent } from '@lacak/event-store';
import { type TempStores, openTempStores } from '@lacak/projections/testing';
import type { CollectionWrites, ReadStore } from '@lacak/read-store';
import { eventually } from '@lacak/testing';
import { OutboxPlanner, REPLAN_CHANNEL, ReplanChannel } from './outbox-planner';

const NOW = new Date('2026-03-02T02:00:00Z');

/** One notice per event: the shape every real source has, without its rules. */
const noticePerEvent: DeliverySource = {
  name: 'test',
  plan: async (event: RecordedEvent): Promise<PlannedDelivery[]> => [
    { channel: 'test', target: `reporter:${event.streamId}`, topic: event.type, complaintId: event.streamId, orderKey: `reporter:${event.streamId}` },
  ],
};

async function append(eventStore: EventStore, streamId: string, count: number): Promise<RecordedEvent[]> {
  for (let i = 0; i < count; i++) {
    await eventStore.appendToStream(
      streamId,
      [
        {
          id: crypto.randomUUID(),
          type: 'ThingHappened',
          data: { i },
          metadata: { correlationId: 'c', causationId: 'c', actor: { id: 'a', role: 'system', agencyId: null }, occurredAt: NOW.toISOString(), schemaVersion: 1 },
        },
      ],
      { expectedState: 'any' },
    );
  }
  return (await eventStore.readAll()).filter((event) => event.streamId === streamId);
}

/** A read store whose `write` fails while `failing` is set, as a crash before the write would. */
function crashingWrites(readStore: ReadStore): ReadStore & { failing: boolean; crashes: number } {
  const wrapper = Object.create(readStore) as ReadStore & { failing: boolean; crashes: number };
  wrapper.failing = false;
  wrapper.crashes = 0;
  wrapper.write = (batch: CollectionWrites[]) => {
    if (!wrapper.failing) return readStore.write(batch);
    wrapper.crashes++;
    return Promise.reject(new Error('crashed'));
  };
  return wrapper;
}

describe('OutboxPlanner', () => {
  let stores: TempStores;
  let store: DeliveryStore;
  const planners: OutboxPlanner[] = [];
  const planner = (readStore: ReadStore = stores.readStore, batchSize = 100) => {
    const created = new OutboxPlanner(stores.eventStore, readStore, new DeliveryStore(readStore), [noticePerEvent], { now: () => NOW, batchSize, retryDelayMs: 10 });
    planners.push(created);
    return created;
  };
  const deliveries = () => stores.readStore.collection(DELIVERIES_COLLECTION).find({}, { sort: { logOrder: 1 } });

  beforeEach(async () => {
    stores = await openTempStores();
    store = new DeliveryStore(stores.readStore);
  });
  afterEach(async () => {
    for (const p of planners.splice(0)) await p.stop();
    await stores.cleanup();
  });

  it('given an empty log, when events arrive, then each gets its delivery, pending and due at once, keyed by its idempotency key', async () => {
    planner().start();
    const [event] = await append(stores.eventStore, 'complaint-1', 1);

    await eventually(async () => (await deliveries()).length === 1);
    const [delivery] = await deliveries();
    expect(delivery).toMatchObject({
      _id: deliveryIdFor(event.id, { channel: 'test', target: 'reporter:complaint-1', topic: 'ThingHappened' }),
      eventId: event.id,
      position: event.position.toString(),
      state: 'pending',
      attempts: [],
      nextAttemptAt: NOW.toISOString(),
    });
    expect(await store.plannerCheckpoint()).toBe(event.position);
  });

  it('given a source that fails on one event, then that failure is kept as a dead plan-error, the other events are planned, and a retry plans it again', async () => {
    let broken = true;
    const fragile: DeliverySource = {
      name: 'fragile',
      plan: async (event) => {
        if (broken && (event.data as { i: number }).i === 1) throw new Error('cannot plan');
        return noticePerEvent.plan(event);
      },
    };
    const failures: string[] = [];
    const created = new OutboxPlanner(stores.eventStore, stores.readStore, store, [fragile], {
      now: () => NOW, batchSize: 100, retryDelayMs: 10, onPlanError: (source, event) => failures.push(`${source}:${event.id}`),
    });
    planners.push(created);
    created.start();
    const events = await append(stores.eventStore, 'complaint-1', 3);

    await eventually(async () => (await store.plannerCheckpoint()) === events[2].position);
    const all = await deliveries();
    expect(all.filter((d) => d.state === 'pending').map((d) => d.eventId)).toEqual([events[0].id, events[2].id]);
    const [failure] = all.filter((d) => d.state === 'dead');
    expect(failure).toMatchObject({ eventId: events[1].id, channel: REPLAN_CHANNEL, attempts: [{ outcome: 'failed', reason: 'plan-error:fragile' }] });
    expect(failures).toEqual([`fragile:${events[1].id}`]);

    broken = false;
    const replan = new ReplanChannel(stores.eventStore, store, [fragile], () => NOW);
    expect(await replan.deliver((await store.get(failure._id as string))!)).toEqual({ kind: 'delivered' });
    expect((await deliveries()).filter((d) => d.state === 'pending').map((d) => d.eventId)).toEqual(events.map((e) => e.id));
  });

  it('given a log with history and no checkpoint, when it first starts, then it begins at the log’s end and announces no history', async () => {
    const history = await append(stores.eventStore, 'complaint-old', 3);
    const first = planner();
    first.start();
    await eventually(async () => (await store.plannerCheckpoint()) === history[2].position);

    const [fresh] = await append(stores.eventStore, 'complaint-new', 1);
    await eventually(async () => (await deliveries()).length === 1);
    expect((await deliveries()).map((d) => d.eventId)).toEqual([fresh.id]);
  });

  it('given a first start on an empty log, when it stops before any event and events arrive meanwhile, then it plans them on its next start', async () => {
    const first = planner();
    first.start();
    await eventually(async () => (await store.plannerCheckpoint()) === 'start');
    await first.stop();
    await append(stores.eventStore, 'complaint-1', 2);

    planner().start();
    await eventually(async () => (await deliveries()).length === 2);
  });

  it('given a batch whose write crashed, when it starts again on the same stores, then every event has exactly one delivery', async () => {
    const crashing = crashingWrites(stores.readStore);
    const first = planner(crashing, 2);
    first.start();
    await append(stores.eventStore, 'complaint-1', 3);
    await eventually(async () => (await deliveries()).length === 3);
    // The crash: the next batch's write fails as a whole (records and checkpoint together).
    crashing.failing = true;
    await append(stores.eventStore, 'complaint-2', 3);
    await eventually(() => crashing.crashes > 0);
    await first.stop();
    expect(await deliveries()).toHaveLength(3);
    const checkpoint = await store.plannerCheckpoint();
    // Records and checkpoint moved together: the checkpoint names the last event with a delivery.
    expect((await deliveries()).at(-1)!.position).toBe(checkpoint!.toString());

    planner().start();
    await eventually(async () => (await deliveries()).length === 6);
    const all = await stores.eventStore.readAll();
    expect((await deliveries()).map((d) => d.eventId)).toEqual(all.map((e) => e.id));
  });

  it('given deliveries written but a checkpoint left behind, when it replays them, then it adds none and changes none', async () => {
    planner().start();
    const events = await append(stores.eventStore, 'complaint-1', 3);
    await eventually(async () => (await deliveries()).length === 3);
    await planners[0].stop();
    const [firstDelivery] = await deliveries();
    await stores.readStore.collection(DELIVERIES_COLLECTION).updateOne({ _id: firstDelivery._id }, { $set: { state: 'delivered', nextAttemptAt: null } });
    // As a store without atomic writes could leave it: the records in, the checkpoint not.
    await store.savePlanned([], events[0].position);

    planner().start();
    await eventually(async () => (await store.plannerCheckpoint()) === events[2].position);
    const after = await deliveries();
    expect(after).toHaveLength(3);
    expect(after[0]).toMatchObject({ _id: firstDelivery._id, state: 'delivered' });
  });
});
