/**
 * Who may see what. Scope is the actor's node in the organisation tree and its subtree:
 * officers, admins, inspectors and auditors see complaints held in their subtree, the national
 * admin everything, a reporter only their own. Out of scope looks exactly like "not found".
 * Who may issue which command is decided by the complaint decider itself.
 */
import { type Actor, isReporterOf } from '../complaint/actor';
import type { AgencyScope } from '../complaint/complaint.decide';
import type { ComplaintState } from '../complaint/complaint.state';

export type ReadScope =
  | { kind: 'everything' }
  | { kind: 'subtree'; agencyId: string }
  | { kind: 'own'; reporterId: string }
  | { kind: 'nothing' };

export function readScope(actor: Actor): ReadScope {
  switch (actor.role) {
    case 'national_admin':
    case 'system':
      return { kind: 'everything' };
    case 'agency_admin':
    case 'unit_officer':
    case 'apip_inspector':
    case 'auditor':
      return actor.agencyId ? { kind: 'subtree', agencyId: actor.agencyId } : { kind: 'nothing' };
    case 'reporter':
      return { kind: 'own', reporterId: actor.id };
  }
}

/** What visibility depends on, as both the decider's state and the read models hold it. */
export interface ComplaintHolding {
  /** The agency the complaint is disposed to, else the one the reporter chose, else null (national). */
  holderAgencyId: string | null;
  assigneeAgencyId: string | null;
  reporterAccountId: string | null;
  trackingId: string | null;
  confidential: boolean;
  anonymous: boolean;
}

export const holdingOf = (state: ComplaintState): ComplaintHolding => ({
  holderAgencyId: state.assigneeAgencyId ?? state.targetAgencyId,
  assigneeAgencyId: state.assigneeAgencyId,
  reporterAccountId: state.reporterAccountId,
  trackingId: state.trackingId,
  confidential: state.confidential,
  anonymous: state.anonymous,
});

/**
 * Inspectors monitor: a rahasia or anonim complaint reaches them only as a number in the
 * counters, never as content (libs/domain/README.md, *Sources and decisions*: confidentiality).
 */
export const seesOnlyAggregatesOf = (actor: Actor, complaint: Pick<ComplaintHolding, 'confidential' | 'anonymous'>) =>
  actor.role === 'apip_inspector' && (complaint.confidential || complaint.anonymous);

export function canSeeComplaint(actor: Actor, complaint: ComplaintHolding, scope: AgencyScope): boolean {
  if (seesOnlyAggregatesOf(actor, complaint)) return false;
  const reach = readScope(actor);
  switch (reach.kind) {
    case 'everything':
      return true;
    case 'subtree':
      return complaint.holderAgencyId === null
        ? (scope.isRoot?.(reach.agencyId) ?? false)
        : scope.isWithin(complaint.holderAgencyId, reach.agencyId);
    case 'own':
      return isReporterOf(actor, complaint);
    case 'nothing':
      return false;
  }
}

/** Monitoring counters: the national level sees every node, agency roles their subtree, reporters none. */
export function canSeeAgency(actor: Actor, agencyId: string, scope: AgencyScope): boolean {
  const reach = readScope(actor);
  if (reach.kind === 'everything') return true;
  return reach.kind === 'subtree' && scope.isWithin(agencyId, reach.agencyId);
}

export type IdentityAccess = { allowed: true } | { allowed: false; rule: string };

/**
 * The visibility matrix for the reporter's identity (libs/domain/README.md, *Sources and decisions*): nobody sees an
 * anonim reporter; a rahasia reporter is sealed from the agency; the assignee sees a normal
 * reporter on need-to-know; the national admin and auditors (break-glass) see normal and rahasia;
 * inspectors see aggregates only. Every allowed read is recorded by the caller.
 */
export function mayReadIdentity(actor: Actor, complaint: ComplaintHolding, scope: AgencyScope): IdentityAccess {
  if (isReporterOf(actor, complaint)) return { allowed: true };
  if (complaint.anonymous) return { allowed: false, rule: 'An anonim reporter’s identity is shown to no one.' };
  switch (actor.role) {
    case 'national_admin':
      return { allowed: true };
    case 'auditor':
      return canSeeComplaint(actor, complaint, scope)
        ? { allowed: true }
        : { allowed: false, rule: 'Auditors read identities only of complaints in their scope.' };
    case 'agency_admin':
    case 'unit_officer': {
      if (complaint.confidential) return { allowed: false, rule: 'A rahasia reporter’s identity is sealed from the agency.' };
      const assignee = complaint.assigneeAgencyId;
      return assignee !== null && actor.agencyId !== null && scope.isWithin(assignee, actor.agencyId)
        ? { allowed: true }
        : { allowed: false, rule: 'Only the agency handling the complaint may see who reported it.' };
    }
    default:
      return { allowed: false, rule: 'This role never sees reporter identities.' };
  }
}
