import { TestApp } from '../support/test-app';
import { AGENCY, aSubmission, aVerification } from '../support/http-steps';

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

