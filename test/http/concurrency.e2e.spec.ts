import { TestApp } from '../support/test-app';
import { verifiedComplaint } from '../support/complaint-stages';
import { AGENCY, OTHER_AGENCY, aSubmission } from '../support/http-steps';

describe('Concurrency and retries over HTTP', () => {
  let t: TestApp;
  let admin: string;
  let reporter: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.token('national_admin', 'national');
    reporter = await t.token('reporter', null, 'reporter-1');
  });
  afterAll(() => t.stop());

  const disposedEvents = async (id: string) =>
    (await t.eventStore.readStream(`complaint-${id}`)).filter((e) => e.type === 'ComplaintDisposed');

  it('answers a stale If-Match with 412 and writes nothing', async () => {
    const id = await verifiedComplaint(t);
    const stale = await t.request('POST', `/complaints/${id}/dispose`, {
      token: admin,
      headers: { 'if-match': '"0"' },
      body: { agencyId: AGENCY, note: 'x' },
    });
    expect(stale.status).toBe(412);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(stale.body).toMatchObject({ status: 412, code: 'REVISION_MISMATCH', currentRevision: '1' });
    expect(await disposedEvents(id)).toHaveLength(0);

    const current = await t.request('POST', `/complaints/${id}/dispose`, {
      token: admin,
      headers: { 'if-match': '"1"' },
      body: { agencyId: AGENCY, note: 'x' },
    });
    expect(current.status).toBe(200);
    expect(current.headers.etag).toBe('"2"');
  });

  it('lets exactly one of twenty parallel dispositions decided on the same revision through', async () => {
    const id = await verifiedComplaint(t);
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.request('POST', `/complaints/${id}/dispose`, {
          token: admin,
          headers: { 'if-match': '"1"' },
          body: { agencyId: i % 2 === 0 ? AGENCY : OTHER_AGENCY, note: `attempt ${i}` },
        }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(19);
    expect(await disposedEvents(id)).toHaveLength(1);
  });

  it('without If-Match, re-decides on the newest state: one disposition, the rest refused by the domain', async () => {
    const id = await verifiedComplaint(t);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => t.request('POST', `/complaints/${id}/dispose`, { token: admin, body: { agencyId: AGENCY, note: 'x' } })),
    );
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
    for (const refused of responses.filter((r) => r.status !== 200)) {
      expect(refused.body).toMatchObject({ status: 409, code: 'ALREADY_DISPOSED_TO_AGENCY' });
    }
    expect(await disposedEvents(id)).toHaveLength(1);
  });

  it('returns the same complaint for a repeated Idempotency-Key and stores no new events', async () => {
    const headers = { 'idempotency-key': 'form-submit-7f3a' };
    const first = await t.request('POST', '/complaints', { token: reporter, headers, body: aSubmission() });
    const eventsAfterFirst = (await t.allEvents()).length;
    const again = await t.request('POST', '/complaints', { token: reporter, headers, body: aSubmission() });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect((await t.allEvents()).length).toBe(eventsAfterFirst);

    const otherReporter = await t.token('reporter', null, 'reporter-2');
    const sameKeyOtherActor = await t.request('POST', '/complaints', { token: otherReporter, headers, body: aSubmission() });
    expect(sameKeyOtherActor.body.id).not.toBe(first.body.id);
  });

  it('never replaces or brings back an identity when a submission is repeated with its Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'form-identity-1' };
    const first = await t.request('POST', '/complaints', { token: reporter, headers, body: aSubmission({ reporter: { name: 'Ani Lestari' } }) });
    const reason = encodeURIComponent('Konfirmasi untuk mediasi');
    const read = () => t.request('GET', `/complaints/${first.body.id}/reporter-identity?reason=${reason}`, { token: admin });
    expect((await read()).body).toEqual({ name: 'Ani Lestari' });

    await t.request('POST', '/complaints', { token: reporter, headers, body: aSubmission({ reporter: { name: 'Budi Santoso' } }) });
    expect((await read()).body).toEqual({ name: 'Ani Lestari' });

    const erased = await t.request('POST', `/complaints/${first.body.id}/reporter-identity/erase`, { token: admin, body: { reason: 'Permintaan pelapor' } });
    expect(erased.status).toBe(204);
    const again = await t.request('POST', '/complaints', { token: reporter, headers, body: aSubmission({ reporter: { name: 'Ani Lestari' } }) });
    expect(again.body.id).toBe(first.body.id);
    expect((await read()).status).toBe(410);
  });

  it('replays a repeated lifecycle command with the same Idempotency-Key instead of refusing it', async () => {
    const id = await verifiedComplaint(t);
    const request = () =>
      t.request('POST', `/complaints/${id}/dispose`, { token: admin, headers: { 'idempotency-key': 'dispose-1' }, body: { agencyId: AGENCY, note: 'x' } });
    const first = await request();
    const second = await request();
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body).toEqual(first.body);
    expect(await disposedEvents(id)).toHaveLength(1);
  });

  it('refuses a lifecycle command repeated under its Idempotency-Key with a different body (422), alone or concurrently', async () => {
    const id = await verifiedComplaint(t);
    const dispose = (key: string, agencyId: string, note: string) =>
      t.request('POST', `/complaints/${id}/dispose`, { token: admin, headers: { 'idempotency-key': key }, body: { agencyId, note } });
    const first = await dispose('dispose-a', AGENCY, 'Mohon ditindaklanjuti.');
    const changed = await dispose('dispose-a', AGENCY, 'Catatan lain.');
    expect([first.status, changed.status]).toEqual([200, 422]);
    expect(changed.headers['content-type']).toContain('application/problem+json');
    expect(changed.body).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect((await dispose('dispose-a', AGENCY, 'Mohon ditindaklanjuti.')).body).toEqual(first.body);

    const racing = await Promise.all(Array.from({ length: 10 }, (_, i) => dispose('dispose-b', OTHER_AGENCY, `Catatan ${i}`)));
    expect(racing.filter((r) => r.status === 200)).toHaveLength(1);
    expect(racing.filter((r) => r.status === 422)).toHaveLength(9);
    const disposed = await disposedEvents(id);
    expect(disposed.map((e) => e.data.agencyId)).toEqual([AGENCY, OTHER_AGENCY]);
    expect(racing.find((r) => r.status === 200)?.body.revision).toBe(String(disposed[1].revision));
  });

  it('refuses a submission repeated under its Idempotency-Key with another title (422) and keeps the first', async () => {
    const headers = { 'idempotency-key': 'form-changed-1' };
    const first = await t.request('POST', '/complaints', { token: reporter, headers, body: aSubmission({ title: 'Jalan rusak' }) });
    const changed = await t.request('POST', '/complaints', { token: reporter, headers, body: aSubmission({ title: 'Lampu jalan mati' }) });
    expect([first.status, changed.status]).toEqual([201, 422]);
    expect(changed.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    const [submitted] = await t.eventStore.readStream(`complaint-${first.body.id}`);
    expect(submitted.data.title).toBe('Jalan rusak');
  });
});
