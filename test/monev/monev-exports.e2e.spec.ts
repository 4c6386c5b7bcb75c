import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { HOLDER, OWNER, commandOn, complaintAt } from '../support/complaint-stages';
import { OTHER_AGENCY } from '../support/http-steps';
import { TestApp } from '../support/test-app';

/*
 * The monev exports an inspector hands over, on complaints driven through their lifecycle last
 * year (then closed) and this year (live): spreadsheets whose cells are typed, a CSV Excel opens,
 * and a period report that renders to pages with its tables, charts and log position.
 */
const WIB_MS = 7 * 3_600_000;
const thisYear = new Date(Date.now() + WIB_MS).getUTCFullYear();
const lastYear = String(thisYear - 1);
const PROVINCE = 'id-32';

let t: TestApp;
let inspector: string;
let closedAt: string;
const clock = { at: new Date(`${lastYear}-06-10T03:00:00Z`), now: () => clock.at };

/** Raw bytes: TestApp.request reads bodies as text. */
async function download(url: string, token = inspector) {
  const response = await t.app.getHttpAdapter().getInstance().inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  return { status: response.statusCode, headers: response.headers, bytes: response.rawPayload };
}

async function workbookOf(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

const headerOf = (sheet: ExcelJS.Worksheet): string[] => (sheet.getRow(1).values as unknown[]).slice(1).map(String);

beforeAll(async () => {
  t = await TestApp.start({}, { clock: { now: () => clock.now() } });
  inspector = await t.token('apip_inspector', PROVINCE);
  // Last year: a closed complaint, one followed up and one only disposed, in two regencies.
  await complaintAt(t, 'CLOSED');
  await complaintAt(t, 'RESPONDED', { holder: OTHER_AGENCY });
  await complaintAt(t, 'DISPOSED');
  clock.at = new Date();
  const closing = await t.request('POST', `/monev/periods/${lastYear}/close`, { token: await t.token('national_admin', 'national') });
  expect(closing.status).toBe(201);
  closedAt = closing.body.position;
  // This year, live: one more complaint followed up.
  await complaintAt(t, 'RESPONDED');
  await t.eventually(
    () => t.request('GET', `/monev/indicators?node=${PROVINCE}&period=${thisYear}`, { token: inspector }),
    (response) => response.body?.subtree?.followedUp === 1,
  );
}, 120_000);

afterAll(() => t?.stop());

describe('monev spreadsheets', () => {
  it('writes the indicators as XLSX with typed columns under a frozen Indonesian header, and an About sheet', async () => {
    const view = (await t.request('GET', `/monev/indicators?node=${PROVINCE}&period=${lastYear}`, { token: inspector })).body;
    const file = await download(`/monev/indicators/export?node=${PROVINCE}&period=${lastYear}&format=xlsx`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(file.headers['content-disposition']).toBe(`attachment; filename="monev-indicators-${PROVINCE}-${lastYear}.xlsx"`);

    const workbook = await workbookOf(file.bytes);
    const sheet = workbook.worksheets[0];
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = headerOf(sheet);
    expect(header).toEqual(expect.arrayContaining(['Pengaduan diterima', 'Tingkat tindak lanjut', 'Awal periode (waktu setempat)', 'Posisi log snapshot']));
    expect(sheet.rowCount).toBe(3);

    const column = (label: string) => header.indexOf(label) + 1;
    const subtree = sheet.getRow(3);
    expect(subtree.getCell(column('Cakupan')).value).toBe('seluruh jenjang di bawahnya');
    const received = subtree.getCell(column('Pengaduan diterima'));
    expect(received.type).toBe(ExcelJS.ValueType.Number);
    expect(received.value).toBe(view.subtree.received);
    expect(received.value).toBe(3);
    const followUp = subtree.getCell(column('Tingkat tindak lanjut'));
    expect(followUp.type).toBe(ExcelJS.ValueType.Number);
    expect(followUp.value).toBe(view.subtree.followUpRate);
    expect(followUp.numFmt).toBe('0.0%');
    const start = subtree.getCell(column('Awal periode (waktu setempat)'));
    expect(start.type).toBe(ExcelJS.ValueType.Date);
    // Midnight of 1 January in WIB, as the wall clock there reads it.
    expect((start.value as Date).toISOString()).toBe(`${lastYear}-01-01T00:00:00.000Z`);
    expect(subtree.getCell(column('Posisi log snapshot')).value).toBe(closedAt);
    expect(subtree.getCell(column('Kode simpul')).type).toBe(ExcelJS.ValueType.String);

    const about = workbook.getWorksheet('Keterangan')!;
    const lines = new Map<string, unknown>();
    about.eachRow((row, index) => index > 1 && lines.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(lines.get('Kode simpul')).toBe(PROVINCE);
    expect(lines.get('Periode')).toBe(lastYear);
    expect(lines.get('Zona waktu')).toBe('WIB');
    expect(lines.get('Sumber angka')).toBe('snapshot periode yang ditutup');
    expect(lines.get('Posisi log snapshot')).toBe(closedAt);
  });

  it('labels the columns in English with lang=en', async () => {
    const file = await download(`/monev/indicators/export?node=${PROVINCE}&period=${thisYear}&format=xlsx&lang=en`);
    const workbook = await workbookOf(file.bytes);
    expect(headerOf(workbook.worksheets[0])).toEqual(expect.arrayContaining(['Complaints received', 'Follow-up rate', 'Period start (local time)']));
    expect(workbook.getWorksheet('About')).toBeDefined();
    expect(workbook.worksheets[0].getRow(2).getCell(headerOf(workbook.worksheets[0]).indexOf('Source of the figures') + 1).value).toBe('live (provisional figures)');
  });

  it('writes the ranking as XLSX, one typed row per child in rank order', async () => {
    const view = (await t.request('GET', `/monev/rankings?parent=${PROVINCE}&period=${lastYear}`, { token: inspector })).body;
    const file = await download(`/monev/rankings/export?parent=${PROVINCE}&period=${lastYear}&format=xlsx`);
    expect(file.status).toBe(200);
    const sheet = (await workbookOf(file.bytes)).worksheets[0];
    const header = headerOf(sheet);
    expect(sheet.rowCount).toBe(1 + view.agencies.length);
    const first = sheet.getRow(2);
    expect(first.getCell(header.indexOf('Kode instansi') + 1).value).toBe(view.agencies[0].agency.id);
    const score = first.getCell(header.indexOf('Skor') + 1);
    expect(score.type).toBe(ExcelJS.ValueType.Number);
    expect(score.value).toBe(view.agencies[0].score);
    expect(first.getCell(header.indexOf('Peringkat') + 1).value).toBe(1);
    const value = first.getCell(header.indexOf('Tingkat tindak lanjut (nilai)') + 1);
    expect(value.type).toBe(ExcelJS.ValueType.Number);
    expect(value.numFmt).toBe('0.0%');
  });

  it('writes CSV with a byte-order mark that parses to a header and rows of the same width', async () => {
    const file = await download(`/monev/rankings/export?parent=${PROVINCE}&period=${lastYear}&format=csv&lang=en`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(file.headers['content-disposition']).toBe(`attachment; filename="monev-ranking-${PROVINCE}-${lastYear}.csv"`);
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const view = (await t.request('GET', `/monev/rankings?parent=${PROVINCE}&period=${lastYear}`, { token: inspector })).body;
    const sheet = await new ExcelJS.Workbook().csv.read(Readable.from(file.bytes.subarray(3).toString('utf8')));
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toHaveLength(1 + view.agencies.length);
    const width = rows[0].length;
    expect(width).toBe(10 + 2 * 11 + 2);
    expect(rows[0]).toEqual(expect.arrayContaining(['Rank', 'Agency name', 'Score', 'Snapshot log position']));
    const header = rows[0].map(String);
    // A closed period: every row ends with its log position, so no trailing cell is empty.
    for (const row of rows) expect(row).toHaveLength(width);
    const top = rows[1];
    expect(top[header.indexOf('Agency id')]).toBe(view.agencies[0].agency.id);
    expect(Number(top[header.indexOf('Score')])).toBe(view.agencies[0].score);
  });

  it('refuses a format it does not write, with problem details', async () => {
    const response = await t.request('GET', `/monev/indicators/export?node=${PROVINCE}&period=${thisYear}&format=pdf`, { token: inspector });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
  });
});

const POPPLER = (() => {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!POPPLER) console.warn('pdftoppm is missing, so the PDF rendering test is skipped: apt-get install poppler-utils');

describe('the monev period report', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lacak-monev-report-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The report's text as pdftotext reads it, after pdftoppm rendered its pages. */
  const render = async (url: string, name: string) => {
    const file = await download(url);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    const pdf = join(dir, `${name}.pdf`);
    writeFileSync(pdf, file.bytes);
    execFileSync('pdftoppm', ['-r', '40', '-png', pdf, join(dir, name)]);
    const pages = readdirSync(dir).filter((entry) => entry.startsWith(`${name}-`) && entry.endsWith('.png'));
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString('utf8');
    return { file, pages, text };
  };

  (POPPLER ? it : it.skip)('renders a closed period to pages with its log position, tables and charts, in Bahasa Indonesia', async () => {
    const { file, pages, text } = await render(`/monev/reports/${lastYear}.pdf?node=${PROVINCE}`, 'closed');
    expect(file.headers['content-disposition']).toBe(`attachment; filename="monev-report-${PROVINCE}-${lastYear}.pdf"`);
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(text).toContain('Laporan Monitoring dan Evaluasi');
    expect(text).toMatch(new RegExp(`Posisi log snapshot: ${closedAt}\\b`));
    expect(text).toContain('Indikator utama');
    expect(text).toMatch(/Pengaduan diterima\s+\d+\s+3\b/);
    expect(text).toContain('Peringkat instansi di bawahnya');
    expect(text).toContain('Skor per instansi');
    expect(text).toContain('Tingkat tindak lanjut per instansi');
    expect(text).not.toContain('Angka sementara');
    // The charts are drawn in vectors: one filled bar per value with data, in the bars' colour: five
    // key rates, and the two regencies with complaints in the score and the follow-up charts.
    const bars = file.bytes.toString('latin1').match(/ re\n\/DeviceRGB cs\n0\.168\d* 0\.423\d* 0\.690\d* scn\nf\n/g);
    expect(bars).toHaveLength(5 + 2 + 2);
  });

  (POPPLER ? it : it.skip)('says an open period’s figures are provisional, in English with lang=en', async () => {
    const { pages, text } = await render(`/monev/reports/${thisYear}.pdf?node=${PROVINCE}&lang=en`, 'live');
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(text).toContain('Provisional figures');
    expect(text).toContain('Key indicators');
    expect(text).toContain('Score per agency');
    expect(text).not.toContain('Snapshot log position');
  });

  it('answers 404 for a node out of the inspector’s reach, and refuses a period that is none', async () => {
    expect((await download(`/monev/reports/${thisYear}.pdf?node=id-33`)).status).toBe(404);
    const invalid = await t.request('GET', `/monev/reports/2026-Q5.pdf?node=${PROVINCE}`, { token: inspector });
    expect(invalid.body.code).toBe('PERIOD_INVALID');
  });
});

describe('the exceptions as spreadsheets', () => {
  const DAY_MS = 86_400_000;
  /** The local date (WIB) `days` after the clock's instant. */
  const localDate = (days: number) => new Date(clock.at.getTime() + WIB_MS + days * DAY_MS).toISOString().slice(0, 10);

  let disputed: string;

  beforeAll(async () => {
    // A complaint its reporter disputes: an exception listed with the instant of the dispute.
    const complaint = await complaintAt(t, 'RESPONDED', { title: 'Jawaban tidak menjawab' });
    await commandOn(t, complaint, await t.token('reporter', null, OWNER), 'dispute', { reason: 'Jawaban normatif.' });
    disputed = complaint.id;
    // An action due tomorrow, then the clock five days on: four days overdue.
    const national = await t.token('national_admin', 'national', 'evaluator-national');
    const agency = await t.token('agency_admin', HOLDER, 'admin-holder');
    const recorded = await t.request('POST', '/evaluations', {
      token: national,
      body: { agencyId: HOLDER, year: Number(lastYear), scores: [{ indicator: 'tindak_lanjut', score: 60 }], recommendations: [{ text: 'Tindak lanjut substantif.' }] },
    });
    expect(recorded.status).toBe(201);
    const actions = [{ description: 'Pelatihan penulisan jawaban', owner: 'Sekretaris Dinas', dueDate: localDate(1) }];
    const plan = await t.request('POST', `/evaluations/${recorded.body.id}/recommendations/R1/action-plan`, { token: agency, body: { actions } });
    expect(plan.status).toBe(200);
    clock.at = new Date(clock.at.getTime() + 5 * DAY_MS);
    await t.eventually(
      () => t.request('GET', `/monev/exceptions?node=${PROVINCE}`, { token: inspector }),
      (response) => response.body?.kinds?.['overdue-action-items']?.count === 1 && response.body.kinds.disputed.count >= 1,
    );
  });
  afterAll(() => {
    clock.at = new Date();
  });

  it('writes every kind in one XLSX sheet, a typed row per item with its kind, complaints and overdue actions alike', async () => {
    const overview = (await t.request('GET', `/monev/exceptions?node=${PROVINCE}&limit=100`, { token: inspector })).body;
    const file = await download(`/monev/exceptions/export?node=${PROVINCE}&format=xlsx`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(file.headers['content-disposition']).toBe(`attachment; filename="monev-exceptions-${PROVINCE}.xlsx"`);

    const workbook = await workbookOf(file.bytes);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('Pengecualian');
    const header = headerOf(sheet);
    expect(header).toEqual(['Jenis pengecualian', 'Kode instansi', 'Nama instansi', 'Sejak (waktu setempat)', 'Umur (hari)', 'ID pengaduan', 'Nomor pelacakan',
      'Judul pengaduan', 'Status pengaduan', 'ID evaluasi', 'Tahun evaluasi', 'Rekomendasi', 'Status rekomendasi', 'ID aksi', 'Aksi', 'Penanggung jawab', 'Tenggat', 'Kemajuan']);
    const cell = (row: ExcelJS.Row, label: string) => row.getCell(header.indexOf(label) + 1);
    const rows: ExcelJS.Row[] = [];
    sheet.eachRow((row, index) => index > 1 && rows.push(row));
    const listed = Object.values(overview.kinds as Record<string, { items: unknown[] }>).reduce((sum, list) => sum + list.items.length, 0);
    expect(rows).toHaveLength(listed);

    const action = rows.find((row) => cell(row, 'Jenis pengecualian').value === 'Rencana aksi melewati tenggat')!;
    expect(cell(action, 'Kode instansi').value).toBe(HOLDER);
    expect(cell(action, 'Umur (hari)')).toMatchObject({ type: ExcelJS.ValueType.Number, value: 4 });
    expect(cell(action, 'Tahun evaluasi')).toMatchObject({ type: ExcelJS.ValueType.Number, value: Number(lastYear) });
    const due = cell(action, 'Tenggat');
    expect(due.type).toBe(ExcelJS.ValueType.Date);
    expect((due.value as Date).toISOString()).toBe(`${localDate(-4)}T00:00:00.000Z`);
    expect(cell(action, 'Kemajuan')).toMatchObject({ type: ExcelJS.ValueType.Number, value: 0, numFmt: '0.0%' });
    expect(cell(action, 'Aksi').value).toBe('Pelatihan penulisan jawaban');

    // Every complaint listed in the overview is a row, its instant a date in WIB and its age a number.
    const complaintRows = rows.filter((row) => row !== action);
    const dispute = complaintRows.find((row) => cell(row, 'ID pengaduan').value === disputed)!;
    expect(cell(dispute, 'Jenis pengecualian').value).toBe('Tindak lanjut disanggah');
    expect(cell(dispute, 'Judul pengaduan').value).toBe('Jawaban tidak menjawab');
    expect(cell(dispute, 'Umur (hari)').value).toBe(5);
    for (const row of complaintRows) {
      const id = cell(row, 'ID pengaduan').value;
      const item = Object.values(overview.kinds as Record<string, { items: { complaintId?: string; since: string; ageDays: number }[] }>)
        .flatMap((list) => list.items)
        .find((one) => one.complaintId === id)!;
      expect(cell(row, 'Umur (hari)')).toMatchObject({ type: ExcelJS.ValueType.Number, value: item.ageDays });
      const since = cell(row, 'Sejak (waktu setempat)');
      expect(since.type).toBe(ExcelJS.ValueType.Date);
      expect((since.value as Date).getTime()).toBe(Date.parse(item.since) + WIB_MS);
    }

    const about = new Map<string, unknown>();
    workbook.getWorksheet('Keterangan')!.eachRow((row, index) => index > 1 && about.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(about.get('Zona waktu')).toBe('WIB');
    expect(about.get('Rencana aksi melewati tenggat: Jumlah')).toBe(1);
  });

  it('writes one kind with English labels, and as CSV', async () => {
    const file = await download(`/monev/exceptions/export?node=${PROVINCE}&kind=overdue-action-items&format=xlsx&lang=en`);
    expect(file.headers['content-disposition']).toBe(`attachment; filename="monev-exceptions-${PROVINCE}-overdue-action-items.xlsx"`);
    const sheet = (await workbookOf(file.bytes)).worksheets[0];
    expect(sheet.name).toBe('Exceptions');
    expect(headerOf(sheet)).toEqual(expect.arrayContaining(['Exception kind', 'Age (days)', 'Due date', 'Progress', 'Recommendation']));
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(1).value).toBe('Overdue action-plan items');

    const csv = await download(`/monev/exceptions/export?node=${PROVINCE}&kind=overdue-action-items&format=csv&lang=en`);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`Overdue action-plan items,${HOLDER},`);
    expect(lines[1]).toContain(`,${localDate(-4)}T00:00:00,0`);
  });

  it('leaves overdue actions out for a unit officer, refuses them asked for alone, and answers 404 out of reach', async () => {
    const officer = await t.token('unit_officer', HOLDER, 'officer-holder');
    const all = await download(`/monev/exceptions/export?node=${HOLDER}&format=csv`, officer);
    expect(all.status).toBe(200);
    expect(all.bytes.toString('utf8')).not.toContain('Rencana aksi melewati tenggat');
    expect((await download(`/monev/exceptions/export?node=${HOLDER}&kind=overdue-action-items&format=csv`, officer)).status).toBe(403);
    expect((await download(`/monev/exceptions/export?node=id-33&format=csv`)).status).toBe(404);
    const invalid = await t.request('GET', `/monev/exceptions/export?node=${PROVINCE}&kind=unknown&format=csv`, { token: inspector });
    expect({ status: invalid.status, code: invalid.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  });
});
