import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventToAppend, SqliteEventStore } from '@lacak/event-store';
import { SqliteReadStore } from '@lacak/read-store';
import { MeasureDeliveryBacklog } from './delivery-backlog';
import { DeliveryStore } from './delivery-store';

const metadata = { correlationId: 'c', causationId: 'c', actor: { id: 'a', role: 'system', agencyId: null }, occurredAt: '2026-03-02T02:00:00.000Z', schemaVersion: 1 };
let sequence = 0;
const events = (count: number): EventToAppend[] =>
  Array.from({ length: count }, () => ({ id: `00000000-0000-4000-8000-${String(++sequence).padStart(12, '0')}`, type: 'Noted', data: {}, metadata }));

describe('Measuring the delivery outbox’s backlog', () => {
  let dir: string;
  let eventStore: SqliteEventStore;
  let readStore: SqliteReadStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lacak-backlog-'));
    eventStore = SqliteEventStore.open({ file: join(dir, 'events.db') });
    readStore = SqliteReadStore.open({ file: join(dir, 'read-models.db') });
  });
  afterEach(async () => {
    await eventStore.close();
    await readStore.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('given many callers, then the planner’s lag is counted once per period, shared, and counted again once it is older', async () => {
    await new DeliveryStore(readStore).savePlanned([], 'start');
    await eventStore.appendToStream('complaint-1', events(3), { expectedState: 'no_stream' });
    let reads = 0;
    const readAll = eventStore.readAll.bind(eventStore);
    eventStore.readAll = (options) => {
      reads++;
      return readAll(options);
    };
    let now = 0;
    const backlog = new MeasureDeliveryBacklog(eventStore, readStore, { lagMaxAgeMs: 10_000, now: () => now });

    const answers = await Promise.all(Array.from({ length: 5 }, () => backlog.run()));
    expect(answers.map((answer) => answer.plannerLagEvents)).toEqual([3, 3, 3, 3, 3]);
    expect(reads).toBe(1);

    await eventStore.appendToStream('complaint-1', events(2), { expectedState: 'any' });
    now = 9_999;
    expect((await backlog.run()).plannerLagEvents).toBe(3);
    now = 10_000;
    expect((await backlog.run()).plannerLagEvents).toBe(5);
    expect(reads).toBe(2);
  });
});
