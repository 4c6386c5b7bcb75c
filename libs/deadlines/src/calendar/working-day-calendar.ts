import {
  assertZone,
  endOfEpochDay,
  epochDayOf,
  epochDayOfLocalDate,
  firstDayOfYear,
  isLocalDate,
  weekdayOfEpochDay,
  yearOfEpochDay,
  type EpochDay,
  type IndonesianZone,
} from '../time/zones';
import type { CalendarYear, Holiday, HolidayDecrees, PublishedYear } from './holiday';
import { dateHolidaysFor, type NationalHolidaySource } from './national-holidays';
import { loadHolidayDecrees } from './holiday-decrees';

const SATURDAY = 6;

/**
 * One year's working days, built once from its holidays: `working[i]` for the year's i-th day,
 * and `before[i]` the working days among its first i days, so any count is two lookups.
 */
interface YearTable {
  first: EpochDay;
  working: Uint8Array;
  before: Int32Array;
}

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
  private readonly tables = new Map<number, YearTable>();
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
    this.tables.delete(year.year);
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
    const first = yearOfEpochDay(epochDayOf(from, zone));
    const last = yearOfEpochDay(epochDayOf(to, zone));
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
    const day = isLocalDate(date) ? epochDayOfLocalDate(date) : epochDayOf(date, zone);
    const table = this.tableOf(yearOfEpochDay(day));
    return table.working[day - table.first] === 1;
  }

  /** The end of the `days`-th working day after the local day of `instant`; 0 gives the end of that day. */
  addWorkingDays(instant: string, days: number, zone: IndonesianZone): string {
    if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a non-negative integer, got ${days}`);
    const start = epochDayOf(instant, zone);
    if (days === 0) return endOfEpochDay(start, zone);
    let table = this.tableOf(yearOfEpochDay(start));
    // Working days to find after `start`, counted from the start of `table`'s year.
    let wanted = days + table.before[start - table.first + 1];
    while (wanted > table.before[table.working.length]) {
      wanted -= table.before[table.working.length];
      table = this.tableOf(yearOfEpochDay(table.first) + 1);
    }
    // The first index whose count reaches `wanted` is one past the due day.
    let low = 1;
    let high = table.working.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (table.before[middle] < wanted) low = middle + 1;
      else high = middle;
    }
    return endOfEpochDay(table.first + low - 1, zone);
  }

  /**
   * Working days after the local day of `from` up to and including the local day of `to`, so
   * `workingDaysBetween(s, addWorkingDays(s, n)) === n`; negative when `to` falls on an earlier day.
   */
  workingDaysBetween(from: string, to: string, zone: IndonesianZone): number {
    const start = epochDayOf(from, zone);
    const end = epochDayOf(to, zone);
    // `0 - n` rather than `-n`, which is -0 when no working day lies between.
    return end < start ? 0 - this.workingDaysAfterThrough(end, start) : this.workingDaysAfterThrough(start, end);
  }

  /** Working days in (start, end], from the year tables: the rest of the first year, whole years, the start of the last. */
  private workingDaysAfterThrough(start: EpochDay, end: EpochDay): number {
    const lastYear = yearOfEpochDay(end);
    let year = yearOfEpochDay(start);
    let table = this.tableOf(year);
    let count = -table.before[start - table.first + 1];
    for (; year < lastYear; table = this.tableOf(++year)) count += table.before[table.working.length];
    return count + table.before[end - table.first + 1];
  }

  private tableOf(year: number): YearTable {
    let table = this.tables.get(year);
    if (!table) {
      table = this.buildTable(year);
      this.tables.set(year, table);
    }
    return table;
  }

  private buildTable(year: number): YearTable {
    const first = firstDayOfYear(year);
    const length = firstDayOfYear(year + 1) - first;
    const working = new Uint8Array(length);
    for (let index = 0; index < length; index += 1) working[index] = weekdayOfEpochDay(first + index) >= SATURDAY ? 0 : 1;
    for (const holiday of this.holidaysIn(year)) {
      const index = epochDayOfLocalDate(holiday.date) - first;
      // A date outside the year is not this year's to close, as each year answers for its own days.
      if (index >= 0 && index < length) working[index] = 0;
    }
    const before = new Int32Array(length + 1);
    for (let index = 0; index < length; index += 1) before[index + 1] = before[index] + working[index];
    return { first, working, before };
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
