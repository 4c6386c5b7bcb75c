/**
 * Who may see what. Scope is the actor's node in the organisation tree and its subtree:
 * officers, admins, inspectors and auditors see complaints held in their subtree, the national
 * admin everything, a reporter only their own. Out of scope looks exactly like "not found".
 * Who may issue which command is decided by the complaint decider itself.
 */
import { type Actor, isReporterOf } from '../complaint/actor';
import type { AgencyScope } from '../complaint/complaint.decide';
import type { ComplaintStatus } from '../complaint/complaint.values';
import { type ComplaintState, holderOf } from '../complaint/complaint.state';
import { type IdentitySeal, identityAccessOf } from './access-matrix';

export type ReadScope =
  | { kind: 'everything' }
  /** `sealedOnlyCounted`: rahasia and anonim complaints reach this reader only as counts. */
  | { kind: 'subtree'; agencyId: string; sealedOnlyCounted: boolean }
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
      return actor.agencyId
        ? { kind: 'subtree', agencyId: actor.agencyId, sealedOnlyCounted: actor.role === 'apip_inspector' }
        : { kind: 'nothing' };
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

/** The decider's state and the complaints read model carry these fields alike. */
type HoldingFields = Pick<ComplaintState, 'assigneeAgencyId' | 'targetAgencyId' | 'reporterAccountId' | 'trackingId' | 'confidential' | 'anonymous'>;

export const holdingOf = (complaint: HoldingFields): ComplaintHolding => ({
  holderAgencyId: holderOf(complaint),
  assigneeAgencyId: complaint.assigneeAgencyId,
  reporterAccountId: complaint.reporterAccountId,
  trackingId: complaint.trackingId,
  confidential: complaint.confidential,
  anonymous: complaint.anonymous,
});

/** Rahasia or anonim: the complaint's content is sealed from readers who only monitor. */
export const isSealed = (complaint: Pick<ComplaintHolding, 'confidential' | 'anonymous'>): boolean => complaint.confidential || complaint.anonymous;

/**
 * Inspectors monitor: a rahasia or anonim complaint reaches them only as a number in the
 * counters, never as content (libs/domain/README.md, *Sources and decisions*: confidentiality).
 */
export const seesOnlyAggregatesOf = (actor: Actor, complaint: Pick<ComplaintHolding, 'confidential' | 'anonymous'>) => {
  const reach = readScope(actor);
  return reach.kind === 'subtree' && reach.sealedOnlyCounted && isSealed(complaint);
};

/**
 * What anyone may read without an account: complaints verified (classified), not rahasia, and not
 * rejected, archived or marked duplicate; content and follow-ups only, never identity.
 */
export const PUBLIC_LISTING = {
  confidential: false,
  hiddenStatuses: ['REJECTED', 'ARCHIVED_INVALID', 'DUPLICATE'] as readonly ComplaintStatus[],
} as const;

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

const sealOf = (complaint: Pick<ComplaintHolding, 'confidential' | 'anonymous'>): IdentitySeal =>
  complaint.anonymous ? 'anonim' : complaint.confidential ? 'rahasia' : 'normal';

/** Why a reader without reach under the complaint's seal is refused. */
function sealRule(seal: IdentitySeal, actor: Actor): string {
  if (seal === 'anonim') return 'An anonim reporter’s identity is shown to no one.';
  return identityAccessOf('normal')[actor.role] === 'handling'
    ? 'A rahasia reporter’s identity is sealed from the agency.'
    : 'This role never sees reporter identities.';
}

/**
 * The identity seal of the access matrix (`IDENTITY_ACCESS`; its sources in libs/domain/README.md,
 * *Sources and decisions*), applied to one complaint: the reader's reach under the complaint's seal,
 * then scope. Every allowed read is recorded by the caller.
 */
export function mayReadIdentity(actor: Actor, complaint: ComplaintHolding, scope: AgencyScope): IdentityAccess {
  if (isReporterOf(actor, complaint)) return { allowed: true };
  const seal = sealOf(complaint);
  switch (identityAccessOf(seal)[actor.role]) {
    case 'everywhere':
      return { allowed: true };
    case 'subtree':
      return canSeeComplaint(actor, complaint, scope)
        ? { allowed: true }
        : { allowed: false, rule: 'Auditors read identities only of complaints in their scope.' };
    case 'handling': {
      const assignee = complaint.assigneeAgencyId;
      return assignee !== null && actor.agencyId !== null && scope.isWithin(assignee, actor.agencyId)
        ? { allowed: true }
        : { allowed: false, rule: 'Only the agency handling the complaint may see who reported it.' };
    }
    default:
      return { allowed: false, rule: sealRule(seal, actor) };
  }
}

/** Whose recorded actions a reader audits, across complaints (`list-audit-events`). */
export type AuditEventReach = { kind: 'everything' } | { kind: 'subtree'; agencyId: string; sealedExcluded: boolean } | { kind: 'nothing' };

/**
 * Every event is filed under the agency of the actor who caused it, so an auditor or an APIP
 * inspector audits what the officers of their node and the nodes below it did, whichever complaint
 * they did it on; the national level audits everyone. An inspector sees no event of a rahasia or
 * anonim complaint (those reach inspectors only as counts). Reporters and the system name no
 * agency: their events reach only the national level here (each complaint's history shows them).
 */
export function auditEventReach(actor: Actor): AuditEventReach {
  const reach = readScope(actor);
  switch (reach.kind) {
    case 'everything':
      return reach;
    case 'subtree':
      return { kind: 'subtree', agencyId: reach.agencyId, sealedExcluded: reach.sealedOnlyCounted };
    default:
      return { kind: 'nothing' };
  }
}
