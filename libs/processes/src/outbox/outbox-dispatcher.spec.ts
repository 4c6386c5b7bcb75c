import {
  DeliveryAlreadyDeliveredError,
  type DeliveryChannel,
  type DeliveryOutcome,
  type DeliveryRecord,
  DeliveryStore,
  RetryDelivery,
} from '@lacak/application';
import type { Actor } from '@lacak/domain';
import { type TempStores, openTempStores } from '@lacak/projections/testing';
import { OutboxDispatcher } from './outbox-dispatcher';

const ADMIN: Actor = { id: 'admin', role: 'national_admin', agencyId: null };
const START = Date.parse('2026-03-02T02:00:00Z');
let position = 0;

function planned(orderKey: string, topic: string): DeliveryRecord {
  position++;
  return {
    _id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    channel: 'test',
    target: orderKey,
    topic,
    complaintId: null,
    orderKey,
    eventId: `event-${position}`,
    eventType: 'ThingHappened',
    streamId: 'complaint-1',
    position: String(position),
    state: 'pending',
    attempts: [],
    nextAttemptAt: new Date(START).toISOString(),
    createdAt: new Date(START).toISOString(),
    settledAt: null,
  };
}

/** Answers each topic with the outcomes scripted for it, in turn; `delivered` once they run out. */
class ScriptedChannel implements DeliveryChannel {
  readonly name = 'test';
  readonly carried: string[] = [];
  constructor(private readonly script: Record<string, (DeliveryOutcome | 'throw')[]> = {}) {}
  async deliver(delivery: DeliveryRecord): Promise<DeliveryOutcome> {
    this.carried.push(delivery.topic);
    const next = this.script[delivery.topic]?.shift() ?? { kind: 'delivered' };
    if (next === 'throw') throw new Error('connection reset, body: secret text');
    return next;
  }
}

const failed = (retryable = true): DeliveryOutcome => ({ kind: 'failed', reason: 'http-503', retryable });

describe('OutboxDispatcher', () => {
  let stores: TempStores;
  let store: DeliveryStore;
  let now: number;
  const dispatcher = (channel: DeliveryChannel, maxAttempts = 3) =>
    new OutboxDispatcher(store, [channel], {
      baseMs: 100,
      maxMs: 1000,
      maxAttempts,
      timeoutMs: 1000,
      concurrency: 2,
      pollIntervalMs: 1000,
      now: () => new Date(now),
      // The longest wait the jitter allows, so the tests know when a retry is due.
      random: () => 0.999,
    });
  const stateOf = async (id: string) => (await store.get(id))!;

  beforeEach(async () => {
    stores = await openTempStores();
    store = new DeliveryStore(stores.readStore);
    await store.createIndexes();
    now = START;
  });
  afterEach(() => stores.cleanup());

  it('given two deliveries of one order key, when the first fails, then the second waits until the first is delivered, while another key goes ahead', async () => {
    const first = planned('endpoint-1|complaint-1', 'first');
    const second = planned('endpoint-1|complaint-1', 'second');
    const other = planned('endpoint-1|complaint-2', 'other');
    await store.savePlanned([first, second, other], 3n);
    const channel = new ScriptedChannel({ first: [failed()] });
    const subject = dispatcher(channel);

    await subject.pass();
    expect(channel.carried).toEqual(['first', 'other']);
    expect(await stateOf(first._id)).toMatchObject({ state: 'pending', attempts: [{ outcome: 'failed', reason: 'http-503' }] });
    expect((await stateOf(second._id)).attempts).toEqual([]);

    // Not due yet: nothing moves, the second still waits.
    await subject.pass();
    expect(channel.carried).toEqual(['first', 'other']);

    now += 100;
    await subject.pass();
    await subject.pass();
    expect(channel.carried).toEqual(['first', 'other', 'first', 'second']);
    expect(await stateOf(first._id)).toMatchObject({ state: 'delivered', nextAttemptAt: null });
    expect(await stateOf(second._id)).toMatchObject({ state: 'delivered' });
  });

  it('given a receiver that keeps failing, when the attempts run out, then the delivery is dead and no longer holds its key back', async () => {
    const doomed = planned('key', 'doomed');
    const next = planned('key', 'next');
    await store.savePlanned([doomed, next], 2n);
    const channel = new ScriptedChannel({ doomed: [failed(), 'throw', failed()] });
    const subject = dispatcher(channel, 3);

    for (let i = 0; i < 3; i++) {
      await subject.pass();
      now += 1000;
    }
    const dead = await stateOf(doomed._id);
    expect(dead.state).toBe('dead');
    expect(dead.attempts.map((a) => a.outcome)).toEqual(['failed', 'failed', 'failed']);
    // A thrown error is a retryable failure; its message (which may quote content) is not kept.
    expect(dead.attempts[1].reason).toBe('error:Error');
    expect(JSON.stringify(dead)).not.toContain('secret text');

    await subject.pass();
    expect(await stateOf(next._id)).toMatchObject({ state: 'delivered' });
  });

  it('waits up to twice as long after each failure, never more than the bound', async () => {
    const delivery = planned('key', 'flaky');
    await store.savePlanned([delivery], 1n);
    const subject = dispatcher(new ScriptedChannel({ flaky: [failed(), failed(), failed(), failed()] }), 10);
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      await subject.pass();
      const due = Date.parse((await stateOf(delivery._id)).nextAttemptAt!);
      waits.push(due - now);
      now = due;
    }
    expect(waits).toEqual([99, 199, 399, 799]);
  });

  it('given a non-retryable failure, then the delivery is dead at once', async () => {
    const delivery = planned('key', 'refused');
    await store.savePlanned([delivery], 1n);
    await dispatcher(new ScriptedChannel({ refused: [failed(false)] })).pass();
    expect(await stateOf(delivery._id)).toMatchObject({ state: 'dead', attempts: [{ outcome: 'failed' }] });
  });

  it('given a channel waiting on the engine itself, then nothing is recorded as an attempt and it is due again after the poll interval, however often', async () => {
    const delivery = planned('key', 'early');
    await store.savePlanned([delivery], 1n);
    const behind = { kind: 'deferred', reason: 'complaint-view-behind' } as const;
    const subject = dispatcher(new ScriptedChannel({ early: [behind, behind, behind, behind] }), 2);
    for (let i = 0; i < 4; i++) {
      await subject.pass();
      expect(await stateOf(delivery._id)).toMatchObject({ state: 'pending', attempts: [], nextAttemptAt: new Date(now + 1000).toISOString() });
      now += 1000;
    }
    await subject.pass();
    expect(await stateOf(delivery._id)).toMatchObject({ state: 'delivered', attempts: [{ outcome: 'delivered' }] });
  });

  it('given a skipped outcome, then the delivery is settled as skipped with its reason', async () => {
    const delivery = planned('key', 'erased');
    await store.savePlanned([delivery], 1n);
    await dispatcher(new ScriptedChannel({ erased: [{ kind: 'skipped', reason: 'identity-erased' }] })).pass();
    expect(await stateOf(delivery._id)).toMatchObject({ state: 'skipped', attempts: [{ outcome: 'skipped', reason: 'identity-erased' }] });
  });

  it('given a channel that never answers, then the attempt is aborted at the timeout and retried', async () => {
    const delivery = planned('key', 'silent');
    await store.savePlanned([delivery], 1n);
    const silent: DeliveryChannel = { name: 'test', deliver: () => new Promise(() => undefined) };
    await new OutboxDispatcher(store, [silent], {
      baseMs: 100, maxMs: 1000, maxAttempts: 3, timeoutMs: 20, concurrency: 1, pollIntervalMs: 1000, now: () => new Date(now),
    }).pass();
    expect(await stateOf(delivery._id)).toMatchObject({ state: 'pending', attempts: [{ outcome: 'failed', reason: 'timeout' }] });
  });

  it('given a channel whose operation is not safe to repeat, when the timeout cuts it short, then the delivery is dead, not tried again', async () => {
    const delivery = planned('key', 'create');
    await store.savePlanned([delivery], 1n);
    const silent: DeliveryChannel = { name: 'test', deliver: () => new Promise(() => undefined), safeToRepeat: (d) => d.topic !== 'create' };
    await new OutboxDispatcher(store, [silent], {
      baseMs: 100, maxMs: 1000, maxAttempts: 3, timeoutMs: 20, concurrency: 1, pollIntervalMs: 1000, now: () => new Date(now),
    }).pass();
    expect(await stateOf(delivery._id)).toMatchObject({ state: 'dead', attempts: [{ outcome: 'failed', reason: 'timeout-unconfirmed' }] });
  });

  it('given an attempt under way, when the dispatcher stops, then the attempt runs to its end and its outcome is recorded', async () => {
    const delivery = planned('key', 'slow');
    await store.savePlanned([delivery], 1n);
    let reached!: () => void;
    const inFlight = new Promise<void>((resolve) => (reached = resolve));
    let answer!: (outcome: DeliveryOutcome) => void;
    const slow: DeliveryChannel = {
      name: 'test',
      deliver: (_delivery, signal) =>
        new Promise((resolve, reject) => {
          answer = resolve;
          reached();
          signal.addEventListener('abort', () => reject(signal.reason));
        }),
    };
    const subject = new OutboxDispatcher(store, [slow], {
      baseMs: 100, maxMs: 1000, maxAttempts: 3, timeoutMs: 60_000, concurrency: 1, pollIntervalMs: 60_000, now: () => new Date(now),
    });
    subject.start();
    await inFlight;
    const stopped = subject.stop();
    // The channel's own answer: the create may have happened, so it must not be made again.
    answer({ kind: 'failed', reason: 'lapor-timeout-unconfirmed', retryable: false });
    await stopped;
    expect(await stateOf(delivery._id)).toMatchObject({ state: 'dead', attempts: [{ outcome: 'failed', reason: 'lapor-timeout-unconfirmed' }] });
  });

  it('given many due order keys, then one pass carries a bounded number of them and the next pass goes on', async () => {
    const deliveries = Array.from({ length: 20 }, (_, n) => planned(`key-${n}`, 'burst'));
    await store.savePlanned(deliveries, 20n);
    const channel = new ScriptedChannel();
    const subject = dispatcher(channel);
    expect(await subject.pass()).toBe(8);
    expect(await subject.pass()).toBe(8);
    expect(await subject.pass()).toBe(4);
    expect(channel.carried).toHaveLength(20);
  });

  it('given a delivery of a channel not configured here, then it stays pending and unattempted', async () => {
    const delivery = { ...planned('key', 'sms'), channel: 'sms' };
    await store.savePlanned([delivery], 1n);
    const missing: string[] = [];
    await new OutboxDispatcher(store, [new ScriptedChannel()], {
      baseMs: 100, maxMs: 1000, maxAttempts: 3, timeoutMs: 1000, concurrency: 1, pollIntervalMs: 1000, now: () => new Date(now),
      onMissingChannel: (channel) => missing.push(channel),
    }).pass();
    expect(await stateOf(delivery._id)).toMatchObject({ state: 'pending', attempts: [] });
    expect(missing).toEqual(['sms']);
  });

  it('given a dead delivery, when an admin retries it, then it is sent again under the same key with its history and a new round of attempts', async () => {
    const delivery = planned('key', 'late');
    await store.savePlanned([delivery], 1n);
    const channel = new ScriptedChannel({ late: [failed(false), failed()] });
    const subject = dispatcher(channel, 2);
    await subject.pass();
    expect((await stateOf(delivery._id)).state).toBe('dead');

    now += 5000;
    const retried = await new RetryDelivery(stores.readStore, { now: () => new Date(now) }).run(ADMIN, delivery._id);
    expect(retried).toMatchObject({ _id: delivery._id, state: 'pending', nextAttemptAt: new Date(now).toISOString(), settledAt: null });
    expect(retried.attempts).toHaveLength(1);

    await subject.pass();
    // The new round has two attempts of its own: one failure leaves it pending.
    expect(await stateOf(delivery._id)).toMatchObject({ state: 'pending' });
    now += 1000;
    await subject.pass();
    expect(await stateOf(delivery._id)).toMatchObject({ state: 'delivered' });
    expect((await stateOf(delivery._id)).attempts.map((a) => a.outcome)).toEqual(['failed', 'failed', 'delivered']);

    await expect(new RetryDelivery(stores.readStore, { now: () => new Date(now) }).run(ADMIN, delivery._id)).rejects.toBeInstanceOf(DeliveryAlreadyDeliveredError);
  });
});
