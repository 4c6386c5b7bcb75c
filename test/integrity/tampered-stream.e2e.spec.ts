import type Database from 'better-sqlite3';
import { INTEGRITY_ALERTS_STREAM } from '@lacak/application';
import { readStreamOrEmpty } from '@lacak/event-store';
import { verifyChain } from '@lacak/integrity';
import { type Fixture, HOLDER as AGENCY, complaintAt } from '../support/complaint-stages';
import { evaluationAt } from '../support/evaluation-stages';
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

/** Evaluation streams are chained like complaints: a tampered one refuses its next command, after the scope check. */
describe('a command on a tampered evaluation stream', () => {
  let t: TestApp;
  let db: Database.Database;

  beforeAll(async () => ({ t, db } = await startWithEventsFile()));
  afterAll(() => stopWithEventsFile(t, db));

  it('refuses progress with 409 INTEGRITY_VIOLATION and writes nothing, and answers an agency elsewhere 404', async () => {
    const fixture = await evaluationAt(t, 'ACTIONS_DONE', AGENCY);
    const streamId = `evaluation-${fixture.id}`;
    const before = await readStreamOrEmpty(t.eventStore, streamId);
    expect(verifyChain(before).faults).toEqual([]);
    TAMPERINGS[0].apply(db, streamId);
    const tampered = await readStreamOrEmpty(t.eventStore, streamId);

    const progress = (agencyId: string) =>
      t.token('agency_admin', agencyId).then((token) =>
        t.request('POST', `/evaluations/${fixture.id}/actions/R1-P1-A1/progress`, { token, body: { percent: 100, note: 'Lagi.' } }),
      );
    expect((await progress('id-33.01-dinkes')).status).toBe(404);
    const refused = await progress(AGENCY);
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 409, code: 'INTEGRITY_VIOLATION' });
    expect(await readStreamOrEmpty(t.eventStore, streamId)).toEqual(tampered);
    const alerts = await readStreamOrEmpty(t.eventStore, INTEGRITY_ALERTS_STREAM);
    expect(alerts.some((event) => event.data.streamId === streamId)).toBe(true);
  });
});
