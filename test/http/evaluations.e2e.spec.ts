/**
 * An evaluation over HTTP, from the record to the accepted completion: a coordinator (the province)
 * evaluates a regency, the regency answers with action plans and progress, an inspector reads,
 * an agency elsewhere sees nothing, and an action past its due date shows on the overdue list with its ageing
 * and among the exceptions a coordinator acts on.
 */
import ExcelJS from 'exceljs';
import { TestApp } from '../support/test-app';

const COORDINATOR_NODE = 'id-32'; // Pemerintah Provinsi Jawa Barat
const AGENCY = 'id-32.01'; // Pemerintah Kabupaten Bogor
const ELSEWHERE = 'id-33.01'; // a regency of another province
const EVALUATION = `2025-${AGENCY}`;

const recordBody = {
  agencyId: AGENCY,
  year: 2025,
  scores: [
    { indicator: 'komitmen_pimpinan', score: 62.5 },
    { indicator: 'tindak_lanjut', score: 70 },
  ],
  recommendations: [{ text: 'Pimpinan membahas rekap pengaduan setiap bulan.' }, { text: 'Jawaban tindak lanjut substantif, bukan normatif.' }],
  summary: 'Perlu perbaikan tindak lanjut.',
};
const planFor = (dueDate: string) => ({ actions: [{ description: 'Rapat pimpinan bulanan membahas pengaduan', owner: 'Sekretaris Daerah', dueDate }] });

describe('Evaluations, action plans and their follow-up over HTTP', () => {
  let t: TestApp;
  let now = new Date('2026-03-02T03:00:00.000Z'); // Monday 10:00 WIB
  const token = {} as Record<'coordinator' | 'agency' | 'elsewhere' | 'inspector' | 'national' | 'officer', string>;

  const get = (who: keyof typeof token, url: string) => t.request('GET', url, { token: token[who] });
  const post = (who: keyof typeof token, url: string, body: object = {}, revision?: string) =>
    t.request('POST', url, { token: token[who], body, headers: revision === undefined ? {} : { 'if-match': `"${revision}"` } });
  /** The evaluation once the read model shows the given revision. */
  const evaluationAt = (revision: number) =>
    t.eventually(() => get('coordinator', `/evaluations/${EVALUATION}`), (r) => r.status === 200 && r.body.revision === String(revision));

  beforeAll(async () => {
    t = await TestApp.start({}, { clock: { now: () => now } });
    token.coordinator = await t.token('agency_admin', COORDINATOR_NODE, 'admin-jabar');
    token.agency = await t.token('agency_admin', AGENCY, 'admin-bogor');
    token.elsewhere = await t.token('agency_admin', ELSEWHERE, 'admin-elsewhere');
    token.inspector = await t.token('apip_inspector', COORDINATOR_NODE, 'inspektorat-jabar');
    token.national = await t.token('national_admin', 'national', 'admin-national');
    token.officer = await t.token('unit_officer', AGENCY, 'officer-bogor');
  });
  afterAll(() => t.stop());

  it('the coordinator records the evaluation once per agency and year; the agency cannot evaluate itself', async () => {
    const recorded = await post('coordinator', '/evaluations', recordBody);
    expect(recorded.status).toBe(201);
    expect(recorded.body).toEqual({ id: EVALUATION, revision: '0' });
    expect(recorded.headers).toMatchObject({ etag: '"0"', location: `/evaluations/${EVALUATION}` });

    const again = await post('national', '/evaluations', recordBody);
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'EVALUATION_EXISTS' });
    const itself = await post('agency', '/evaluations', { ...recordBody, year: 2024 });
    expect({ status: itself.status, code: itself.body.code }).toEqual({ status: 403, code: 'NOT_THE_EVALUATOR' });
    const outOfRange = await post('coordinator', '/evaluations', { ...recordBody, year: 2024, scores: [{ indicator: 'x', score: 101 }] });
    expect({ status: outOfRange.status, code: outOfRange.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    const unknown = await post('national', '/evaluations', { ...recordBody, agencyId: 'id-99.99' });
    expect({ status: unknown.status, code: unknown.body.code }).toEqual({ status: 422, code: 'UNKNOWN_REFERENCE' });

    const shown = await evaluationAt(0);
    expect(shown.headers.etag).toBe('"0"');
    expect(shown.body).toMatchObject({
      agencyId: AGENCY,
      year: 2025,
      evaluatorAgencyId: COORDINATOR_NODE,
      scores: recordBody.scores,
      recommendations: [
        { recommendationId: 'R1', status: 'AWAITING_PLAN', planVersion: 0 },
        { recommendationId: 'R2', status: 'AWAITING_PLAN', planVersion: 0 },
      ],
      actions: [],
    });
  });

  it('the agency answers each recommendation with a plan, decided on the revision it read', async () => {
    const first = await post('agency', `/evaluations/${EVALUATION}/recommendations/R1/action-plan`, planFor('2026-04-30'), '0');
    expect({ status: first.status, etag: first.headers.etag }).toEqual({ status: 200, etag: '"1"' });
    const stale = await post('agency', `/evaluations/${EVALUATION}/recommendations/R2/action-plan`, planFor('2026-05-31'), '0');
    expect(stale.body).toMatchObject({ status: 412, code: 'REVISION_MISMATCH', currentRevision: '1', detail: 'The evaluation is at revision 1, not 0' });
    const second = await post('agency', `/evaluations/${EVALUATION}/recommendations/R2/action-plan`, planFor('2026-05-31'), '1');
    expect(second.status).toBe(200);
    const past = await post('agency', `/evaluations/${EVALUATION}/recommendations/R2/action-plan`, planFor('2026-03-01'));
    expect({ status: past.status, code: past.body.code }).toEqual({ status: 409, code: 'INVALID_TRANSITION' });
    const byCoordinator = await post('coordinator', `/evaluations/${EVALUATION}/recommendations/R1/action-plan`, planFor('2026-04-30'));
    expect({ status: byCoordinator.status, code: byCoordinator.body.code }).toEqual({ status: 403, code: 'NOT_THE_EVALUATED_AGENCY' });
  });

  it('an agency elsewhere finds nothing, exactly as for an unknown evaluation', async () => {
    const shown = await get('elsewhere', `/evaluations/${EVALUATION}`);
    const unknown = await get('elsewhere', '/evaluations/2025-id-99.99');
    expect({ status: shown.status, code: shown.body.code }).toEqual({ status: 404, code: 'EVALUATION_NOT_FOUND' });
    expect(unknown.body.code).toBe(shown.body.code);
    const progress = await post('elsewhere', `/evaluations/${EVALUATION}/actions/R1-P1-A1/progress`, { percent: 10, note: 'x' });
    expect({ status: progress.status, code: progress.body.code }).toEqual({ status: 404, code: 'EVALUATION_NOT_FOUND' });
    const listed = await get('elsewhere', `/evaluations?agency=${COORDINATOR_NODE}`);
    expect(listed.body).toEqual([]);
  });

  it('the inspector reads the evaluation but never judges; a unit officer has no access', async () => {
    await evaluationAt(2);
    const read = await get('inspector', `/evaluations/${EVALUATION}`);
    expect(read.status).toBe(200);
    expect(read.body.actions.map((a: { actionId: string }) => a.actionId)).toEqual(['R1-P1-A1', 'R2-P1-A1']);
    const accept = await post('inspector', `/evaluations/${EVALUATION}/recommendations/R1/accept`);
    expect({ status: accept.status, code: accept.body.code }).toEqual({ status: 403, code: 'ROLE_NOT_ALLOWED' });
    expect((await get('officer', `/evaluations/${EVALUATION}`)).status).toBe(403);
  });

  it('progress is recorded by the agency; the coordinator accepts one plan and returns the other', async () => {
    const url = `/evaluations/${EVALUATION}/actions/R1-P1-A1/progress`;
    const keyed = (body: object) => t.request('POST', url, { token: token.agency, body, headers: { 'idempotency-key': 'progress-maret' } });
    const progress = await keyed({ percent: 40, note: 'Rapat Maret terlaksana.' });
    expect(progress.status).toBe(200);
    // A retry answers as the first time and writes nothing; the same key with another body is refused.
    expect((await keyed({ percent: 40, note: 'Rapat Maret terlaksana.' })).body).toEqual(progress.body);
    const reused = await keyed({ percent: 50, note: 'Rapat Maret terlaksana.' });
    expect({ status: reused.status, code: reused.body.code }).toEqual({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    const byAgency = await post('agency', `/evaluations/${EVALUATION}/recommendations/R1/accept`);
    expect({ status: byAgency.status, code: byAgency.body.code }).toEqual({ status: 403, code: 'NOT_THE_EVALUATOR' });
    expect((await post('coordinator', `/evaluations/${EVALUATION}/recommendations/R1/accept`)).status).toBe(200);
    const returned = await post('coordinator', `/evaluations/${EVALUATION}/recommendations/R2/return`, { reason: 'Kegiatan belum terukur.' });
    expect(returned.status).toBe(200);

    const shown = await evaluationAt(5);
    expect(shown.body.recommendations).toMatchObject([
      { recommendationId: 'R1', status: 'PLAN_ACCEPTED' },
      { recommendationId: 'R2', status: 'PLAN_RETURNED', returnReason: 'Kegiatan belum terukur.' },
    ]);
    expect(shown.body.actions).toEqual([expect.objectContaining({ actionId: 'R1-P1-A1', percent: 40, note: 'Rapat Maret terlaksana.' })]);
  });

  it('an action past its due date and not complete is overdue, with its ageing, for the subtree', async () => {
    const overdue = () => get('coordinator', `/monev/action-plans/overdue?node=${COORDINATOR_NODE}`);
    expect((await overdue()).body).toEqual([]);
    now = new Date('2026-05-10T03:00:00.000Z');
    const listed = await overdue();
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([
      {
        evaluationId: EVALUATION,
        agencyId: AGENCY,
        year: 2025,
        recommendationId: 'R1',
        recommendationText: recordBody.recommendations[0].text,
        recommendationStatus: 'PLAN_ACCEPTED',
        actionId: 'R1-P1-A1',
        description: 'Rapat pimpinan bulanan membahas pengaduan',
        owner: 'Sekretaris Daerah',
        dueDate: '2026-04-30',
        percent: 40,
        daysOverdue: 10,
      },
    ]);
    expect((await get('agency', `/monev/action-plans/overdue?node=${AGENCY}`)).body).toHaveLength(1);
    expect((await get('elsewhere', `/monev/action-plans/overdue?node=${COORDINATOR_NODE}`)).status).toBe(404);
  });

  it('the overdue action shows among the coordinator’s exceptions, as its own kind with its ageing', async () => {
    const overview = await get('coordinator', `/monev/exceptions?node=${COORDINATOR_NODE}`);
    expect(overview.status).toBe(200);
    const listed = (await get('coordinator', `/monev/action-plans/overdue?node=${COORDINATOR_NODE}`)).body;
    expect(overview.body.kinds['overdue-action-items']).toEqual({ count: 1, items: listed });
    expect(overview.body.kinds['overdue-action-items'].items[0]).toMatchObject({ actionId: 'R1-P1-A1', daysOverdue: 10 });

    const kind = await get('inspector', `/monev/exceptions?node=${COORDINATOR_NODE}&kind=overdue-action-items&limit=5`);
    expect(kind.body).toMatchObject({ node: { id: COORDINATOR_NODE }, kind: 'overdue-action-items', count: 1, items: listed });
    expect(kind.body).not.toHaveProperty('nextCursor');
    const cursor = await get('inspector', `/monev/exceptions?node=${COORDINATOR_NODE}&kind=overdue-action-items&cursor=abc`);
    expect({ status: cursor.status, code: cursor.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });

    // A unit officer lists the complaint exceptions but never action plans: the overview leaves them out.
    const officer = await get('officer', `/monev/exceptions?node=${AGENCY}`);
    expect(officer.status).toBe(200);
    expect(officer.body.kinds).not.toHaveProperty('overdue-action-items');
    expect(officer.body.kinds.escalated).toMatchObject({ count: 0 });
    expect((await get('officer', `/monev/exceptions?node=${AGENCY}&kind=overdue-action-items`)).status).toBe(403);
  });

  it('the evaluations export as XLSX: a typed row per action with its days overdue, a row for a recommendation without a plan', async () => {
    const response = await t.app
      .getHttpAdapter()
      .getInstance()
      .inject({ method: 'GET', url: `/evaluations/export?agency=${COORDINATOR_NODE}&year=2025&format=xlsx`, headers: { authorization: `Bearer ${token.inspector}` } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="evaluations-${COORDINATOR_NODE}-2025.xlsx"`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Evaluasi')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const cell = (row: number, label: string) => sheet.getRow(row).getCell(header.indexOf(label) + 1);
    expect(sheet.rowCount).toBe(3);
    expect(cell(2, 'ID aksi').value).toBe('R1-P1-A1');
    expect(cell(2, 'Hari lewat tenggat')).toMatchObject({ type: ExcelJS.ValueType.Number, value: 10 });
    expect(cell(2, 'Kemajuan')).toMatchObject({ type: ExcelJS.ValueType.Number, value: 0.4, numFmt: '0.0%' });
    expect(cell(2, 'Tenggat').type).toBe(ExcelJS.ValueType.Date);
    expect((cell(2, 'Tenggat').value as Date).toISOString()).toBe('2026-04-30T00:00:00.000Z');
    expect(cell(2, 'Tahun evaluasi')).toMatchObject({ type: ExcelJS.ValueType.Number, value: 2025 });
    // The returned plan's actions are dropped: the recommendation stands alone, its status saying why.
    expect(cell(3, 'Status rekomendasi').value).toBe('PLAN_RETURNED');
    expect(cell(3, 'ID aksi').value).toBeNull();

    const elsewhere = await get('elsewhere', `/evaluations/export?agency=${COORDINATOR_NODE}&format=csv&lang=en`);
    expect(elsewhere.status).toBe(200);
    expect(String(elsewhere.body).trim().split('\r\n')).toHaveLength(1);
    expect(String(elsewhere.body)).toContain('Days overdue');
    expect((await get('officer', `/evaluations/export?format=csv`)).status).toBe(403);
    // The file's name carries the filter only in characters a header takes.
    const odd = await get('inspector', '/evaluations/export?agency=id-32%C3%A9&format=csv');
    expect({ status: odd.status, disposition: odd.headers['content-disposition'] }).toEqual({ status: 200, disposition: 'attachment; filename="evaluations-id-32_.csv"' });
  });

  it('the coordinator accepts completion once every action is done, and nothing stays overdue', async () => {
    const early = await post('coordinator', `/evaluations/${EVALUATION}/recommendations/R1/accept-completion`);
    expect({ status: early.status, code: early.body.code }).toEqual({ status: 409, code: 'ACTIONS_NOT_COMPLETE' });
    const back = await post('agency', `/evaluations/${EVALUATION}/actions/R1-P1-A1/progress`, { percent: 20, note: 'Salah ketik.' });
    expect({ status: back.status, code: back.body.code }).toEqual({ status: 409, code: 'PROGRESS_CANNOT_DECREASE' });
    expect((await post('agency', `/evaluations/${EVALUATION}/actions/R1-P1-A1/progress`, { percent: 100, note: 'Rutin tiap bulan.' })).status).toBe(200);
    expect((await post('coordinator', `/evaluations/${EVALUATION}/recommendations/R1/accept-completion`)).status).toBe(200);

    const shown = await evaluationAt(7);
    expect(shown.body.recommendations[0]).toMatchObject({ status: 'COMPLETED' });
    expect((await get('coordinator', `/monev/action-plans/overdue?node=${COORDINATOR_NODE}`)).body).toEqual([]);
    const listed = await get('inspector', `/evaluations?agency=${AGENCY}&year=2025`);
    expect(listed.body.map((e: { evaluationId: string }) => e.evaluationId)).toEqual([EVALUATION]);
    expect((await get('inspector', '/evaluations?year=2024')).body).toEqual([]);
  });
});
