import type { CalendarSource } from '@lacak/deadlines';

/** The calendar one year of a count came from: its published version, the holiday file, or date-holidays' guesses. */
export interface CalendarUse {
  year: number;
  source: CalendarSource;
  version: number | null;
}

/**
 * A clock on the work queue: the instant it falls due, or where it stands still (paused), and the
 * calendar each year of its count used. `calendarVerified` is false while a year of the count rests
 * on date-holidays alone: no decree verifies its holidays, and it knows no cuti bersama.
 */
export type ClockView = ({ due: string } | { pausedSince: string; remainingDays: number }) & {
  calendarVerified: boolean;
  calendars: CalendarUse[];
};

export const CLOCK_NAMES = ['verification', 'followUp', 'resolution', 'clarification', 'autoClose', 'ombudsmanReferral'] as const;
export type ClockName = (typeof CLOCK_NAMES)[number];

export type ClockViews = Partial<Record<ClockName, ClockView>>;
