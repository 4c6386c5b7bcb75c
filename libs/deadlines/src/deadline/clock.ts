import type { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { spanOf, spanUnit, type Span } from '../policy/sla-policy';
import { epochMillis, instantAt, type IndonesianZone } from '../time/zones';
import { addSpan, daysElapsed } from './spans';

/** The clock stood still from `from` until `to`; no `to` means it still does. */
export interface Pause {
  from: string;
  to?: string | null;
}

/** `remainingDays` counts in the limit's own unit (working or calendar days). */
export type Deadline = { status: 'running'; due: string } | { status: 'paused'; pausedSince: string; remainingDays: number };

/** Epoch milliseconds; an open pause ends at Infinity. */
interface Interval {
  from: number;
  to: number;
}

/** Pauses clipped to start at the clock's start, sorted, and merged where they overlap. */
function pauseIntervals(start: number, pauses: readonly Pause[]): Interval[] {
  const clipped = pauses
    .map((pause): Interval => {
      const from = epochMillis(pause.from);
      const to = pause.to == null ? Infinity : epochMillis(pause.to);
      if (to < from) throw new RangeError(`A pause ends (${pause.to}) before it starts (${pause.from})`);
      return { from: Math.max(from, start), to };
    })
    .filter((interval) => interval.to > start)
    .sort((a, b) => a.from - b.from);
  const merged: Interval[] = [];
  for (const interval of clipped) {
    const last = merged.at(-1);
    if (last && interval.from <= last.to) last.to = Math.max(last.to, interval.to);
    else merged.push(interval);
  }
  return merged;
}

/**
 * A clock that runs `span` from `start` but stands still during `pauses` (a reporter
 * clarification pending). Each pause pushes the due date back by the days it covered, counted
 * like the span itself: days after the pause's first day up to its last, so a pause opened and
 * closed on the same day costs nothing. Pauses beginning after the (extended) due date no longer
 * count: the deadline had already lapsed. While a pause is open the clock reports what was left.
 */
export function pausableDeadline(
  calendar: WorkingDayCalendar,
  start: string,
  span: Span,
  pauses: readonly Pause[],
  zone: IndonesianZone,
): Deadline {
  const unit = spanUnit(span);
  let due = addSpan(calendar, start, span, zone);
  for (const pause of pauseIntervals(epochMillis(start), pauses)) {
    if (pause.from > epochMillis(due)) break;
    const from = instantAt(pause.from);
    if (pause.to === Infinity) return { status: 'paused', pausedSince: from, remainingDays: daysElapsed(calendar, from, due, unit, zone) };
    due = addSpan(calendar, due, spanOf(unit, daysElapsed(calendar, from, instantAt(pause.to), unit, zone)), zone);
  }
  return { status: 'running', due };
}
