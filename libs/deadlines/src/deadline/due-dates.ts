import type { SlaClass } from '@lacak/domain';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar';
import type { SlaPolicy, Span } from '../policy/sla-policy';
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

export function dueDates(
  policy: SlaPolicy,
  facts: ComplaintClockFacts,
  calendar: WorkingDayCalendar,
  zone: IndonesianZone,
): DueDates {
  const { limits } = policy;
  const clarifications = facts.reporterClarifications ?? [];
  const pauses: Pause[] = clarifications.map(({ requestedAt, answeredAt }) => ({ from: requestedAt, to: answeredAt ?? null }));
  const paused = (start: string, span: Span): Deadline => pausableDeadline(calendar, start, span, pauses, zone);
  const running = (start: string, span: Span): Deadline => ({ status: 'running', due: addSpan(calendar, start, span, zone) });

  const dispositions = [...(facts.disposedAt ?? [])].sort(byTime);
  const latestDisposition = dispositions.at(-1);
  const resolutionStart = policy.onRedisposition === 'restart' ? latestDisposition : dispositions[0];
  const openClarification = clarifications
    .filter((clarification) => clarification.answeredAt == null)
    .map((clarification) => clarification.requestedAt)
    .sort(byTime)[0];

  return {
    verification: paused(facts.submittedAt, limits.verifyAndDispose),
    ...(latestDisposition && { followUp: paused(latestDisposition, limits.firstFollowUp) }),
    ...(resolutionStart && facts.slaClass && { resolution: paused(resolutionStart, limits[facts.slaClass]) }),
    ...(openClarification && { clarification: running(openClarification, limits.clarificationWait) }),
    ...(facts.respondedAt && {
      autoClose: running(facts.respondedAt, limits.autoClose),
      disputeWindow: running(facts.respondedAt, limits.disputeWindow),
    }),
    ...(facts.closedAt && { reopenWindow: running(facts.closedAt, limits.reopenWindow) }),
    ombudsmanReferral: paused(facts.submittedAt, limits.ombudsmanReferral),
  };
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
