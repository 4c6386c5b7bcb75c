import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventToAppend, SqliteEventStore } from '@lacak/event-store';
import { CHECKPOINTS_COLLECTION } from '@lacak/projections';
import { SqliteReadStore } from '@lacak/read-store';
import { LAG_SCAN_LIMIT, MeasureProjectionLag } from './projection-lag';

const metadata = { correlationId: 'c', causationId: 'c', actor: { id: 'a', role: 'system', agencyId: null }, occurredAt: '2026-03-02T02:00:00.000Z', schemaVersion: 1 };
let sequence = 0;
const events = (count: number): EventToAppend[] =>
  Array.from({ length: count }, () => ({ id: `00000000-0000-4000-8000-${String(++sequence).padStart(12, '0')}`, type: 'Noted', data: {}, metadata }));

describe('Measuring how far each projection is behind', () => {
  let dir: string;
  let eventStore: SqliteEventStore;
  let readStore: SqliteReadStore;
  const projections = [
    { name: 'complaints', streamPrefixes: ['complaint-'] },
    { name: 'calendars', streamPrefixes: ['holiday-calendar-'] },
  ];
  const measure = () => new MeasureProjectionLag(eventStore, readStore, projections).run();
  const checkpointAt = (name: string, position: bigint) =>
    readStore.collection(CHECKPOINTS_COLLECTION).updateOne({ _id: name }, { $set: { position: position.toString() } }, { upsert: true });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lacak-lag-'));
    eventStore = SqliteEventStore.open({ file: join(dir, 'events.db') });
    readStore = SqliteReadStore.open({ file: join(dir, 'read-models.db') });
  });
  afterEach(async () => {
    await eventStore.close();
    await readStore.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('counts every event of its streams when it has no checkpoint yet, and none on an empty log', async () => {
    expect(await measure()).toEqual([
      { projection: 'complaints', events: 0, oldestWaitingSince: null },
      { projection: 'calendars', events: 0, oldestWaitingSince: null },
    ]);
    await eventStore.appendToStream('complaint-1', events(3), { expectedState: 'no_stream' });
    const [first] = await eventStore.readAll({ maxCount: 1 });
    expect(await measure()).toEqual([
      { projection: 'complaints', events: 3, oldestWaitingSince: first.recordedAt },
      { projection: 'calendars', events: 0, oldestWaitingSince: null },
    ]);
  });

  it('counts only the events of its own streams after its checkpoint, not the positions up to the head', async () => {
    const { position: projected } = await eventStore.appendToStream('complaint-1', events(2), { expectedState: 'no_stream' });
    await checkpointAt('complaints', projected);
    // Other streams move the head but never this projection's checkpoint.
    await eventStore.appendToStream('tree-heads', events(5), { expectedState: 'no_stream' });
    await eventStore.appendToStream('holiday-calendar-2027', events(1), { expectedState: 'no_stream' });
    expect((await measure())[0]).toEqual({ projection: 'complaints', events: 0, oldestWaitingSince: null });

    await eventStore.appendToStream('complaint-2', events(1), { expectedState: 'no_stream' });
    const waiting = (await eventStore.readStream('complaint-2'))[0];
    expect(await measure()).toEqual([
      { projection: 'complaints', events: 1, oldestWaitingSince: waiting.recordedAt },
      { projection: 'calendars', events: 1, oldestWaitingSince: expect.any(String) },
    ]);
  });

  it('stops counting at the scan limit, however far behind', async () => {
    await eventStore.appendToStream('complaint-1', events(LAG_SCAN_LIMIT + 50), { expectedState: 'no_stream' });
    expect((await measure())[0].events).toBe(LAG_SCAN_LIMIT);
  });
});
