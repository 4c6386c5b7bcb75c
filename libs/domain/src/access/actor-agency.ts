import type { Actor, ActorRole } from '../complaint/actor';
import type { OrganisationTree } from '../organisation/organisation-tree';

export type AgencyNeed = 'required' | 'optional' | 'none';

/**
 * Whether a role acts from a node of the organisation tree. Agency admins, unit officers, inspectors
 * and auditors are scoped to their node's subtree, so without a node they would see and do nothing;
 * reporters and the system act for no agency; the national admin reaches everything either way.
 */
export const AGENCY_NEED: { readonly [role in ActorRole]: AgencyNeed } = {
  reporter: 'none',
  national_admin: 'optional',
  agency_admin: 'required',
  unit_officer: 'required',
  apip_inspector: 'required',
  auditor: 'required',
  system: 'none',
};

/** What is wrong with the agency an actor claims for its role, or null when the role and the tree allow it. */
export function actorAgencyProblem(actor: Pick<Actor, 'role' | 'agencyId'>, tree: OrganisationTree): string | null {
  const { role, agencyId } = actor;
  if (agencyId === null) return AGENCY_NEED[role] === 'required' ? `the role ${role} acts for an agency, and none is given` : null;
  if (AGENCY_NEED[role] === 'none') return `the role ${role} acts for no agency, yet agency "${agencyId}" is given`;
  if (!tree.has(agencyId)) return `agency "${agencyId}" is not in the organisation tree`;
  return null;
}
