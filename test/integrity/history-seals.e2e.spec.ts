import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SealLegacyHistory, VerifyEventLog, toEventsToAppend } from '@lacak/application';
import { aComplaint, actors } from '@lacak/domain/testing';
import { HISTORY_SEALS_STREAM } from '@lacak/integrity';
import { readStreamOrEmpty } from '@lacak/event-store';
import { EMBEDDED_FILES } from '@lacak/storage';
import { TestApp } from '../support/test-app';

/**
 * A store written before the engine hashed its events: the upgrade seals each such stream once,
 * rewriting nothing, and an edit of a sealed event shows from then on.
 */
describe('the upgrade to hashing', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ PROJECTOR_IN_PROCESS: 'false' });
    // Two complaints as an older engine stored them: no hash, no link.
    for (const id of ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222']) {
      const events = aComplaint()
        .submitted()
        .verified()
        .events()
        .map((event) => ({ ...event, data: { ...event.data, complaintId: id } }));
      await t.eventStore.appendToStream(`complaint-${id}`, toEventsToAppend(events, actors.nationalAdmin, '2026-01-05T01:00:00.000Z', { commandId: id, correlationId: id }), {
        expectedState: 'no_stream',
      });
    }
  });
  afterAll(() => t.stop());

  const seal = () => new SealLegacyHistory(t.eventStore, { now: () => new Date() }).run();
  const verify = () => t.app.get(VerifyEventLog).run();

  it('seals every stream once, and nothing when run again', async () => {
    const before = (await t.allEvents()).filter((event) => event.streamId.startsWith('complaint-'));
    expect(await seal()).toBe(2);
    expect(await seal()).toBeNull();
    const seals = await readStreamOrEmpty(t.eventStore, HISTORY_SEALS_STREAM);
    expect(seals).toHaveLength(1);
    expect(seals[0].data.streams).toEqual([
      expect.objectContaining({ streamId: 'complaint-11111111-1111-4111-8111-111111111111', revision: '1' }),
      expect.objectContaining({ streamId: 'complaint-22222222-2222-4222-8222-222222222222', revision: '1' }),
    ]);
    // No stored event was rewritten.
    expect((await t.allEvents()).filter((event) => event.streamId.startsWith('complaint-'))).toEqual(before);
    expect((await verify()).faults).toEqual([]);
  });

  it('shows an edit of a sealed event', async () => {
    const db = new Database(join(t.config.dataDir, EMBEDDED_FILES.events));
    try {
      db.prepare("UPDATE events SET data = json_set(data, '$.slaClass', 'information') WHERE stream_id = ? AND revision = 1").run(
        'complaint-11111111-1111-4111-8111-111111111111',
      );
    } finally {
      db.close();
    }
    expect((await verify()).faults).toEqual([expect.objectContaining({ streamId: 'complaint-11111111-1111-4111-8111-111111111111', revision: '1', kind: 'seal-mismatch' })]);
  });

  it('leaves a store hashed from its first event without a seal', async () => {
    const fresh = await TestApp.start();
    try {
      expect(await new SealLegacyHistory(fresh.eventStore, { now: () => new Date() }).run()).toBe(0);
      expect(await readStreamOrEmpty(fresh.eventStore, HISTORY_SEALS_STREAM)).toEqual([]);
    } finally {
      await fresh.stop();
    }
  });
});
