import { DateTime } from 'luxon';

/**
 * The three Indonesian zones and their abbreviations. An agency's zone decides which local day an
 * instant falls on, so it is always passed explicitly: nothing here reads the server's zone.
 */
export const INDONESIAN_ZONES = { 'Asia/Jakarta': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' } as const;
export type IndonesianZone = keyof typeof INDONESIAN_ZONES;

/** A calendar day `YYYY-MM-DD` with no zone: a local day in some agency's zone. */
export type LocalDate = string;

/** Days since 1970-01-01: a local day as an integer, for arithmetic with no date objects. */
export type EpochDay = number;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

// WIB, WITA and WIT have kept these offsets, with no daylight saving, since 1964: day arithmetic
// in an agency's zone is integer arithmetic on epoch milliseconds.
const OFFSET_MS: Record<IndonesianZone, number> = { 'Asia/Jakarta': 7 * HOUR_MS, 'Asia/Makassar': 8 * HOUR_MS, 'Asia/Jayapura': 9 * HOUR_MS };

/** How far east of UTC the zone's clocks are, in milliseconds. */
export const zoneOffsetMs = (zone: IndonesianZone): number => OFFSET_MS[zone];

// Without an offset luxon would read the string in the server's zone.
const WITH_OFFSET = /T.*(Z|[+-]\d{2}(:?\d{2})?)$/i;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
// The shape every instant of the engine has; anything else (week dates, 24:00, odd offsets) goes to luxon.
const COMMON_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,30}))?)?(?:Z|([+-])(\d{2})(?::?(\d{2}))?)$/;

export function assertZone(zone: string): asserts zone is IndonesianZone {
  if (!Object.hasOwn(INDONESIAN_ZONES, zone)) {
    throw new RangeError(`Unsupported zone ${zone}: use one of ${Object.keys(INDONESIAN_ZONES).join(', ')}`);
  }
}

/** Epoch milliseconds of an ISO-8601 instant with an offset; refuses anything else. */
export function epochMillis(instant: string, what = 'instant'): number {
  const common = typeof instant === 'string' ? COMMON_INSTANT.exec(instant) : null;
  if (common) {
    const [, year, month, day, hour, minute, second = '0', fraction, sign, offsetHours = '0', offsetMinutes = '0'] = common;
    const days = epochDayOfParts(+year, +month, +day);
    if (days !== null && +hour < 24 && +minute < 60 && +second < 60 && +offsetHours < 24 && +offsetMinutes < 60) {
      // luxon's rounding of the fraction, so both paths agree to the millisecond.
      const millis = fraction === undefined ? 0 : Math.floor(parseFloat(`0.${fraction}`) * 1000);
      const offset = (sign === '-' ? -1 : 1) * (+offsetHours * HOUR_MS + +offsetMinutes * 60_000);
      return days * DAY_MS + +hour * HOUR_MS + +minute * 60_000 + +second * 1000 + millis - offset;
    }
  }
  const parsed = typeof instant === 'string' && WITH_OFFSET.test(instant) ? DateTime.fromISO(instant, { setZone: true }) : null;
  if (!parsed?.isValid) throw new RangeError(`${what} must be an ISO-8601 instant with an offset, got ${String(instant)}`);
  return parsed.toMillis();
}

export const isLocalDate = (value: unknown): value is LocalDate => typeof value === 'string' && epochDayOfDate(value) !== null;

export const instantAt = (millis: number): string => new Date(millis).toISOString();

/** The local day of `instant` in `zone`. */
export function epochDayOf(instant: string, zone: IndonesianZone): EpochDay {
  assertZone(zone);
  return Math.floor((epochMillis(instant) + OFFSET_MS[zone]) / DAY_MS);
}

export const localDateOf = (instant: string, zone: IndonesianZone): LocalDate => localDateAt(epochDayOf(instant, zone));

/** The last millisecond of `day` in `zone`, as a UTC instant: deadlines fall due at the end of a day. */
export function endOfEpochDay(day: EpochDay, zone: IndonesianZone): string {
  assertZone(zone);
  return instantAt((day + 1) * DAY_MS - OFFSET_MS[zone] - 1);
}

/** The first millisecond of `date` in `zone`. */
export function startOfLocalDate(date: LocalDate, zone: IndonesianZone): number {
  assertZone(zone);
  return epochDayOfLocalDate(date) * DAY_MS - OFFSET_MS[zone];
}

/** ISO weekday: 1 is Monday, 7 is Sunday; 1970-01-01 was a Thursday. */
export const weekdayOfEpochDay = (day: EpochDay): number => ((((day + 3) % 7) + 7) % 7) + 1;

export function epochDayOfLocalDate(date: LocalDate): EpochDay {
  const day = epochDayOfDate(date);
  if (day === null) throw new RangeError(`Not a date YYYY-MM-DD: ${date}`);
  return day;
}

/** `YYYY-MM-DD` of an epoch day (Hinnant's civil-from-days, proleptic Gregorian). */
export function localDateAt(day: EpochDay): LocalDate {
  const { year, month, dayOfMonth } = civilOf(day);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${dayOfMonth < 10 ? '0' : ''}${dayOfMonth}`;
}

export const yearOfEpochDay = (day: EpochDay): number => civilOf(day).year;

/** The epoch day of 1 January of `year`. */
export const firstDayOfYear = (year: number): EpochDay => daysFromCivil(year, 1, 1);

function epochDayOfDate(date: string): EpochDay | null {
  const match = DATE_ONLY.exec(date);
  return match ? epochDayOfParts(+match[1], +match[2], +match[3]) : null;
}

function epochDayOfParts(year: number, month: number, day: number): EpochDay | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return daysFromCivil(year, month, day);
}

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;

// Hinnant's algorithms: eras of 400 years, years starting in March so the leap day comes last.
function daysFromCivil(year: number, month: number, day: number): EpochDay {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function civilOf(epochDay: EpochDay): { year: number; month: number; dayOfMonth: number } {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const dayOfMonth = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfMonth };
}
