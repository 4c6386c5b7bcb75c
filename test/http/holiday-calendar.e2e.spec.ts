import { TestApp } from '../support/test-app';
import { aSubmission } from '../support/http-steps';

/**
 * 2027 has no decree in the shipped holiday file: until the national admin publishes it, due
 * dates in 2027 rest on date-holidays alone (which makes 5 January a holiday). The 2027 lists
 * published here are test data, not the decree.
 */
describe('Publishing a year’s holidays over HTTP', () => {
  let t: TestApp;
  let now = new Date('2026-12-30T02:00:00.000Z'); // Wednesday 30 December 2026, 09:00 WIB
  let admin: string;
  let officer: string;
  let reporter: string;
  const year2027 = {
    decree: 'SKB 2027 (data uji)',
    holidays: [{ date: '2027-01-01', name: 'Tahun Baru 2027 Masehi' }],
    cutiBersama: [
      { date: '2027-01-04', name: 'Cuti bersama (data uji)' },
      { date: '2027-01-05', name: 'Cuti bersama (data uji)' },
    ],
  };

  beforeAll(async () => {
    t = await TestApp.start({ DEADLINE_CHECK_INTERVAL_MS: '100' }, { clock: { now: () => now } });
    admin = await t.token('national_admin', 'national');
    officer = await t.token('agency_admin', 'id-32.01-dinkes');
    reporter = await t.token('reporter', null, 'reporter-1');
  });
  afterAll(() => t.stop());

  const detail = (id: string) => t.request('GET', `/complaints/${id}`, { token: admin });
  const submit = async () => {
    const submitted = await t.request('POST', '/complaints', { token: reporter, body: aSubmission() });
    return (await t.eventually(() => detail(submitted.body.id), (r) => r.status === 200)).body;
  };
  const history = async (id: string, type: string) =>
    (await t.request('GET', `/complaints/${id}/history`, { token: admin })).body.filter((e: { type: string }) => e.type === type);

  it('shows a year without a decree as unverified, publishes it, and moves the due dates of open clocks only', async () => {
    // Wednesday 30 December: Thursday 31, Monday 4 and (5 January being date-holidays' "Maulid Nabi") Wednesday 6.
    const missed = await submit();
    expect(missed.deadlines.verification).toEqual({
      due: '2027-01-06T16:59:59.999Z',
      calendarVerified: false,
      calendars: [
        { year: 2026, source: 'holiday-file', version: null },
        { year: 2027, source: 'date-holidays', version: null },
      ],
    });
    expect(missed.dueDatesUnverified).toBe(true);
    const before = await t.request('GET', '/calendar/holidays/2027', { token: reporter });
    expect(before.body).toMatchObject({ year: 2027, source: 'date-holidays', version: null, verified: false, cutiBersama: [] });
    expect(before.body.holidays).toContainEqual({ date: '2027-01-05', name: 'Maulid Nabi Muhammad' });
    const health = await t.request('GET', '/health');
    expect(health.body.calendar).toMatchObject({ status: 'unverified', warning: expect.stringContaining('2027') });

    // Thursday 31 December: Monday 4, Wednesday 6, Thursday 7.
    now = new Date('2026-12-31T02:00:00.000Z');
    const open = await submit();
    expect(open.deadlines.verification.due).toBe('2027-01-07T16:59:59.999Z');
    const queue = await t.request('GET', '/complaints?pageSize=100', { token: admin });
    expect(queue.body.items.map((c: { id: string; dueDatesUnverified: boolean }) => [c.id, c.dueDatesUnverified])).toEqual(
      expect.arrayContaining([[missed.id, true], [open.id, true]]),
    );

    // Thursday 7 January 2027: the first complaint's verification ran out last night.
    now = new Date('2027-01-07T02:00:00.000Z');
    await t.eventually(() => history(missed.id, 'DeadlineMissed'), (entries) => entries.length === 1, 5000);

    const published = await t.request('POST', '/calendar/holidays/2027', { token: admin, body: year2027 });
    expect(published.status).toBe(201);
    expect(published.body).toEqual({ year: 2027, version: 1 });
    expect(published.headers.location).toBe('/calendar/holidays/2027');

    // With 4 and 5 January off: Wednesday 6, Thursday 7, Friday 8.
    const moved = await t.eventually(() => detail(open.id), (r) => r.body.deadlines.verification.due !== '2027-01-07T16:59:59.999Z', 5000);
    expect(moved.body.deadlines.verification).toEqual({
      due: '2027-01-08T16:59:59.999Z',
      calendarVerified: true,
      calendars: [
        { year: 2026, source: 'holiday-file', version: null },
        { year: 2027, source: 'published', version: 1 },
      ],
    });
    expect(moved.body.dueDatesUnverified).toBe(false);
    expect(moved.body.revision).toBe(open.revision);
    const afterQueue = await t.request('GET', '/complaints?pageSize=100', { token: admin });
    expect(afterQueue.body.items.filter((c: { dueDatesUnverified: boolean }) => c.dueDatesUnverified)).toEqual([]);

    // The missed clock stays as decided, though on the new calendar it would run out only tonight.
    const decided = (await detail(missed.id)).body;
    expect(decided.deadlines.verification.due).toBe('2027-01-07T16:59:59.999Z');
    expect(decided).toMatchObject({ isOverdue: true, overdue: [{ clock: 'verification', dueAt: '2027-01-06T16:59:59.999Z' }] });

    // Saturday 9 January: the deadline process acts on the new date of the open complaint.
    now = new Date('2027-01-09T02:00:00.000Z');
    const raised = await t.eventually(() => detail(open.id), (r) => r.body.overdue.length === 1, 5000);
    expect(raised.body.overdue).toEqual([{ clock: 'verification', dueAt: '2027-01-08T16:59:59.999Z', at: '2027-01-09T02:00:00.000Z' }]);
    // The history says which calendar each missed due date was counted on.
    const missedEntries = await history(missed.id, 'DeadlineMissed');
    expect(missedEntries.map((e: { summary: string }) => e.summary)).toEqual([
      'Deadline missed: verification clock, due 2027-01-06T16:59:59.999Z (calendar 2026 from the holiday file, 2027 unverified)',
    ]);
    const raisedEntries = await t.eventually(() => history(open.id, 'DeadlineMissed'), (entries) => entries.length === 1, 5000);
    expect(raisedEntries[0].summary).toBe('Deadline missed: verification clock, due 2027-01-08T16:59:59.999Z (calendar 2026 from the holiday file, 2027 v1)');
    expect(raisedEntries[0].summaryInIndonesian).toBe(
      'Tenggat verifikasi terlewati, jatuh tempo 2027-01-08T16:59:59.999Z (kalender 2026 dari berkas hari libur, 2027 v1)',
    );

    const shown = await t.request('GET', '/calendar/holidays/2027', { token: reporter });
    expect(shown.body).toEqual({ year: 2027, source: 'published', version: 1, verified: true, ...year2027 });
  });

  it('warns on /health until this year and the next are published', async () => {
    now = new Date('2027-01-09T02:00:00.000Z');
    const before = await t.request('GET', '/health');
    expect(before.body.calendar).toMatchObject({ status: 'unverified', warning: expect.stringContaining('2028') });
    expect(before.body.calendar.warning).not.toContain('2027');

    const year2028 = { decree: 'SKB 2028 (data uji)', holidays: [{ date: '2028-01-01', name: 'Tahun Baru 2028 Masehi' }], cutiBersama: [] };
    expect((await t.request('POST', '/calendar/holidays/2028', { token: admin, body: year2028 })).status).toBe(201);
    const after = await t.eventually(() => t.request('GET', '/health'), (r) => r.body.calendar.status === 'verified');
    expect(after.body.calendar).not.toHaveProperty('warning');
    expect(after.body.calendar.years.map((y: { year: number; version: number }) => [y.year, y.version])).toEqual([
      [2027, 1],
      [2028, 1],
    ]);
  });

  it('numbers a correction as the next version and refuses a repeat of the version in force', async () => {
    const corrected = { ...year2027, holidays: [...year2027.holidays, { date: '2027-08-17', name: 'Hari Kemerdekaan RI' }] };
    expect((await t.request('POST', '/calendar/holidays/2027', { token: admin, body: corrected })).body).toEqual({ year: 2027, version: 2 });
    const repeat = await t.request('POST', '/calendar/holidays/2027', { token: admin, body: corrected });
    expect(repeat.status).toBe(409);
    expect(repeat.body).toMatchObject({ code: 'CALENDAR_UNCHANGED', detail: 'Version 2 of the 2027 calendar already says exactly this.' });
  });

  it('lets only the national admin publish, and explains a list no decree can have', async () => {
    const body = { ...year2027, decree: 'SKB 2027 (data uji, revisi)' };
    for (const token of [officer, reporter, await t.token('auditor', 'id-32')]) {
      const refused = await t.request('POST', '/calendar/holidays/2027', { token, body });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ code: 'ROLE_NOT_ALLOWED', detail: 'Only the national admin publishes the holiday calendar.' });
    }

    const outside = { ...year2027, cutiBersama: [{ date: '2026-12-31', name: 'Cuti bersama' }, { date: '2027-01-01', name: 'Cuti bersama' }] };
    const invalid = await t.request('POST', '/calendar/holidays/2027', { token: admin, body: outside });
    expect(invalid.status).toBe(422);
    expect(invalid.body).toMatchObject({
      code: 'CALENDAR_INVALID',
      detail:
        'The 2027 calendar cannot be published: cutiBersama[0].date 2026-12-31 is not in 2027; cutiBersama[1].date 2027-01-01 is already listed as holidays[0].',
    });

    const malformed = await t.request('POST', '/calendar/holidays/2027', { token: admin, body: { decree: 'x', holidays: [{ date: 1 }] } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['holidays.0.date', 'holidays.0.name', 'cutiBersama']),
    );
    const badYear = await t.request('GET', '/calendar/holidays/next', { token: reporter });
    expect(badYear.status).toBe(400);
    expect(badYear.body.errors).toEqual([{ field: 'year', messages: ['year must be a four-digit year'] }]);

    const versions = (await t.allEvents()).filter((e) => e.type === 'HolidayCalendarPublished' && e.streamId === 'holiday-calendar-2027');
    expect(versions).toHaveLength(2);
  });
});
