import { addSpan, type DeadlineContext } from '@lacak/deadlines';
import { type ComplaintState, holderOf } from '@lacak/domain';

export type ReporterWindow = 'disputeWindow' | 'reopenWindow';

/**
 * The end of the reporter's window opened at `start` (a follow-up, a closure), under the complaint's
 * pinned policy in its holder's zone; null when nothing opened it. The command path adds it to the
 * reporter's command and the detail's allowed actions read it, so both count the same window.
 */
export function reporterWindowEndsAt(
  deadlines: DeadlineContext,
  complaint: Pick<ComplaintState, 'slaPolicyVersion' | 'assigneeAgencyId' | 'targetAgencyId'>,
  start: string | null,
  window: ReporterWindow,
): string | null {
  if (!start) return null;
  const policy = deadlines.policyFor(complaint.slaPolicyVersion, start);
  return addSpan(deadlines.calendar, start, policy.limits[window], deadlines.zoneOf(holderOf(complaint)));
}
