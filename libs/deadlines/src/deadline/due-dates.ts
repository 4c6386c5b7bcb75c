import type { SlaClass } from '@lacak/domain';
import type { CalendarYear } from '../calendar/holiday';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { spanUnit, type SlaPolicy, type Span } from '../policy/sla-policy';
import { epochMillis, type IndonesianZone } from '../time/zones';
import { pausableDeadline, type Deadline, type Pause } from './clock';
import { addSpan } from './spans';

export interface ReporterClarification {
  requestedAt: string;
  /** Null or absent while the reporter has not answered. */
  answeredAt?: string | null;
}

/** The instants of one complaint that start or pause its clocks (ISO-8601 with an offset). */
export interface ComplaintClockFacts {
  submittedAt: string;
  /** Fixed at verification; without it there is no resolution clock. */
  slaClass?: SlaClass | null;
  /** Every disposition, re-dispositions included, in any order. */
  disposedAt?: readonly string[];
  /** The latest follow-up (tindak lanjut). */
  respondedAt?: string | null;
  closedAt?: string | null;
  /** Clarifications asked of the reporter: only these pause the clocks. */
  reporterClarifications?: readonly ReporterClarification[];
}

/**
 * When each clock whose start is among the facts falls due. Whether a clock was met (say, the
 * follow-up given) is the caller's to judge from the complaint's state: this only says when.
 * - verification: verify and dispose, from submission; pausable.
 * - followUp: first follow-up, from the latest disposition; pausable.
 * - resolution: the SLA class's limit, from the first disposition (or the latest, when the policy
 *   restarts on re-disposition), not from submission: verification has its own clock. Pausable.
 * - clarification: the reporter's answer to the earliest open clarification, from its request.
 * - autoClose, disputeWindow: from the latest follow-up.
 * - reopenWindow: from closure.
 * - ombudsmanReferral: the complaint's age, from submission; pausable.
 */
export interface DueDates {
  verification: Deadline;
  followUp?: Deadline;
  resolution?: Deadline;
  clarification?: Deadline;
  autoClose?: Deadline;
  disputeWindow?: Deadline;
  reopenWindow?: Deadline;
  ombudsmanReferral: Deadline;
}

const byTime = (a: string, b: string): number => epochMillis(a) - epochMillis(b);

/** Where a clock starts, what it counts, and whether a reporter clarification stops it. */
export interface ClockSpan {
  start: string;
  span: Span;
  pausable: boolean;
}

export type ClockSpans = Record<'verification' | 'ombudsmanReferral', ClockSpan> & Partial<Record<keyof DueDates, ClockSpan>>;

/** The clocks `dueDates` computes, before any counting: which starts are among the facts, and their limits. */
export function clockSpans(policy: SlaPolicy, facts: ComplaintClockFacts): ClockSpans {
  const { limits } = policy;
  const pausable = (start: string, span: Span): ClockSpan => ({ start, span, pausable: true });
  const running = (start: string, span: Span): ClockSpan => ({ start, span, pausable: false });
  const dispositions = [...(facts.disposedAt ?? [])].sort(byTime);
  const latestDisposition = dispositions.at(-1);
  const resolutionStart = policy.onRedisposition === 'restart' ? latestDisposition : dispositions[0];
  const openClarification = (facts.reporterClarifications ?? [])
    .filter((clarification) => clarification.answeredAt == null)
    .map((clarification) => clarification.requestedAt)
    .sort(byTime)[0];

  return {
    verification: pausable(facts.submittedAt, limits.verifyAndDispose),
    ...(latestDisposition && { followUp: pausable(latestDisposition, limits.firstFollowUp) }),
    ...(resolutionStart && facts.slaClass && { resolution: pausable(resolutionStart, limits[facts.slaClass]) }),
    ...(openClarification && { clarification: running(openClarification, limits.clarificationWait) }),
    ...(facts.respondedAt && {
      autoClose: running(facts.respondedAt, limits.autoClose),
      disputeWindow: running(facts.respondedAt, limits.disputeWindow),
    }),
    ...(facts.closedAt && { reopenWindow: running(facts.closedAt, limits.reopenWindow) }),
    ombudsmanReferral: pausable(facts.submittedAt, limits.ombudsmanReferral),
  };
}

export function dueDates(
  policy: SlaPolicy,
  facts: ComplaintClockFacts,
  calendar: WorkingDayCalendar,
  zone: IndonesianZone,
): DueDates {
  const pauses: Pause[] = (facts.reporterClarifications ?? []).map(({ requestedAt, answeredAt }) => ({ from: requestedAt, to: answeredAt ?? null }));
  const deadline = ({ start, span, pausable }: ClockSpan): Deadline =>
    pausable ? pausableDeadline(calendar, start, span, pauses, zone) : { status: 'running', due: addSpan(calendar, start, span, zone) };
  return Object.fromEntries(Object.entries(clockSpans(policy, facts)).map(([clock, span]) => [clock, deadline(span)])) as unknown as DueDates;
}

/**
 * The calendar of each year a clock's due date rests on, from its start to its due day (or to
 * where it stands still). None for a calendar-day limit: no holiday moves it.
 */
export function calendarYearsOf(clock: ClockSpan, deadline: Deadline, calendar: WorkingDayCalendar, zone: IndonesianZone): CalendarYear[] {
  if (spanUnit(clock.span) === 'calendarDays') return [];
  return calendar.yearsSpanned(clock.start, deadline.status === 'running' ? deadline.due : deadline.pausedSince, zone);
}

/**
 * Working days left until `due` as seen at `now`: working days after today up to the due day,
 * so 0 means due by the end of today. Once overdue it is negative, the working days since the
 * due day and at least 1 (overdue on a weekend after a Friday deadline reads -1, not 0).
 */
export function remainingWorkingDays(due: string, now: string, calendar: WorkingDayCalendar, zone: IndonesianZone): number {
  if (epochMillis(now) <= epochMillis(due)) return calendar.workingDaysBetween(now, due, zone);
  return -Math.max(1, calendar.workingDaysBetween(due, now, zone));
}
