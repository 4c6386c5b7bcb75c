export { INDONESIAN_ZONES, assertZone, localDateOf, zoneOffsetMs, type IndonesianZone, type LocalDate } from './time/zones';
export {
  HOLIDAY_KINDS,
  type CalendarSource,
  type CalendarYear,
  type Holiday,
  type HolidayDecrees,
  type HolidayKind,
  type PublishedYear,
  type YearDecree,
} from './calendar/holiday';
export { HolidayFileError, loadHolidayDecrees, parseHolidayDecrees } from './calendar/holiday-decrees';
export { dateHolidaysFor, type NationalHolidaySource } from './calendar/national-holidays';
export { WorkingDayCalendar, loadWorkingDayCalendar } from './calendar/working-day-calendar';
export {
  REDISPOSITION_RULES,
  SPAN_LIMITS,
  type RedispositionRule,
  type SlaLimits,
  type SlaPolicy,
  type Span,
  type SpanLimit,
  type SpanUnit,
} from './policy/sla-policy';
export { SlaPolicyError } from './policy/parse-policy';
export { PolicyBook, loadPolicyBook, parsePolicyBook } from './policy/policy-book';
export { addSpan } from './deadline/spans';
export { pausableDeadline, type Deadline, type Pause } from './deadline/clock';
export {
  calendarYearsOf,
  clockSpans,
  dueDates,
  remainingWorkingDays,
  type ClockSpan,
  type ClockSpans,
  type ComplaintClockFacts,
  type DueDates,
  type ReporterClarification,
} from './deadline/due-dates';
export type { DeadlineContext } from './deadline/deadline-context';
