import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Holiday } from './holiday';
import { HolidayFileError, loadHolidayDecrees, parseHolidayDecrees } from './holiday-decrees';
import { loadWorkingDayCalendar, WorkingDayCalendar } from './working-day-calendar';

const writeJson = (content: unknown): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'holidays-')), 'holidays.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
};

const library = (year: number): Holiday[] => [
  { date: `${year}-03-20`, name: 'Idul Fitri (computed)', kind: 'holiday', origin: 'date-holidays' },
  { date: `${year}-03-21`, name: 'Idul Fitri (computed)', kind: 'holiday', origin: 'date-holidays' },
  { date: `${year}-06-26`, name: 'Tahun Baru Islam (computed)', kind: 'holiday', origin: 'date-holidays' },
];

describe('holiday decrees', () => {
  it('corrects date-holidays: added dates supersede its entries, removed dates drop them', () => {
    const decrees = parseHolidayDecrees({
      2030: {
        source: 'SKB test',
        add: [
          { date: '2030-03-20', name: 'Cuti bersama Idul Fitri', kind: 'cuti_bersama' },
          { date: '2030-03-22', name: 'Idul Fitri', kind: 'holiday' },
        ],
        remove: [{ date: '2030-06-26', reason: 'the decree sets 27 June' }],
      },
    });
    expect(new WorkingDayCalendar(decrees, library).holidaysIn(2030)).toEqual([
      { date: '2030-03-20', name: 'Cuti bersama Idul Fitri', kind: 'cuti_bersama', origin: 'decree' },
      { date: '2030-03-21', name: 'Idul Fitri (computed)', kind: 'holiday', origin: 'date-holidays' },
      { date: '2030-03-22', name: 'Idul Fitri', kind: 'holiday', origin: 'decree' },
    ]);
  });

  it('falls back to date-holidays alone for a year without a decree', () => {
    const calendar = loadWorkingDayCalendar();
    expect(calendar.decreedYears).toEqual([2025, 2026]);
    expect(calendar.holidaysIn(2027).every((holiday) => holiday.origin === 'date-holidays')).toBe(true);
    expect(calendar.isWorkingDay('2027-08-17', 'Asia/Jakarta')).toBe(false);
  });

  it("loads a deployment's own file, which replaces the shipped one", () => {
    const file = writeJson({ 2027: { source: 'SKB 2027', add: [{ date: '2027-08-16', name: 'Cuti bersama', kind: 'cuti_bersama' }] } });
    const calendar = loadWorkingDayCalendar(file);
    expect(calendar.decreedYears).toEqual([2027]);
    expect(calendar.isWorkingDay('2027-08-16', 'Asia/Jayapura')).toBe(false);
    // Without the shipped 2026 decree, date-holidays' Idul Fitri date stands again.
    expect(calendar.isWorkingDay('2026-03-23', 'Asia/Jakarta')).toBe(true);
  });

  it.each([
    ['not an object', [], 'The holiday file must hold an object keyed by year'],
    ['a year that is not an object', { 2026: [] }, '2026: must be an object with source, add and remove'],
    ['no source', { 2026: { add: [] } }, '2026: source must name the decree (e.g. the SKB numbers)'],
    ['a two-digit year', { 26: { source: 'x' } }, '26: the key must be a four-digit year'],
    ['a misspelt field', { 2026: { source: 'x', adds: [] } }, '2026: unknown field adds'],
    ['add not an array', { 2026: { source: 'x', add: {} } }, '2026: add must be an array'],
    [
      'a date in another year',
      { 2026: { source: 'x', add: [{ date: '2025-12-31', name: 'New Year', kind: 'holiday' }] } },
      '2026: add[0].date 2025-12-31 is not in 2026',
    ],
    [
      'an impossible date',
      { 2026: { source: 'x', add: [{ date: '2026-02-30', name: 'x', kind: 'holiday' }] } },
      '2026: add[0].date must be a date YYYY-MM-DD',
    ],
    [
      'no name and an unknown kind',
      { 2026: { source: 'x', add: [{ date: '2026-03-20', name: '', kind: 'libur' }] } },
      '2026: add[0].name must be a non-empty string; add[0].kind must be one of holiday, cuti_bersama',
    ],
    [
      'a date added twice and removed',
      {
        2026: {
          source: 'x',
          add: [
            { date: '2026-03-20', name: 'a', kind: 'holiday' },
            { date: '2026-03-20', name: 'b', kind: 'cuti_bersama' },
          ],
          remove: [{ date: '2026-03-20', reason: 'moved' }],
        },
      },
      '2026: add lists 2026-03-20 twice; 2026-03-20 is both added and removed',
    ],
    ['a removal without a reason', { 2026: { source: 'x', remove: [{ date: '2026-03-20' }] } }, '2026: remove[0].reason must say why the date is not a holiday'],
  ])('rejects %s', (_label, content, message) => {
    expect(() => parseHolidayDecrees(content)).toThrow(new HolidayFileError(message));
  });

  it('names an unreadable file', () => {
    expect(() => loadHolidayDecrees('/nonexistent/holidays.json')).toThrow(/Cannot read holiday file \/nonexistent\/holidays.json/);
  });
});
