import type { AppConfig } from '@lacak/config';
import { type DeadlineContext, loadPolicyBook, loadWorkingDayCalendar } from '@lacak/deadlines';
import type { OrganisationTree } from '@lacak/domain';
import { timeZoneOf } from '@lacak/organisation';

/** The deadline context from the configured policy and holiday files, each agency's zone from the tree. */
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
