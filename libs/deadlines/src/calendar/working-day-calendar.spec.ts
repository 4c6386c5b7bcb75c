import fc from 'fast-check';
import { PUBLISHED_HOLIDAYS } from '../testing/published-holidays';
import { loadWorkingDayCalendar } from './working-day-calendar';

// A fixed seed, so a failure reproduces; CALENDAR_SEED picks another.
fc.configureGlobal({ seed: Number(process.env.CALENDAR_SEED ?? 20261205) });

const calendar = loadWorkingDayCalendar();
const WIB = 'Asia/Jakarta';
const WITA = 'Asia/Makassar';
const WIT = 'Asia/Jayapura';

describe('WorkingDayCalendar on the shipped holiday file', () => {
  it.each([2025, 2026])('lists exactly the holidays and cuti bersama the %i decree publishes', (year) => {
    expect(calendar.holidaysIn(year).map(({ date, kind }) => [date, kind])).toEqual(PUBLISHED_HOLIDAYS[year]);
  });

  it.each([
    [2025, 17, 11],
    [2026, 17, 8],
  ])('%i has %i national holidays and %i days of cuti bersama', (year, holidays, cuti) => {
    const kinds = calendar.holidaysIn(year).map((holiday) => holiday.kind);
    expect(kinds.filter((kind) => kind === 'holiday')).toHaveLength(holidays);
    expect(kinds.filter((kind) => kind === 'cuti_bersama')).toHaveLength(cuti);
  });

  it('names Isra Mikraj, which date-holidays calls Maulid Nabi', () => {
    expect(calendar.holidaysIn(2026).find((h) => h.date === '2026-01-16')).toMatchObject({ name: 'Isra Mikraj Nabi Muhammad SAW', origin: 'decree' });
  });

  it.each([
    ['2026-03-17', true, 'Tuesday before the Idul Fitri 2026 block'],
    ['2026-03-18', false, 'cuti bersama Nyepi'],
    ['2026-03-19', false, 'Nyepi'],
    ['2026-03-20', false, 'cuti bersama Idul Fitri (date-holidays has Idul Fitri here)'],
    ['2026-03-21', false, 'Idul Fitri, Saturday'],
    ['2026-03-22', false, 'Idul Fitri, Sunday (missing from date-holidays)'],
    ['2026-03-23', false, 'cuti bersama Idul Fitri'],
    ['2026-03-24', false, 'cuti bersama Idul Fitri'],
    ['2026-03-25', true, 'first working day after Idul Fitri 2026'],
    ['2025-03-28', false, 'cuti bersama Nyepi 2025'],
    ['2025-03-29', false, 'Nyepi 2025, Saturday'],
    ['2025-03-31', false, 'Idul Fitri 2025'],
    ['2025-04-01', false, 'Idul Fitri 2025 (missing from date-holidays)'],
    ['2025-04-07', false, 'cuti bersama Idul Fitri 2025'],
    ['2025-04-08', true, 'first working day after Idul Fitri 2025'],
    ['2025-06-26', true, 'date-holidays puts Tahun Baru Islam here; the decree does not'],
    ['2025-06-27', false, 'Tahun Baru Islam 1447 H'],
    ['2025-12-24', true, 'Christmas Eve 2025'],
    ['2025-12-25', false, 'Christmas 2025'],
    ['2025-12-26', false, 'cuti bersama Christmas 2025'],
    ['2026-12-24', false, 'cuti bersama Christmas 2026'],
    ['2026-12-25', false, 'Christmas 2026'],
    ['2025-08-18', false, 'cuti bersama HUT RI ke-80 (August 2025 amendment)'],
    ['2026-08-17', false, '17 August 2026, Monday'],
    ['2026-08-18', true, 'the day after 17 August 2026'],
    ['2026-01-16', false, 'Isra Mikraj 2026'],
    ['2026-03-14', false, 'Saturday'],
    ['2026-03-15', false, 'Sunday'],
    ['2026-03-16', true, 'Monday'],
  ])('%s working day: %s (%s)', (date, working) => {
    expect(calendar.isWorkingDay(date, WIB)).toBe(working);
    expect(calendar.isWorkingDay(date, WIT)).toBe(working);
  });

  describe('addWorkingDays: due at the end of the Nth working day after the start day', () => {
    it.each([
      // Friday 19:00 WIB, the Friday before the Idul Fitri 2026 block.
      ['2026-03-13T19:00:00+07:00', 3, '2026-03-25T16:59:59.999Z'],
      ['2026-03-13T19:00:00+07:00', 5, '2026-03-27T16:59:59.999Z'],
      ['2026-03-13T19:00:00+07:00', 14, '2026-04-10T16:59:59.999Z'],
      ['2026-03-13T19:00:00+07:00', 60, '2026-06-24T16:59:59.999Z'],
      // The time of day does not matter: a Friday-morning start has the same due dates.
      ['2026-03-13T08:00:00+07:00', 3, '2026-03-25T16:59:59.999Z'],
      // Right before the long holiday: Tuesday 17 March, 16:00.
      ['2026-03-17T16:00:00+07:00', 1, '2026-03-25T16:59:59.999Z'],
      ['2026-03-17T16:00:00+07:00', 3, '2026-03-27T16:59:59.999Z'],
      // A weekend start counts from Monday; 0 days is the end of the start day itself.
      ['2026-03-14T10:00:00+07:00', 1, '2026-03-16T16:59:59.999Z'],
      ['2026-03-14T10:00:00+07:00', 0, '2026-03-14T16:59:59.999Z'],
      // Christmas 2025 and 2026, and 17 August.
      ['2025-12-23T09:00:00+07:00', 3, '2025-12-30T16:59:59.999Z'],
      ['2026-12-23T09:00:00+07:00', 3, '2026-12-30T16:59:59.999Z'],
      ['2025-08-15T09:00:00+07:00', 1, '2025-08-19T16:59:59.999Z'],
      ['2026-08-14T09:00:00+07:00', 1, '2026-08-18T16:59:59.999Z'],
    ])('from %s plus %i WD is %s', (start, days, due) => {
      expect(calendar.addWorkingDays(start, days, WIB)).toBe(due);
    });

    it('ends the day in the agency zone: WIB, WITA and WIT due instants differ by their offsets', () => {
      const start = '2026-03-13T03:00:00Z';
      expect(calendar.addWorkingDays(start, 3, WIB)).toBe('2026-03-25T16:59:59.999Z');
      expect(calendar.addWorkingDays(start, 3, WITA)).toBe('2026-03-25T15:59:59.999Z');
      expect(calendar.addWorkingDays(start, 3, WIT)).toBe('2026-03-25T14:59:59.999Z');
    });
  });

  describe('the same instant near midnight is a different local day in WIB and WIT', () => {
    // 23:30 WIB on Tuesday 17 March 2026 is 00:30 WITA and 01:30 WIT on Wednesday 18 March, a cuti bersama.
    const lateTuesdayInJakarta = '2026-03-17T16:30:00Z';

    it('is a working day in Jakarta and not in Makassar or Jayapura', () => {
      expect(calendar.isWorkingDay(lateTuesdayInJakarta, WIB)).toBe(true);
      expect(calendar.isWorkingDay(lateTuesdayInJakarta, WITA)).toBe(false);
      expect(calendar.isWorkingDay(lateTuesdayInJakarta, WIT)).toBe(false);
    });

    it('starts the count on a different day', () => {
      // 23:30 WIB Monday 16 March is 01:30 WIT Tuesday 17 March.
      const lateMondayInJakarta = '2026-03-16T16:30:00Z';
      expect(calendar.addWorkingDays(lateMondayInJakarta, 1, WIB)).toBe('2026-03-17T16:59:59.999Z');
      expect(calendar.addWorkingDays(lateMondayInJakarta, 1, WIT)).toBe('2026-03-25T14:59:59.999Z');
    });
  });

  describe('workingDaysBetween', () => {
    it.each([
      ['2026-03-13T19:00:00+07:00', '2026-03-25T09:00:00+07:00', 3],
      ['2026-03-17T08:00:00+07:00', '2026-03-24T17:00:00+07:00', 0],
      ['2026-03-16T08:00:00+07:00', '2026-03-16T17:00:00+07:00', 0],
      ['2026-03-25T09:00:00+07:00', '2026-03-13T19:00:00+07:00', -3],
    ])('from %s to %s is %i', (from, to, days) => {
      expect(calendar.workingDaysBetween(from, to, WIB)).toBe(days);
    });

    it('inverts addWorkingDays in every zone', () => {
      const instants = fc
        .date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2026-10-31T00:00:00Z'), noInvalidDate: true })
        .map((date) => date.toISOString());
      fc.assert(
        fc.property(instants, fc.integer({ min: 0, max: 60 }), fc.constantFrom(WIB, WITA, WIT), (start, days, zone) => {
          const due = calendar.addWorkingDays(start, days, zone);
          expect(calendar.workingDaysBetween(start, due, zone)).toBe(days);
          expect(calendar.workingDaysBetween(due, start, zone)).toBe(0 - days);
          expect(days === 0 || calendar.isWorkingDay(due, zone)).toBe(true);
        }),
        { numRuns: 300 },
      );
    });
  });

  it('refuses instants without an offset, unknown zones and negative counts', () => {
    expect(() => calendar.addWorkingDays('2026-03-13T19:00:00', 3, WIB)).toThrow(/with an offset/);
    expect(() => calendar.isWorkingDay('2026-03-13T19:00:00Z', 'Asia/Pontianak' as never)).toThrow(/Unsupported zone/);
    expect(() => calendar.addWorkingDays('2026-03-13T19:00:00Z', -1, WIB)).toThrow(/non-negative integer/);
  });
});

describe('WorkingDayCalendar with a published year', () => {
  const year2027 = (version: number, holidays: { date: string; name: string }[]) => ({
    year: 2027,
    version,
    decree: 'SKB 2027 (test)',
    holidays,
    cutiBersama: [{ date: '2027-01-04', name: 'Cuti bersama (test)' }],
  });
  const newYear = { date: '2027-01-01', name: 'Tahun Baru 2027 Masehi' };

  it('takes the published list over date-holidays: 5 January 2027 becomes a working day, the cuti bersama does not', () => {
    const published = loadWorkingDayCalendar();
    expect(published.isWorkingDay('2027-01-05', WIB)).toBe(false);
    expect(published.yearOf(2027)).toEqual({ year: 2027, source: 'date-holidays', version: null, verified: false, decree: null });

    expect(published.publish(year2027(1, [newYear]))).toBe(true);
    expect(published.isWorkingDay('2027-01-05', WIB)).toBe(true);
    expect(published.isWorkingDay('2027-01-04', WIB)).toBe(false);
    expect(published.isWorkingDay('2027-03-09', WIB)).toBe(true); // date-holidays' Idul Fitri, not in this list
    expect(published.holidaysIn(2027)).toEqual([
      { date: '2027-01-01', name: 'Tahun Baru 2027 Masehi', kind: 'holiday', origin: 'published' },
      { date: '2027-01-04', name: 'Cuti bersama (test)', kind: 'cuti_bersama', origin: 'published' },
    ]);
    expect(published.yearOf(2027)).toEqual({ year: 2027, source: 'published', version: 1, verified: true, decree: 'SKB 2027 (test)' });
    // The shipped decree years are untouched.
    expect(published.yearOf(2026)).toMatchObject({ source: 'holiday-file', verified: true });
  });

  it('keeps the newest version: an older or repeated one changes nothing', () => {
    const published = loadWorkingDayCalendar();
    published.publish(year2027(2, [newYear, { date: '2027-01-05', name: 'Isra Mikraj (test)' }]));
    expect(published.publish(year2027(1, [newYear]))).toBe(false);
    expect(published.publish(year2027(2, [newYear]))).toBe(false);
    expect(published.isWorkingDay('2027-01-05', WIB)).toBe(false);
    expect(published.yearOf(2027).version).toBe(2);
  });

  it('names the calendar of every year a count spans', () => {
    expect(calendar.yearsSpanned('2026-12-30T03:00:00Z', '2027-01-08T16:59:59.999Z', WIB).map((y) => [y.year, y.verified])).toEqual([
      [2026, true],
      [2027, false],
    ]);
  });
});
