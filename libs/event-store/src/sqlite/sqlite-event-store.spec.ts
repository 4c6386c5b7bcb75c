import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { eventStoreContract } from '../contract/event-store.contract';
import type { AllSubscription, EventToAppend, RecordedEvent } from '../event-store.port';
import { openDatabase } from './schema';
import { SqliteEventStore } from './sqlite-event-store';

async function tempDatabaseFile(): Promise<{ file: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'lacak-event-store-'));
  return { file: join(dir, 'events.db'), remove: () => rm(dir, { recursive: true, force: true }) };
}

eventStoreContract('SqliteEventStore', async () => {
  const { file, remove } = await tempDatabaseFile();
  let current = SqliteEventStore.open({ file });
  return {
    store: current,
    reopen: async () => (current = SqliteEventStore.open({ file })),
    cleanup: async () => {
      await current.close();
      await remove();
    },
  };
});

function newEvent(): EventToAppend {
  return {
    id: randomUUID(),
    type: 'Tested',
    data: {},
    metadata: {
      correlationId: randomUUID(),
      causationId: randomUUID(),
      actor: { id: 'user-1', role: 'citizen', agencyId: null },
      occurredAt: '2024-05-01T08:30:00.000Z',
      schemaVersion: 1,
    },
  };
}

/** Resolves with the first `count` events, appending `live` once the subscription is caught up. */
async function takeLive(subscription: AllSubscription, count: number, live: () => Promise<unknown>): Promise<RecordedEvent[]> {
  let appended: Promise<unknown> | undefined;
  subscription.onCaughtUp(() => (appended ??= live()));
  const seen: RecordedEvent[] = [];
  for await (const event of subscription) {
    seen.push(event);
    if (seen.length === count) break;
  }
  await appended;
  return seen;
}

describe('SqliteEventStore', () => {
  let file: string;
  let remove: () => Promise<void>;
  let store: SqliteEventStore;

  beforeEach(async () => {
    ({ file, remove } = await tempDatabaseFile());
    store = SqliteEventStore.open({ file });
  });
  afterEach(async () => {
    await store.close();
    await remove();
  });

  it('opens the file in WAL mode with synchronous FULL', () => {
    const db = openDatabase(file);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2n); // 2 = FULL
    } finally {
      db.close();
    }
  });

  it('commits concurrent appends to different streams in one transaction, answering each after the commit', async () => {
    const reader = new Database(file, { readonly: true });
    const isStored = reader.prepare<[string]>('SELECT 1 FROM events WHERE event_id = ?').pluck();
    const commitsBefore = store.commitCount;
    const events = Array.from({ length: 10 }, newEvent);

    const outcomes = await Promise.allSettled(
      events.map((event, i) =>
        store
          .appendToStream(`group-${i}`, [event], { expectedState: i === 3 ? 'stream_exists' : 'no_stream' })
          .then(() => isStored.get(event.id) !== undefined),
      ),
    );
    reader.close();

    expect(store.commitCount - commitsBefore).toBe(1);
    expect(outcomes.map((outcome) => outcome.status === 'fulfilled' && outcome.value)).toEqual(
      events.map((_, i) => i !== 3),
    );
    expect(outcomes[3]).toMatchObject({ status: 'rejected', reason: { name: 'WrongExpectedVersionError' } });
  });

  it('answers a retry with the original result whatever its expected state, also within one group', async () => {
    const batch = [newEvent(), newEvent()];
    const [original, sameGroup] = await Promise.all([
      store.appendToStream('retry', batch, { expectedState: 'no_stream' }),
      store.appendToStream('retry', batch, { expectedState: 'no_stream' }),
    ]);
    expect(sameGroup).toEqual(original);

    await store.appendToStream('retry', [newEvent()], { expectedState: 1n });
    await expect(store.appendToStream('retry', batch, { expectedState: 7n })).resolves.toEqual(original);
    await expect(store.readStream('retry')).resolves.toHaveLength(3);
  });

  it('numbers positions 1, 2, 3, … with none skipped, even past failed appends in one group', async () => {
    const taken = newEvent();
    await store.appendToStream('numbered', [taken], { expectedState: 'no_stream' });
    const outcomes = await Promise.allSettled([
      store.appendToStream('numbered', [newEvent()], { expectedState: 0n }),
      // A second batch of two whose last event reuses a stored id: refused whole, inside the group.
      store.appendToStream('other', [newEvent(), taken], { expectedState: 'no_stream' }),
      store.appendToStream('numbered', [newEvent()], { expectedState: 7n }),
      store.appendToStream('numbered', [newEvent()], { expectedState: 1n }),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(store.positionsContiguous).toBe(true);
    expect((await store.readAll()).map((event) => event.position)).toEqual([1n, 2n, 3n]);
  });

  it('rejects an append without events', async () => {
    await expect(store.appendToStream('empty', [], { expectedState: 'any' })).rejects.toBeInstanceOf(RangeError);
  });

  it('close() writes the appends still waiting for their group commit', async () => {
    const event = newEvent();
    const pending = store.appendToStream('late', [event], { expectedState: 'no_stream' });
    await store.close();
    await expect(pending).resolves.toMatchObject({ nextExpectedRevision: 0n });
    await expect(store.appendToStream('late', [newEvent()], { expectedState: 'any' })).rejects.toThrow('closed');

    store = SqliteEventStore.open({ file });
    await expect(store.readStream('late')).resolves.toMatchObject([{ id: event.id }]);
  });

  it('wakes a live subscription on its own commits without waiting for the poll', async () => {
    await store.close();
    store = SqliteEventStore.open({ file, pollIntervalMs: 60_000 });
    const event = newEvent();
    const started = Date.now();

    const seen = await takeLive(store.subscribeToAll(), 1, () =>
      store.appendToStream('wake', [event], { expectedState: 'no_stream' }),
    );
    expect(seen.map((recorded) => recorded.id)).toEqual([event.id]);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('lets a second instance on the same file see appends of the first by polling', async () => {
    const projector = SqliteEventStore.open({ file, pollIntervalMs: 10 });
    const events = [newEvent(), newEvent()];
    try {
      const seen = await takeLive(projector.subscribeToAll(), 2, () =>
        store.appendToStream('from-api', events, { expectedState: 'no_stream' }),
      );
      expect(seen.map((recorded) => recorded.id)).toEqual(events.map((event) => event.id));
    } finally {
      await projector.close();
    }
  });

  it('wakes a subscription of another instance in this process on each commit, without waiting for its poll', async () => {
    const projector = SqliteEventStore.open({ file, pollIntervalMs: 3_600_000 });
    const event = newEvent();
    try {
      const seen = await takeLive(projector.subscribeToAll(), 1, () => store.appendToStream('from-api', [event], { expectedState: 'no_stream' }));
      expect(seen.map((recorded) => recorded.id)).toEqual([event.id]);
    } finally {
      await projector.close();
    }
  });

  it('keeps acknowledged events when the writing process dies without close()', async () => {
    await store.close(); // so the fresh instance below is the first connection after the crash
    const events = [newEvent(), newEvent()];
    // The child appends, then kills itself with SIGKILL: no close(), no WAL checkpoint.
    const script = `
      const { SqliteEventStore } = require(${JSON.stringify(require.resolve('./sqlite-event-store'))});
      const store = SqliteEventStore.open({ file: process.argv[1] });
      store.appendToStream('crash', JSON.parse(process.argv[2]), { expectedState: 'no_stream' })
        .then(() => process.kill(process.pid, 'SIGKILL'));
    `;
    const crashed = promisify(execFile)(process.execPath, ['-r', '@swc-node/register', '-e', script, file, JSON.stringify(events)]);
    await expect(crashed).rejects.toMatchObject({ signal: 'SIGKILL' });

    const fresh = SqliteEventStore.open({ file });
    try {
      const stored = await fresh.readStream('crash');
      expect(stored).toMatchObject(events.map(({ id, data }) => ({ id, data })));
    } finally {
      await fresh.close();
    }
  });
});
