import { TestApp } from '../support/test-app';
import { AGENCY, aSubmission, aVerification } from '../support/http-steps';
import { type Fixture, complaintAt } from '../support/complaint-stages';

describe('Reporter access without an account, and the public list', () => {
  let t: TestApp;
  let officer: string;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start();
    officer = await t.token('agency_admin', AGENCY);
    admin = await t.token('national_admin', 'national');
  });
  afterAll(() => t.stop());

  /** A walk-in complaint digitised by an officer: the reporter has only the tracking id and secret. */
  async function walkIn(overrides: Record<string, unknown> = {}) {
    const clerk = await t.token('unit_officer', AGENCY);
    const submitted = await t.request('POST', '/complaints', {
      token: clerk,
      body: aSubmission({ channel: 'walk-in', targetAgencyId: AGENCY, ...overrides }),
    });
    expect(submitted.status).toBe(201);
    expect(submitted.body.trackingSecret).toMatch(/^[0-9A-Z]{32}$/);
    return submitted.body as { id: string; trackingId: string; trackingSecret: string };
  }

  const track = (trackingId: string, secret?: string) =>
    t.request('GET', `/track/${trackingId}`, { headers: secret ? { 'x-tracking-secret': secret } : {} });

  it('shows status and public follow-ups with the secret, and the same 404 without it', async () => {
    const { id, trackingId, trackingSecret } = await walkIn();
    const shown = await t.eventually(() => track(trackingId, trackingSecret), (r) => r.status === 200);
    expect(shown.body).toMatchObject({ trackingId, status: 'SUBMITTED', publicStatus: 'Belum Terverifikasi', followUps: [] });
    expect(JSON.stringify(shown.body)).not.toContain(id);

    const wrong = await track(trackingId, 'A'.repeat(32));
    const unknown = await track('LPR-000000000000', trackingSecret);
    const missing = await track(trackingId);
    for (const response of [wrong, unknown, missing]) {
      expect(response.status).toBe(404);
      expect(response.body.detail).toBe(wrong.body.detail);
    }
  });

  it('lets the reporter answer a clarification with the secret, as the reporter', async () => {
    const { id, trackingId, trackingSecret } = await walkIn();
    const asked = await t.request('POST', `/complaints/${id}/request-clarification`, {
      token: officer,
      body: { party: 'reporter', question: 'Di mana tepatnya?' },
    });
    expect(asked.status).toBe(200);
    const shown = await t.eventually(() => track(trackingId, trackingSecret), (r) => r.body?.openQuestions?.length === 1);
    expect(shown.body.openQuestions[0]).toMatchObject({ clarificationId: asked.body.clarificationId, question: 'Di mana tepatnya?' });

    const refused = await t.request('POST', `/track/${trackingId}/answer-clarification`, {
      headers: { 'x-tracking-secret': 'B'.repeat(32) },
      body: { clarificationId: asked.body.clarificationId, answer: 'Di depan pasar.' },
    });
    expect(refused.status).toBe(404);

    const answered = await t.request('POST', `/track/${trackingId}/answer-clarification`, {
      headers: { 'x-tracking-secret': trackingSecret },
      body: { clarificationId: asked.body.clarificationId, answer: 'Di depan pasar.' },
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toEqual({ revision: expect.stringMatching(/^\d+$/) });
    const events = await t.eventStore.readStream(`complaint-${id}`);
    expect(events.at(-1)).toMatchObject({ type: 'ClarificationAnswered', metadata: { actor: { role: 'reporter', id: `tracking:${trackingId}` } } });
  });

  it('lists verified complaints publicly, never a rahasia one', async () => {
    const open = await walkIn({ title: 'Laporan terbuka untuk publik' });
    const secret = await walkIn({ title: 'Laporan rahasia tentang pungli', confidential: true });
    for (const { id } of [open, secret]) {
      const verified = await t.request('POST', `/complaints/${id}/verify`, { token: admin, body: { ...aVerification, confidential: id === secret.id } });
      expect(verified.status).toBe(200);
    }
    const list = await t.eventually(
      () => t.request('GET', '/public/complaints?pageSize=50'),
      (r) => r.body.items.some((c: { trackingId: string }) => c.trackingId === open.trackingId),
    );
    const titles = list.body.items.map((c: { title: string }) => c.title);
    expect(titles).toContain('Laporan terbuka untuk publik');
    expect(titles).not.toContain('Laporan rahasia tentang pungli');
    expect(JSON.stringify(list.body)).not.toMatch(/reporter|idNumber|email|phone/i);
  });

  it('finds a complaint in the work queue by its whole tracking id, in any case, and by a word of its text', async () => {
    const sought = await walkIn({ title: 'Jembatan gantung putus', description: 'Warga menyeberang sungai dengan rakit.' });
    await walkIn({ title: 'Lampu jalan padam', description: 'Sudah dua minggu gelap.' });
    const queue = (q: string) =>
      t.eventually(
        () => t.request('GET', `/complaints?q=${encodeURIComponent(q)}&pageSize=100`, { token: admin }),
        (r) => r.status === 200 && r.body.total > 0,
      );
    for (const q of [sought.trackingId, sought.trackingId.toLowerCase(), 'jembatan']) {
      const found = await queue(q);
      expect({ q, ids: found.body.items.map((c: { id: string }) => c.id) }).toEqual({ q, ids: [sought.id] });
    }
  });
});

describe('The reporter’s commands by tracking secret: accept, rate, dispute', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.stop());

  const secretOf = (fixture: Fixture) => ({ 'x-tracking-secret': fixture.trackingSecret });
  /** The tracking view once it shows the fixture's last step. */
  const viewOf = (fixture: Fixture, revision = fixture.revision) =>
    t.eventually(
      () => t.request('GET', `/track/${fixture.trackingId}`, { headers: secretOf(fixture) }),
      (r) => r.status === 200 && Number(r.body.revision) >= revision,
    );
  const post = (fixture: Fixture, action: string, body: unknown, headers: Record<string, string> = {}) =>
    t.request('POST', `/track/${fixture.trackingId}/${action}`, { headers: { ...secretOf(fixture), ...headers }, body });

  it('names the zone of the agency holding the complaint, in which its times read best', async () => {
    const inJayapura = await complaintAt(t, 'DISPOSED', { holder: 'id-91.03-dinkes' });
    expect((await viewOf(inJayapura)).body.zone).toBe('WIT');
    const inBogor = await complaintAt(t, 'DISPOSED');
    expect((await viewOf(inBogor)).body.zone).toBe('WIB');
  });

  it('lists what the holder may do now, as the lifecycle rules decide it, with the revision to send back', async () => {
    const asked = await complaintAt(t, 'AWAITING_BEFORE_DISPOSITION');
    expect((await viewOf(asked)).body).toMatchObject({ allowedActions: ['answer-clarification'], revision: String(asked.revision), rating: null, closure: null });
    const submitted = await complaintAt(t, 'SUBMITTED');
    expect((await viewOf(submitted)).body.allowedActions).toEqual([]);
    expect((await viewOf(submitted)).body.disputeWindowEndsAt).toBeNull();
    const responded = await complaintAt(t, 'RESPONDED');
    const view = (await viewOf(responded)).body;
    expect(view.allowedActions).toEqual(['accept', 'rate', 'dispute']);
    // The window runs from the follow-up, so it ends after it.
    expect(Date.parse(view.disputeWindowEndsAt)).toBeGreaterThan(Date.parse(view.followUps.at(-1).at));
  });

  it('disputes the follow-up, honouring If-Match, as the holder of the tracking credential', async () => {
    const responded = await complaintAt(t, 'RESPONDED');
    const stale = await post(responded, 'dispute', { reason: 'Jalan belum diperbaiki.', normative: true }, { 'if-match': `"${responded.revision - 1}"` });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'REVISION_MISMATCH', currentRevision: String(responded.revision) });
    const disputed = await post(responded, 'dispute', { reason: 'Jalan belum diperbaiki.', normative: true }, { 'if-match': `"${responded.revision}"` });
    expect(disputed.status).toBe(200);
    expect(disputed.body).toEqual({ revision: expect.stringMatching(/^\d+$/) });
    const events = await t.eventStore.readStream(`complaint-${responded.id}`);
    expect(events.map((e) => e.type)).toContain('FollowUpDisputed');
    expect(events.at(-1)?.metadata).toMatchObject({ actor: { role: 'reporter', id: `tracking:${responded.trackingId}` } });
    const view = await viewOf(responded, Number(disputed.body.revision));
    expect(view.body).toMatchObject({ status: 'IN_PROGRESS', allowedActions: [] });
  });

  it('accepts the follow-up, closing the complaint, then rates it once', async () => {
    const responded = await complaintAt(t, 'RESPONDED');
    const accepted = await post(responded, 'accept', { note: 'Sudah beres, terima kasih.' });
    expect(accepted.status).toBe(200);
    const closed = await viewOf(responded, Number(accepted.body.revision));
    expect(closed.body).toMatchObject({ status: 'CLOSED', closure: { reasonCode: 'accepted_by_reporter', at: expect.any(String) }, allowedActions: ['rate'] });

    const rated = await post(responded, 'rate', { rating: 5, comment: 'Cepat.' });
    expect(rated.status).toBe(200);
    const view = await viewOf(responded, Number(rated.body.revision));
    expect(view.body).toMatchObject({ rating: { rating: 5, comment: 'Cepat.', at: expect.any(String) }, allowedActions: [] });
    const again = await post(responded, 'rate', { rating: 4 });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_RATED');
  });

  it('answers a repeat with the same Idempotency-Key as the first time, and refuses the key with another body', async () => {
    const responded = await complaintAt(t, 'RESPONDED');
    const key = { 'idempotency-key': `rate-${responded.id}` };
    const first = await post(responded, 'rate', { rating: 4 }, key);
    const repeat = await post(responded, 'rate', { rating: 4 }, key);
    expect(first.status).toBe(200);
    expect(repeat.body).toEqual(first.body);
    const reused = await post(responded, 'rate', { rating: 2 }, key);
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses a wrong secret with the same 404 as an unknown complaint, and a bad body with 400, writing nothing', async () => {
    const responded = await complaintAt(t, 'RESPONDED');
    const before = (await t.eventStore.readStream(`complaint-${responded.id}`)).length;
    for (const [action, body] of [['accept', {}], ['rate', { rating: 5 }], ['dispute', { reason: 'Belum.' }]] as const) {
      const wrong = await t.request('POST', `/track/${responded.trackingId}/${action}`, { headers: { 'x-tracking-secret': 'C'.repeat(32) }, body });
      const unknown = await t.request('POST', `/track/LPR-000000000000/${action}`, { headers: secretOf(responded), body });
      expect([wrong.status, unknown.status]).toEqual([404, 404]);
      expect(wrong.body.detail).toBe(unknown.body.detail);
    }
    const invalid = await post(responded, 'rate', { rating: 7 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('VALIDATION_FAILED');
    expect(await t.eventStore.readStream(`complaint-${responded.id}`)).toHaveLength(before);
  });
});
