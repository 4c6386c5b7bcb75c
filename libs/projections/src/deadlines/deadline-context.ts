import type { AppConfig } from '@lacak/config';
import {
  type IndonesianZone,
  type PolicyBook,
  type SlaPolicy,
  type WorkingDayCalendar,
  loadPolicyBook,
  loadWorkingDayCalendar,
} from '@lacak/deadlines';
import type { OrganisationTree } from '@lacak/domain';
import { timeZoneOf } from '@lacak/organisation';

/** What every deadline computation needs: the policies, the holiday calendar, and each agency's zone. */
export interface DeadlineContext {
  policies: PolicyBook;
  calendar: WorkingDayCalendar;
  tree: OrganisationTree;
  zoneOf(agencyId: string | null): IndonesianZone;
  /** The pinned version, or the one in force at submission for complaints from before pinning. */
  policyFor(version: string | null | undefined, submittedAt: string): SlaPolicy;
}

export function createDeadlineContext(config: AppConfig, tree: OrganisationTree): DeadlineContext {
  const policies = loadPolicyBook(config.slaPolicyFile);
  return {
    policies,
    calendar: loadWorkingDayCalendar(config.holidayFile),
    tree,
    zoneOf: (agencyId) => timeZoneOf(tree, agencyId),
    policyFor: (version, submittedAt) => (version ? policies.byVersion(version) : policies.inForce(submittedAt)),
  };
}
