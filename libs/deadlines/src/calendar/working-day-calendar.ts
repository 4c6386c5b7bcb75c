import {
  assertZone,
  isLocalDate,
  localDateOf,
  endOfLocalDay,
  plusDays,
  weekdayOf,
  type IndonesianZone,
  type LocalDate,
} from '../time/zones';
import type { CalendarYear, Holiday, HolidayDecrees, PublishedYear } from './holiday';
import { dateHolidaysFor, type NationalHolidaySource } from './national-holidays';
import { loadHolidayDecrees } from './holiday-decrees';

const SATURDAY = 6;

/**
 * Working days: Monday to Friday, except national holidays and cuti bersama. A year's holidays
 * are, best first: the list the national admin published for it (`publish`), date-holidays' list
 * corrected by that year's decree in the holiday file, or date-holidays alone (no cuti bersama,
 * approximate lunar dates), which `yearOf` reports as unverified.
 *
 * Day counts exclude the start day: the first working day is the one after the day the clock
 * starts, whatever its time of day, and a deadline falls due at the end (23:59:59.999 local) of
 * its last working day. Instants are ISO-8601 strings with an offset; results are UTC instants.
 */
export class WorkingDayCalendar {
  private readonly holidaysByYear = new Map<number, readonly Holiday[]>();
  private readonly closedDays = new Map<number, ReadonlySet<LocalDate>>();
  private readonly published = new Map<number, PublishedYear>();

  constructor(
    private readonly decrees: HolidayDecrees,
    private readonly nationalHolidays: NationalHolidaySource = dateHolidaysFor,
  ) {}

  /** Years whose holidays follow a decree; other years lack cuti bersama and lunar corrections. */
  get decreedYears(): number[] {
    return [...this.decrees.keys()].sort((a, b) => a - b);
  }

  /**
   * Takes a published year's list in place of the file and the library. Idempotent: a version no
   * newer than the one held is ignored, so every reader of the calendar streams may hand it over.
   * Returns whether the calendar changed.
   */
  publish(year: PublishedYear): boolean {
    if ((this.published.get(year.year)?.version ?? 0) >= year.version) return false;
    this.published.set(year.year, year);
    this.holidaysByYear.delete(year.year);
    this.closedDays.delete(year.year);
    return true;
  }

  /** Where the year's days off come from and whether a decree verifies them. */
  yearOf(year: number): CalendarYear {
    const published = this.published.get(year);
    if (published) return { year, source: 'published', version: published.version, verified: true, decree: published.decree };
    const decree = this.decrees.get(year);
    if (decree) return { year, source: 'holiday-file', version: null, verified: true, decree: decree.source };
    return { year, source: 'date-holidays', version: null, verified: false, decree: null };
  }

  /** The calendar of every year from the local day of `from` to that of `to`, in order. */
  yearsSpanned(from: string, to: string, zone: IndonesianZone): CalendarYear[] {
    const first = Number(localDateOf(from, zone).slice(0, 4));
    const last = Number(localDateOf(to, zone).slice(0, 4));
    return Array.from({ length: Math.max(0, last - first) + 1 }, (_, index) => this.yearOf(first + index));
  }

  /** The year's holidays and cuti bersama, by date; weekends are not listed. */
  holidaysIn(year: number): readonly Holiday[] {
    let holidays = this.holidaysByYear.get(year);
    if (!holidays) {
      holidays = this.correctedHolidays(year);
      this.holidaysByYear.set(year, holidays);
    }
    return holidays;
  }

  /** `date` is either a local date `YYYY-MM-DD`, taken as is, or an instant, taken as its local day in `zone`. */
  isWorkingDay(date: string, zone: IndonesianZone): boolean {
    assertZone(zone);
    return this.isWorkingDate(isLocalDate(date) ? date : localDateOf(date, zone));
  }

  /** The end of the `days`-th working day after the local day of `instant`; 0 gives the end of that day. */
  addWorkingDays(instant: string, days: number, zone: IndonesianZone): string {
    if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a non-negative integer, got ${days}`);
    let date = localDateOf(instant, zone);
    for (let counted = 0; counted < days; ) {
      date = plusDays(date, 1);
      if (this.isWorkingDate(date)) counted += 1;
    }
    return endOfLocalDay(date, zone);
  }

  /**
   * Working days after the local day of `from` up to and including the local day of `to`, so
   * `workingDaysBetween(s, addWorkingDays(s, n)) === n`; negative when `to` falls on an earlier day.
   */
  workingDaysBetween(from: string, to: string, zone: IndonesianZone): number {
    const start = localDateOf(from, zone);
    const end = localDateOf(to, zone);
    // `0 - n` rather than `-n`, which is -0 when no working day lies between.
    if (end < start) return 0 - this.workingDaysBetween(to, from, zone);
    let count = 0;
    for (let date = plusDays(start, 1); date <= end; date = plusDays(date, 1)) if (this.isWorkingDate(date)) count += 1;
    return count;
  }

  private isWorkingDate(date: LocalDate): boolean {
    if (weekdayOf(date) >= SATURDAY) return false;
    const year = Number(date.slice(0, 4));
    let closed = this.closedDays.get(year);
    if (!closed) {
      closed = new Set(this.holidaysIn(year).map((holiday) => holiday.date));
      this.closedDays.set(year, closed);
    }
    return !closed.has(date);
  }

  private correctedHolidays(year: number): readonly Holiday[] {
    const published = this.published.get(year);
    if (published) {
      const days = (kind: Holiday['kind'], list: PublishedYear['holidays']) =>
        list.map(({ date, name }): Holiday => ({ date, name, kind, origin: 'published' }));
      return [...days('holiday', published.holidays), ...days('cuti_bersama', published.cutiBersama)].sort(byDate);
    }
    const decree = this.decrees.get(year);
    if (!decree) return [...this.nationalHolidays(year)].sort(byDate);
    const decided = new Set([...decree.add, ...decree.remove].map((entry) => entry.date));
    const kept = this.nationalHolidays(year).filter((holiday) => !decided.has(holiday.date));
    const added = decree.add.map(({ date, name, kind }): Holiday => ({ date, name, kind, origin: 'decree' }));
    return [...kept, ...added].sort(byDate);
  }
}

const byDate = (a: Holiday, b: Holiday): number => a.date.localeCompare(b.date);

/** The calendar of the deployment's holiday file, or of the shipped one. */
export const loadWorkingDayCalendar = (holidayFile?: string): WorkingDayCalendar =>
  new WorkingDayCalendar(loadHolidayDecrees(holidayFile));
