import { DateTime } from 'luxon';
import type { Holiday } from '../calendar/holiday';
import type { IndonesianZone } from '../time/zones';

/**
 * The calendar as it was counted before the integer tables: luxon in the agency's zone, one date
 * at a time. Kept only as the reference the fast calendar is checked against; it takes each
 * year's holidays from the calendar under test, whose sources and precedence did not change.
 */
export class LuxonReferenceCalendar {
  constructor(private readonly holidaysIn: (year: number) => readonly Holiday[]) {}

  epochMillis(instant: string): number {
    const parsed = DateTime.fromISO(instant, { setZone: true });
    if (!parsed.isValid) throw new RangeError(`invalid instant ${instant}`);
    return parsed.toMillis();
  }

  localDateOf(instant: string, zone: IndonesianZone): string {
    return DateTime.fromMillis(this.epochMillis(instant), { zone }).toISODate() as string;
  }

  endOfLocalDay(date: string, zone: IndonesianZone): string {
    return DateTime.fromISO(date, { zone }).endOf('day').toUTC().toISO() as string;
  }

  isValidDate(date: string): boolean {
    return /^\d{4}-\d{2}-\d{2}$/.test(date) && utcDay(date).isValid;
  }

  isWorkingDate(date: string): boolean {
    if (utcDay(date).weekday >= 6) return false;
    return !this.holidaysIn(Number(date.slice(0, 4))).some((holiday) => holiday.date === date);
  }

  addWorkingDays(instant: string, days: number, zone: IndonesianZone): string {
    let date = this.localDateOf(instant, zone);
    for (let counted = 0; counted < days; ) {
      date = plusDays(date, 1);
      if (this.isWorkingDate(date)) counted += 1;
    }
    return this.endOfLocalDay(date, zone);
  }

  addCalendarDays(instant: string, days: number, zone: IndonesianZone): string {
    return this.endOfLocalDay(plusDays(this.localDateOf(instant, zone), days), zone);
  }

  workingDaysBetween(from: string, to: string, zone: IndonesianZone): number {
    const start = this.localDateOf(from, zone);
    const end = this.localDateOf(to, zone);
    if (end < start) return 0 - this.workingDaysBetween(to, from, zone);
    let count = 0;
    for (let date = plusDays(start, 1); date <= end; date = plusDays(date, 1)) if (this.isWorkingDate(date)) count += 1;
    return count;
  }

  calendarDaysBetween(from: string, to: string, zone: IndonesianZone): number {
    return utcDay(this.localDateOf(to, zone)).diff(utcDay(this.localDateOf(from, zone)), 'days').days;
  }
}

const utcDay = (date: string): DateTime => DateTime.fromISO(date, { zone: 'utc' });
const plusDays = (date: string, days: number): string => utcDay(date).plus({ days }).toISODate() as string;
