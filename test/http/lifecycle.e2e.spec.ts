import { TestApp } from '../support/test-app';
import { OWNER, commandOn, complaintAt } from '../support/complaint-stages';

const AGENCY = 'id-32.01-dinkes';

describe('A complaint through its whole lifecycle over HTTP', () => {
  let t: TestApp;
  let reporter: string;
  let admin: string;
  let officer: string;

  beforeAll(async () => {
    t = await TestApp.start();
    reporter = await t.token('reporter', null, 'reporter-siti');
    admin = await t.token('national_admin', 'national');
    officer = await t.token('agency_admin', AGENCY);
  });
  afterAll(() => t.stop());

  const detail = (id: string) => t.request('GET', `/complaints/${id}`, { token: admin });
  const history = (id: string) => t.request('GET', `/complaints/${id}/history`, { token: admin });

  it('shows every step in the detail and the history within a second', async () => {
    const submitted = await t.request('POST', '/complaints', {
      token: reporter,
      body: {
        title: 'Puskesmas menolak pasien BPJS',
        description: 'Petugas meminta biaya tambahan di luar ketentuan.',
        channel: 'web',
        location: 'Cibinong',
        reporter: { name: 'Siti Aminah', email: 'siti@example.id', idNumber: '3201012345670001' },
      },
    });
    expect(submitted.status).toBe(201);
    const { id, trackingId } = submitted.body;
    expect(trackingId).toMatch(/^LPR-[0-9A-Z]{12}$/);
    expect(submitted.headers.location).toBe(`/complaints/${id}`);
    expect(submitted.headers.etag).toBe('"0"');

    const steps: { command: string; token: string; body: Record<string, unknown>; status: string }[] = [
      { command: 'verify', token: admin, status: 'VERIFIED', body: { classification: 'pengaduan', category: 'kesehatan', slaClass: 'ordinary', confidential: false, anonymous: false } },
      { command: 'dispose', token: admin, status: 'DISPOSED', body: { agencyId: AGENCY, note: 'Mohon ditindaklanjuti' } },
      { command: 'accept', token: officer, status: 'IN_PROGRESS', body: {} },
      { command: 'request-clarification', token: officer, status: 'AWAITING_REPORTER', body: { party: 'reporter', question: 'Kapan kejadiannya?' } },
      { command: 'answer-clarification', token: reporter, status: 'IN_PROGRESS', body: { answer: 'Senin pagi, 16 November.' } },
      { command: 'start-mediation', token: officer, status: 'MEDIATION', body: { note: 'Pertemuan dengan kepala puskesmas' } },
      { command: 'record-mediation-outcome', token: officer, status: 'IN_PROGRESS', body: { outcome: 'no_agreement', note: 'Petugas membantah' } },
      { command: 'open-investigation', token: officer, status: 'INVESTIGATION', body: { reason: 'Dugaan pungutan liar' } },
      { command: 'record-findings', token: officer, status: 'IN_PROGRESS', body: { conclusion: 'irregularity_found', summary: 'Pungutan terbukti' } },
      { command: 'respond', token: officer, status: 'RESPONDED', body: { followUp: 'Biaya dikembalikan, petugas diberi sanksi disiplin.' } },
      { command: 'close', token: reporter, status: 'CLOSED', body: { reasonCode: 'accepted_by_reporter' } },
    ];

    let clarificationId = '';
    for (const [index, step] of steps.entries()) {
      const body = step.command === 'answer-clarification' ? { ...step.body, clarificationId } : step.body;
      const response = await t.request('POST', `/complaints/${id}/${step.command}`, { token: step.token, body });
      expect({ step: step.command, status: response.status, body: response.body }).toEqual({
        step: step.command,
        status: 200,
        body: expect.objectContaining({ id, revision: String(index + 1) }),
      });
      expect(response.headers.etag).toBe(`"${index + 1}"`);
      if (step.command === 'request-clarification') clarificationId = response.body.clarificationId;

      const shown = await t.eventually(() => detail(id), (r) => r.status === 200 && r.body.revision === String(index + 1));
      expect(shown.body.status).toBe(step.status);
      expect(shown.headers.etag).toBe(`"${index + 1}"`);
      const trail = await t.eventually(() => history(id), (r) => r.status === 200 && r.body.length === index + 2);
      expect(trail.body[index + 1].revision).toBe(String(index + 1));
    }

    const final = (await detail(id)).body;
    expect(final).toMatchObject({
      status: 'CLOSED',
      assigneeAgencyId: AGENCY,
      classification: 'pengaduan',
      followUps: [expect.objectContaining({ agencyId: AGENCY })],
      closure: expect.objectContaining({ reasonCode: 'accepted_by_reporter' }),
    });
    const trail = (await history(id)).body;
    expect(trail.map((e: { type: string }) => e.type)).toEqual([
      'ComplaintSubmitted',
      'ComplaintVerified',
      'ComplaintDisposed',
      'DispositionAccepted',
      'ClarificationRequested',
      'ClarificationAnswered',
      'MediationStarted',
      'MediationOutcomeRecorded',
      'InvestigationOpened',
      'FindingsRecorded',
      'ComplaintResponded',
      'ComplaintClosed',
    ]);
    // Each entry says what happened in English and in Bahasa Indonesia.
    expect(trail[2]).toMatchObject({
      actor: { role: 'national_admin' },
      summary: 'Disposed to Dinas Kesehatan Kabupaten Bogor',
      summaryInIndonesian: 'Didisposisikan ke Dinas Kesehatan Kabupaten Bogor',
    });
    expect(trail.every((e: { summaryInIndonesian: unknown }) => typeof e.summaryInIndonesian === 'string' && e.summaryInIndonesian.length > 0)).toBe(true);
    expect(trail[5].actor).toEqual({ id: null, role: 'reporter', agencyId: null });
  });

  it('shows the reporter their complaint and its public steps, not the agencies’ internal notes', async () => {
    const own = (await t.request('GET', '/complaints', { token: reporter })).body.items[0];
    const detail = await t.request('GET', `/complaints/${own.id}`, { token: reporter });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ status: 'CLOSED', publicStatus: 'Selesai', followUps: [expect.objectContaining({ followUp: expect.any(String) })] });
    expect(detail.body).not.toHaveProperty('investigation');
    expect(detail.body).not.toHaveProperty('dispositions');
    expect(JSON.stringify(detail.body)).not.toContain('Pungutan terbukti');

    const history = (await t.request('GET', `/complaints/${own.id}/history`, { token: reporter })).body;
    const types = history.map((e: { type: string }) => e.type);
    expect(types).toContain('ComplaintResponded');
    expect(types).not.toContain('InvestigationOpened');
    // That findings were recorded and their conclusion, never their summary (it names officials).
    expect(types).toContain('FindingsRecorded');
    expect(detail.body.findings).toEqual({ conclusion: 'irregularity_found', recordedAt: expect.any(String) });
    expect(JSON.stringify(history)).not.toContain('Pungutan terbukti');
    expect(history.every((e: { actor: { id: string | null } }) => e.actor.id === null)).toBe(true);
  });

  it('gives every revision as a string of digits: command answers, detail, history and the reporter view', async () => {
    const own = (await t.request('GET', '/complaints', { token: reporter })).body.items[0];
    const answered = await t.request('POST', `/complaints/${own.id}/rate`, { token: reporter, body: { rating: 5 } });
    const officerView = await detail(own.id);
    const reporterView = await t.request('GET', `/complaints/${own.id}`, { token: reporter });
    const trail = (await history(own.id)).body as { revision: unknown }[];
    const revisions = [answered.body.revision, officerView.body.revision, reporterView.body.revision, own.revision, ...trail.map((e) => e.revision)];
    expect(revisions).toEqual(revisions.map(() => expect.stringMatching(/^\d+$/)));
    expect(officerView.headers.etag).toBe(`"${officerView.body.revision}"`);
  });

  it('keeps the reporter identity out of events and read models', async () => {
    const events = await t.allEvents();
    const everything = JSON.stringify(events, (_key, value) => (typeof value === 'bigint' ? String(value) : value)) + JSON.stringify((await t.request('GET', '/complaints', { token: admin })).body);
    expect(everything).not.toContain('Siti Aminah');
    expect(everything).not.toContain('3201012345670001');
    expect(everything).not.toContain('siti@example.id');
    expect(events[0].data.reporterRef).toEqual(expect.any(String));
  });

  it('finds the complaint in the work queue by agency, status and text, and counts it for the agency', async () => {
    const queue = await t.request('GET', `/complaints?agency=id-32&status=CLOSED&q=bpjs`, { token: admin });
    expect(queue.status).toBe(200);
    expect(queue.body).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    expect((await t.request('GET', '/complaints?agency=id-33&status=CLOSED', { token: admin })).body.total).toBe(0);

    const stats = await t.request('GET', '/agencies/id-32/stats', { token: admin });
    expect(stats.status).toBe(200);
    expect(stats.body.subtree).toMatchObject({ disposed: 1, responded: 1, closed: 1, followUpRate: 1 });
    expect(stats.body.own).toMatchObject({ disposed: 0 });
    const national = await t.request('GET', '/agencies/national/stats', { token: admin });
    expect(national.body.subtree).toMatchObject({ received: 1, verified: 1, disposed: 1 });
  });

  // After the counting test above: this complaint would change its figures.
  it('records a follow-up judged normative by the reporter’s dispute and by an inspector, once each', async () => {
    const owner = await t.token('reporter', null, OWNER);
    const inspector = await t.token('apip_inspector', 'id-32');
    const complaint = await complaintAt(t, 'RESPONDED', { holder: AGENCY });
    await commandOn(t, complaint, owner, 'dispute', { reason: 'Hanya dijanjikan akan dibenahi.', normative: true });
    const alreadyMarked = await t.request('POST', `/complaints/${complaint.id}/mark-follow-up-normative`, { token: inspector, body: { reason: 'Belum ada.' } });
    // The disputed follow-up is the latest one, and the reporter already marked it.
    expect(alreadyMarked).toMatchObject({ status: 409, body: { code: 'FOLLOW_UP_ALREADY_NORMATIVE' } });
    await commandOn(t, complaint, officer, 'respond', { followUp: 'Akan dievaluasi pada rapat berikutnya.' });
    await commandOn(t, complaint, inspector, 'mark-follow-up-normative', { reason: 'Masih berupa janji.' });
    const again = await t.request('POST', `/complaints/${complaint.id}/mark-follow-up-normative`, { token: admin, body: { reason: 'Janji lagi.' } });
    expect(again).toMatchObject({ status: 409, headers: { 'content-type': expect.stringContaining('application/problem+json') }, body: { code: 'FOLLOW_UP_ALREADY_NORMATIVE' } });
    const withoutReason = await t.request('POST', `/complaints/${complaint.id}/mark-follow-up-normative`, { token: admin, body: {} });
    expect(withoutReason).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });

    const shown = await t.eventually(() => detail(complaint.id), (r) => r.body.revision === String(complaint.revision));
    const [first, second] = shown.body.followUps as { at: string }[];
    expect(shown.body.normativeMarks).toEqual([
      { agencyId: AGENCY, markedBy: 'reporter', reason: 'Hanya dijanjikan akan dibenahi.', followUpAt: first.at, at: expect.any(String) },
      { agencyId: AGENCY, markedBy: 'verifier', reason: 'Masih berupa janji.', followUpAt: second.at, at: expect.any(String) },
    ]);
    const types = (await history(complaint.id)).body.map((e: { type: string }) => e.type);
    expect(types.filter((type: string) => type === 'FollowUpMarkedNormative')).toHaveLength(2);
    expect(types.indexOf('FollowUpMarkedNormative')).toBe(types.indexOf('FollowUpDisputed') + 1);

    // The reporter sees the mark they made, not the inspector's judgement.
    const own = await t.request('GET', `/complaints/${complaint.id}`, { token: owner });
    expect(own.body.normativeDisputes).toEqual([{ followUpAt: first.at, at: expect.any(String) }]);
    const ownHistory = (await t.request('GET', `/complaints/${complaint.id}/history`, { token: owner })).body as { type: string; actor: { role: string } }[];
    expect(ownHistory.filter((e) => e.type === 'FollowUpMarkedNormative').map((e) => e.actor.role)).toEqual(['reporter']);
  });
});
