import type { LocalDate } from '../time/zones';

/** `cuti_bersama`: a collective leave day set by the yearly decree; offices close as on a holiday. */
export const HOLIDAY_KINDS = ['holiday', 'cuti_bersama'] as const;
export type HolidayKind = (typeof HOLIDAY_KINDS)[number];

/**
 * `published`: from the year's calendar the national admin published through the API;
 * `decree`: from the holiday file; `date-holidays`: computed by the library for the year.
 */
export interface Holiday {
  date: LocalDate;
  name: string;
  kind: HolidayKind;
  origin: 'published' | 'decree' | 'date-holidays';
}

/** One year of the holiday file: the decree it follows, and how it corrects date-holidays. */
export interface YearDecree {
  source: string;
  /** Holidays and cuti bersama; on their dates they supersede whatever date-holidays lists. */
  add: readonly { date: LocalDate; name: string; kind: HolidayKind; note?: string }[];
  /** Dates date-holidays lists that the decree does not make holidays. */
  remove: readonly { date: LocalDate; reason: string }[];
}

export type HolidayDecrees = ReadonlyMap<number, YearDecree>;

/** A year's full list as the national admin published it (`HolidayCalendarPublished`): it replaces file and library alike. */
export interface PublishedYear {
  year: number;
  version: number;
  decree: string;
  holidays: readonly { date: LocalDate; name: string }[];
  cutiBersama: readonly { date: LocalDate; name: string }[];
}

/**
 * Where a year's days off come from, best first: a published calendar, the holiday file's decree,
 * or date-holidays alone. Only the first two are verified against a decree.
 */
export type CalendarSource = 'published' | 'holiday-file' | 'date-holidays';

export interface CalendarYear {
  year: number;
  source: CalendarSource;
  /** The published version in force; null for the holiday file and date-holidays. */
  version: number | null;
  verified: boolean;
  /** The decree the year follows; null for date-holidays. */
  decree: string | null;
}
