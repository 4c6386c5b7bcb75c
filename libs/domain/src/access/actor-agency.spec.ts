import { ACTOR_ROLES } from '../complaint/actor';
import { AGENCY, testOrganisation } from '../testing/complaint-builders';
import { AGENCY_NEED, actorAgencyProblem } from './actor-agency';

describe('the agency an actor acts for', () => {
  const problem = (role: (typeof ACTOR_ROLES)[number], agencyId: string | null) => actorAgencyProblem({ role, agencyId }, testOrganisation);

  it.each(ACTOR_ROLES.filter((role) => AGENCY_NEED[role] === 'required'))('%s needs a node of the tree', (role) => {
    expect(problem(role, AGENCY)).toBeNull();
    expect(problem(role, null)).toBe(`the role ${role} acts for an agency, and none is given`);
    expect(problem(role, 'nowhere')).toBe('agency "nowhere" is not in the organisation tree');
  });

  it.each(['reporter', 'system'] as const)('%s acts for no agency', (role) => {
    expect(problem(role, null)).toBeNull();
    expect(problem(role, AGENCY)).toBe(`the role ${role} acts for no agency, yet agency "${AGENCY}" is given`);
  });

  it('lets the national admin name its node or none, but not an unknown one', () => {
    expect(problem('national_admin', null)).toBeNull();
    expect(problem('national_admin', testOrganisation.root.id)).toBeNull();
    expect(problem('national_admin', 'nowhere')).toBe('agency "nowhere" is not in the organisation tree');
  });
});
