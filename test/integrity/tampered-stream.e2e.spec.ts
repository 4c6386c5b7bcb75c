import type Database from 'better-sqlite3';
import { INTEGRITY_ALERTS_STREAM } from '@lacak/application';
import { readStreamOrEmpty } from '@lacak/event-store';
import { verifyChain } from '@lacak/integrity';
import { type Fixture, complaintAt } from '../support/complaint-stages';
import { TAMPERINGS, startWithEventsFile, stopWithEventsFile } from '../support/event-tampering';
import type { TestApp } from '../support/test-app';

/**
 * Events changed in `events.db` behind the engine's back: a command on the complaint is refused
 * with 409 INTEGRITY_VIOLATION, nothing is written, and an alert names the stream and revision.
 */
describe('a command on a tampered complaint stream', () => {
  let t: TestApp;
  let db: Database.Database;

  beforeAll(async () => ({ t, db } = await startWithEventsFile()));
  afterAll(() => stopWithEventsFile(t, db));

  const streamOf = (fixture: Fixture) => readStreamOrEmpty(t.eventStore, `complaint-${fixture.id}`);
  const accept = async (fixture: Fixture) =>
    t.request('POST', `/complaints/${fixture.id}/accept`, { token: await t.token('agency_admin', fixture.holder), body: {} });

  it('chains every event the engine appends', async () => {
    const fixture = await complaintAt(t, 'DISPOSED');
    const stream = await streamOf(fixture);
    expect(stream.every((event) => typeof event.metadata.hash === 'string')).toBe(true);
    expect(verifyChain(stream)).toEqual({ head: stream.at(-1)!.metadata.hash, faults: [], unhashed: 0 });
    expect((await accept(fixture)).status).toBe(200);
  });

  it.each(TAMPERINGS.map((tampering) => [tampering.name, tampering] as const))('refuses a command after %s, writes nothing and raises an alert', async (_, tampering) => {
    const fixture = await complaintAt(t, 'DISPOSED');
    tampering.apply(db, `complaint-${fixture.id}`);
    const before = await streamOf(fixture);
    const fault = { ...tampering.fault, revision: tampering.fault.revision === 'next' ? String(before.length - 1) : tampering.fault.revision };

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
    TAMPERINGS[0].apply(db, `complaint-${fixture.id}`);
    expect((await accept(fixture)).status).toBe(409);
    expect((await accept(fixture)).status).toBe(409);
    const alerts = await readStreamOrEmpty(t.eventStore, INTEGRITY_ALERTS_STREAM);
    expect(alerts.filter((event) => event.data.streamId === `complaint-${fixture.id}`)).toHaveLength(1);
  });

  it('answers an actor who may not see the complaint as if it did not exist', async () => {
    const fixture = await complaintAt(t, 'DISPOSED');
    TAMPERINGS[0].apply(db, `complaint-${fixture.id}`);
    const response = await t.request('POST', `/complaints/${fixture.id}/accept`, { token: await t.token('agency_admin', 'id-33.01-dinkes'), body: {} });
    expect(response.status).toBe(404);
  });
});
