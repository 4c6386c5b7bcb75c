import type { LocalDate } from '../time/zones';

/** `cuti_bersama`: a collective leave day set by the yearly decree; offices close as on a holiday. */
export const HOLIDAY_KINDS = ['holiday', 'cuti_bersama'] as const;
export type HolidayKind = (typeof HOLIDAY_KINDS)[number];

/** `decree`: from the holiday file; `date-holidays`: computed by the library for the year. */
export interface Holiday {
  date: LocalDate;
  name: string;
  kind: HolidayKind;
  origin: 'decree' | 'date-holidays';
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
