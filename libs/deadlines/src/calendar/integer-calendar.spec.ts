import fc from 'fast-check';
import { addSpan, daysElapsed } from '../deadline/spans';
import { LuxonReferenceCalendar } from '../testing/luxon-reference-calendar';
import { epochMillis, isLocalDate, localDateOf, type IndonesianZone } from '../time/zones';
import { loadWorkingDayCalendar } from './working-day-calendar';

// A fixed seed, so a failure reproduces; CALENDAR_SEED picks another.
fc.configureGlobal({ seed: Number(process.env.CALENDAR_SEED ?? 20261205) });

const calendar = loadWorkingDayCalendar();
const reference = new LuxonReferenceCalendar((year) => calendar.holidaysIn(year));
const zones = fc.constantFrom<IndonesianZone>('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura');
const spanDays = fc.integer({ min: 0, max: 90 });

const pad = (value: number, width = 2): string => String(Math.abs(value)).padStart(width, '0');

/**
 * Instants across the decreed years (2025, 2026) and a year of date-holidays alone (2027), written
 * as clients write them: any offset, with or without seconds, a fraction of any length.
 */
const instants = fc
  .record({
    at: fc.date({ min: new Date('2024-12-31T12:00:00Z'), max: new Date('2027-12-31T23:59:59Z'), noInvalidDate: true }),
    offsetMinutes: fc.constantFrom(0, 420, 480, 540, -300, 330, 345, 840, -720),
    offsetStyle: fc.constantFrom('Z', '+hh:mm', '+hhmm', '+hh'),
    precision: fc.constantFrom('minutes', 'seconds', 'millis', 'micros', 'tenths'),
    micros: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ at, offsetMinutes, offsetStyle, precision, micros }) => {
    const wall = new Date(at.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 23);
    const time = { minutes: wall.slice(0, 16), seconds: wall.slice(0, 19), millis: wall, micros: wall + pad(micros, 3), tenths: wall.slice(0, 21) }[precision];
    const sign = offsetMinutes < 0 ? '-' : '+';
    const [hours, minutes] = [pad(Math.trunc(offsetMinutes / 60)), pad(offsetMinutes % 60)];
    if (offsetMinutes === 0 && offsetStyle === 'Z') return `${time}Z`;
    if (offsetStyle === '+hh' && minutes === '00') return `${time}${sign}${hours}`;
    return offsetStyle === '+hhmm' ? `${time}${sign}${hours}${minutes}` : `${time}${sign}${hours}:${minutes}`;
  });

describe('the integer calendar counts as the luxon one did', () => {
  it('reads every instant to the same millisecond and local day', () => {
    fc.assert(
      fc.property(instants, zones, (instant, zone) => {
        expect(epochMillis(instant)).toBe(reference.epochMillis(instant));
        expect(localDateOf(instant, zone)).toBe(reference.localDateOf(instant, zone));
        expect(calendar.isWorkingDay(instant, zone)).toBe(reference.isWorkingDate(reference.localDateOf(instant, zone)));
      }),
      { numRuns: 2000 },
    );
  });

  it('adds working and calendar days to the same due instant', () => {
    fc.assert(
      fc.property(instants, spanDays, zones, (start, days, zone) => {
        expect(calendar.addWorkingDays(start, days, zone)).toBe(reference.addWorkingDays(start, days, zone));
        expect(addSpan(calendar, start, { workingDays: days }, zone)).toBe(reference.addWorkingDays(start, days, zone));
        expect(addSpan(calendar, start, { calendarDays: days }, zone)).toBe(reference.addCalendarDays(start, days, zone));
      }),
      { numRuns: 400 },
    );
  });

  it('counts the same days between any two instants, across year ends and in either order', () => {
    fc.assert(
      fc.property(instants, instants, zones, (from, to, zone) => {
        expect(calendar.workingDaysBetween(from, to, zone)).toBe(reference.workingDaysBetween(from, to, zone));
        expect(daysElapsed(calendar, from, to, 'calendarDays', zone)).toBe(reference.calendarDaysBetween(from, to, zone));
      }),
      { numRuns: 150 },
    );
  });

  it('takes the same local dates, and refuses the same impossible ones', () => {
    const dates = fc.tuple(fc.integer({ min: 1900, max: 2400 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }));
    fc.assert(
      fc.property(dates, ([year, month, day]) => {
        const date = `${year}-${pad(month)}-${pad(day)}`;
        expect(isLocalDate(date)).toBe(reference.isValidDate(date));
      }),
      { numRuns: 2000 },
    );
  });
});
