import type { OrganisationTree } from '@lacak/domain';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar';
import type { PolicyBook } from '../policy/policy-book';
import type { SlaPolicy } from '../policy/sla-policy';
import type { IndonesianZone } from '../time/zones';

/** What every deadline computation needs: the policies, the holiday calendar, and each agency's zone. */
export interface DeadlineContext {
  policies: PolicyBook;
  calendar: WorkingDayCalendar;
  tree: OrganisationTree;
  zoneOf(agencyId: string | null): IndonesianZone;
  /** The pinned version, or the one in force at submission for complaints from before pinning. */
  policyFor(version: string | null | undefined, submittedAt: string): SlaPolicy;
}
