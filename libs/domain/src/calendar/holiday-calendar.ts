/**
 * A year's national holidays and cuti bersama as the joint ministerial decree (SKB) sets them,
 * published by the national admin. Each publication is a new version of the year; holidays are
 * facts, so the newest version is the truth for every clock that has not yet run out.
 */
import { mayQuery } from '../access/access-matrix';
import type { Actor } from '../complaint/actor';
import { type Refusal, refuse } from '../complaint/refusals';

/** One day off: a local date `YYYY-MM-DD` (the same day in every zone) and its name in the decree. */
export interface CalendarDay {
  date: string;
  name: string;
}

export interface HolidayCalendarPublished {
  type: 'HolidayCalendarPublished';
  data: {
    year: number;
    /** 1 for the year's first publication, then one more for each correction. */
    version: number;
    /** Which decree the lists follow, e.g. the SKB numbers. */
    decree: string;
    holidays: CalendarDay[];
    cutiBersama: CalendarDay[];
    publishedBy: string;
    at: string;
  };
}

export interface PublishHolidayCalendar {
  type: 'PublishHolidayCalendar';
  actor: Actor;
  at: string;
  data: { year: number; decree: string; holidays: CalendarDay[]; cutiBersama: CalendarDay[] };
}

export type HolidayCalendarEvent = HolidayCalendarPublished;

/** The year's latest publication; version 0 before the first. */
export interface HolidayCalendarState {
  version: number;
  latest: HolidayCalendarPublished['data'] | null;
}

export const HOLIDAY_CALENDAR_STREAM_PREFIX = 'holiday-calendar-';

export const holidayCalendarStreamId = (year: number): string => `${HOLIDAY_CALENDAR_STREAM_PREFIX}${year}`;

export const initialHolidayCalendarState = (): HolidayCalendarState => ({ version: 0, latest: null });

export const evolveHolidayCalendar = (_state: HolidayCalendarState, event: HolidayCalendarEvent): HolidayCalendarState => ({
  version: event.data.version,
  latest: event.data,
});

export type HolidayCalendarDecision = { ok: true; events: HolidayCalendarEvent[] } | { ok: false; refusal: Refusal };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date: the day exists in its month (no 30 February). */
export function isCalendarDate(date: string): boolean {
  const match = DATE.exec(date);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** Every problem with the lists, in the order a reader fixes them; empty when the year is sound. */
export function calendarProblems(data: PublishHolidayCalendar['data']): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(data.year) || data.year < 1000 || data.year > 9999) problems.push('year must be a four-digit year');
  if (!isText(data.decree)) problems.push('decree must name the decree the lists follow (e.g. the SKB numbers)');
  if (data.holidays.length === 0) problems.push('holidays must list the national holidays of the year');
  const seen = new Map<string, string>();
  for (const [list, days] of [['holidays', data.holidays], ['cutiBersama', data.cutiBersama]] as const) {
    days.forEach((day, index) => {
      const where = `${list}[${index}]`;
      if (!isCalendarDate(day.date)) problems.push(`${where}.date must be a date YYYY-MM-DD`);
      else if (!day.date.startsWith(`${data.year}-`)) problems.push(`${where}.date ${day.date} is not in ${data.year}`);
      if (!isText(day.name)) problems.push(`${where}.name must name the day`);
      const first = seen.get(day.date);
      if (first) problems.push(`${where}.date ${day.date} is already listed as ${first}`);
      else seen.set(day.date, where);
    });
  }
  return problems;
}

const byDate = (a: CalendarDay, b: CalendarDay) => a.date.localeCompare(b.date);
const sameDays = (a: readonly CalendarDay[], b: readonly CalendarDay[]) =>
  JSON.stringify([...a].sort(byDate)) === JSON.stringify([...b].sort(byDate));

/**
 * Publishes the year's holidays and cuti bersama as its next version. Refused to anyone but the
 * national admin, for lists a decree cannot have (a date outside the year, a date twice, a day
 * without a name), and when nothing changed since the version in force.
 */
export function decideHolidayCalendar(command: PublishHolidayCalendar, state: HolidayCalendarState): HolidayCalendarDecision {
  if (!mayQuery('publish-holiday-calendar', command.actor.role)) {
    return { ok: false, refusal: refuse('ROLE_NOT_ALLOWED', 'Only the national admin publishes the holiday calendar.') };
  }
  const problems = calendarProblems(command.data);
  if (problems.length > 0) {
    return { ok: false, refusal: refuse('CALENDAR_INVALID', `The ${command.data.year} calendar cannot be published: ${problems.join('; ')}.`) };
  }
  const { year, decree, holidays, cutiBersama } = command.data;
  const latest = state.latest;
  if (latest && latest.decree === decree && sameDays(latest.holidays, holidays) && sameDays(latest.cutiBersama, cutiBersama)) {
    return { ok: false, refusal: refuse('CALENDAR_UNCHANGED', `Version ${latest.version} of the ${year} calendar already says exactly this.`) };
  }
  const event: HolidayCalendarPublished = {
    type: 'HolidayCalendarPublished',
    data: {
      year,
      version: state.version + 1,
      decree,
      holidays: [...holidays].sort(byDate),
      cutiBersama: [...cutiBersama].sort(byDate),
      publishedBy: command.actor.id,
      at: command.at,
    },
  };
  return { ok: true, events: [event] };
}

export const holidayCalendarDecider = {
  decide: decideHolidayCalendar,
  evolve: evolveHolidayCalendar,
  initialState: initialHolidayCalendarState,
};

/** Stored events of a calendar stream are trusted: only the calendar publication writes them. */
export const toHolidayCalendarEvent = (stored: { type: string; data: unknown }): HolidayCalendarEvent =>
  ({ type: stored.type, data: stored.data }) as HolidayCalendarEvent;
