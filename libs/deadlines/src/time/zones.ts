import { DateTime } from 'luxon';

/**
 * The three Indonesian zones and their abbreviations. An agency's zone decides which local day an
 * instant falls on, so it is always passed explicitly: nothing here reads the server's zone.
 */
export const INDONESIAN_ZONES = { 'Asia/Jakarta': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' } as const;
export type IndonesianZone = keyof typeof INDONESIAN_ZONES;

/** A calendar day `YYYY-MM-DD` with no zone: a local day in some agency's zone. */
export type LocalDate = string;

// Without an offset luxon would read the string in the server's zone.
const WITH_OFFSET = /T.*(Z|[+-]\d{2}(:?\d{2})?)$/i;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export function assertZone(zone: string): asserts zone is IndonesianZone {
  if (!Object.hasOwn(INDONESIAN_ZONES, zone)) {
    throw new RangeError(`Unsupported zone ${zone}: use one of ${Object.keys(INDONESIAN_ZONES).join(', ')}`);
  }
}

export function parseInstant(instant: string, what = 'instant'): DateTime {
  const parsed = typeof instant === 'string' && WITH_OFFSET.test(instant) ? DateTime.fromISO(instant, { setZone: true }) : null;
  if (!parsed?.isValid) throw new RangeError(`${what} must be an ISO-8601 instant with an offset, got ${String(instant)}`);
  return parsed;
}

export const isLocalDate = (value: unknown): value is LocalDate =>
  typeof value === 'string' && DATE_ONLY.test(value) && utcDay(value).isValid;

export const epochMillis = (instant: string): number => parseInstant(instant).toMillis();

export const instantAt = (millis: number): string => DateTime.fromMillis(millis, { zone: 'utc' }).toISO() as string;

export function localDateOf(instant: string, zone: IndonesianZone): LocalDate {
  assertZone(zone);
  return parseInstant(instant).setZone(zone).toISODate() as LocalDate;
}

/** The last millisecond of `date` in `zone`, as a UTC instant: deadlines fall due at the end of a day. */
export function endOfLocalDay(date: LocalDate, zone: IndonesianZone): string {
  assertZone(zone);
  return DateTime.fromISO(date, { zone }).endOf('day').toUTC().toISO() as string;
}

/** Calendar arithmetic on dates alone, done in UTC so it cannot depend on any zone. */
export const plusDays = (date: LocalDate, days: number): LocalDate => utcDay(date).plus({ days }).toISODate() as LocalDate;

export const daysFromTo = (from: LocalDate, to: LocalDate): number => utcDay(to).diff(utcDay(from), 'days').days;

/** ISO weekday: 1 is Monday, 7 is Sunday. */
export const weekdayOf = (date: LocalDate): number => utcDay(date).weekday;

function utcDay(date: LocalDate): DateTime {
  return DateTime.fromISO(date, { zone: 'utc' });
}
