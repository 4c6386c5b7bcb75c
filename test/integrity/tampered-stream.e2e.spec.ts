import { join } from 'node:path';
import Database from 'better-sqlite3';
import { INTEGRITY_ALERTS_STREAM } from '@lacak/application';
import { readStreamOrEmpty } from '@lacak/event-store';
import { verifyChain } from '@lacak/integrity';
import { EMBEDDED_FILES } from '@lacak/storage';
import { type Fixture, complaintAt } from '../support/complaint-stages';
import { TestApp } from '../support/test-app';

/**
 * Events changed in `events.db` behind the engine's back: a command on the complaint is refused
 * with 409 INTEGRITY_VIOLATION, nothing is written, and an alert names the stream and revision.
 */
describe('a command on a tampered complaint stream', () => {
  let t: TestApp;
  let db: Database.Database;

  beforeAll(async () => {
    t = await TestApp.start();
    db = new Database(join(t.config.dataDir, EMBEDDED_FILES.events), { timeout: 5000 });
  });
  afterAll(async () => {
    db.close();
    await t.stop();
  });

  const streamOf = (fixture: Fixture) => readStreamOrEmpty(t.eventStore, `complaint-${fixture.id}`);
  const accept = async (fixture: Fixture) =>
    t.request('POST', `/complaints/${fixture.id}/accept`, { token: await t.token('agency_admin', fixture.holder), body: {} });
  const row = (fixture: Fixture, revision: number) =>
    db.prepare('SELECT * FROM events WHERE stream_id = ? AND revision = ?').get(`complaint-${fixture.id}`, revision) as Record<string, unknown>;

  it('chains every event the engine appends', async () => {
    const fixture = await complaintAt(t, 'DISPOSED');
    const stream = await streamOf(fixture);
    expect(stream.every((event) => typeof event.metadata.hash === 'string')).toBe(true);
    expect(verifyChain(stream)).toEqual({ head: stream.at(-1)!.metadata.hash, faults: [], unhashed: 0 });
    expect((await accept(fixture)).status).toBe(200);
  });

  const tampering: [string, (fixture: Fixture) => void, { revision: string; kind: string }][] = [
    [
      'an edited event',
      (fixture) => {
        const { data } = row(fixture, 1);
        const forged = { ...JSON.parse(String(data)), slaClass: 'information' };
        db.prepare('UPDATE events SET data = ? WHERE stream_id = ? AND revision = 1').run(JSON.stringify(forged), `complaint-${fixture.id}`);
      },
      { revision: '1', kind: 'content-changed' },
    ],
    [
      'a deleted event',
      (fixture) => db.prepare('DELETE FROM events WHERE stream_id = ? AND revision = 1').run(`complaint-${fixture.id}`),
      { revision: '2', kind: 'revision-gap' },
    ],
    [
      'two events swapped',
      (fixture) => {
        const stream = `complaint-${fixture.id}`;
        db.transaction(() => {
          db.prepare('UPDATE events SET revision = -1 WHERE stream_id = ? AND revision = 1').run(stream);
          db.prepare('UPDATE events SET revision = 1 WHERE stream_id = ? AND revision = 2').run(stream);
          db.prepare('UPDATE events SET revision = 2 WHERE stream_id = ? AND revision = -1').run(stream);
        })();
      },
      { revision: '1', kind: 'content-changed' },
    ],
    [
      'an event inserted at the end',
      (fixture) => {
        const last = row(fixture, 2);
        const metadata = JSON.parse(String(last.metadata));
        delete metadata.hash;
        delete metadata.previousHash;
        db.prepare(
          'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, 3, ?, ?, ?, ?, ?)',
        ).run(`complaint-${fixture.id}`, '00000000-0000-4000-8000-00000000dead', 'ComplaintRejected', '{"reason":"palsu"}', JSON.stringify(metadata), last.recorded_at);
      },
      { revision: '3', kind: 'unhashed-event' },
    ],
  ];

  it.each(tampering)('refuses a command after %s, writes nothing and raises an alert', async (_, tamper, fault) => {
    const fixture = await complaintAt(t, 'DISPOSED');
    tamper(fixture);
    const before = await streamOf(fixture);

    const response = await accept(fixture);

    expect(response.status).toBe(409);
    expect(response.body).toEqual(expect.objectContaining({ code: 'INTEGRITY_VIOLATION', detail: expect.stringContaining(`revision ${fault.revision}`) }));
    expect(await streamOf(fixture)).toEqual(before);
    const alerts = await readStreamOrEmpty(t.eventStore, INTEGRITY_ALERTS_STREAM);
    const alert = alerts.find((event) => event.data.streamId === `complaint-${fixture.id}`);
    expect(alert?.type).toBe('IntegrityViolationDetected');
    expect(alert?.data.faults).toEqual(expect.arrayContaining([expect.objectContaining(fault)]));
    // The alert stream is itself chained, whatever number of alerts it holds.
    expect(verifyChain(alerts).faults).toEqual([]);
  });

  it('raises one alert however many commands find the same fault', async () => {
    const fixture = await complaintAt(t, 'DISPOSED');
    tampering[0][1](fixture);
    expect((await accept(fixture)).status).toBe(409);
    expect((await accept(fixture)).status).toBe(409);
    const alerts = await readStreamOrEmpty(t.eventStore, INTEGRITY_ALERTS_STREAM);
    expect(alerts.filter((event) => event.data.streamId === `complaint-${fixture.id}`)).toHaveLength(1);
  });

  it('answers an actor who may not see the complaint as if it did not exist', async () => {
    const fixture = await complaintAt(t, 'DISPOSED');
    tampering[0][1](fixture);
    const response = await t.request('POST', `/complaints/${fixture.id}/accept`, { token: await t.token('agency_admin', 'id-33.01-dinkes'), body: {} });
    expect(response.status).toBe(404);
  });
});
