import type { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { spanDays, spanUnit, type Span, type SpanUnit } from '../policy/sla-policy';
import { endOfEpochDay, epochDayOf, type IndonesianZone } from '../time/zones';

/** The instant a span started at `start` ends: the end of its last (working or calendar) day. */
export function addSpan(calendar: WorkingDayCalendar, start: string, span: Span, zone: IndonesianZone): string {
  const days = spanDays(span);
  if (spanUnit(span) === 'workingDays') return calendar.addWorkingDays(start, days, zone);
  return endOfEpochDay(epochDayOf(start, zone) + days, zone);
}

/** Days of `unit` after the local day of `from` up to the local day of `to`; the inverse of `addSpan`. */
export function daysElapsed(calendar: WorkingDayCalendar, from: string, to: string, unit: SpanUnit, zone: IndonesianZone): number {
  if (unit === 'workingDays') return calendar.workingDaysBetween(from, to, zone);
  return epochDayOf(to, zone) - epochDayOf(from, zone);
}
