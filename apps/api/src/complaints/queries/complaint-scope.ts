import { type Actor, type ComplaintHolding, readScope } from '@lacak/domain';
import type { ComplaintDocument } from '@lacak/projections';
import type { Filter } from '@lacak/read-store';

/** The part of the complaints read model an actor may see, as a read-store filter; null: none of it. */
export function scopeFilter(actor: Actor): Filter | null {
  const scope = readScope(actor);
  switch (scope.kind) {
    case 'everything':
      return {};
    case 'subtree':
      // Inspectors see rahasia and anonim complaints only in the counters.
      return actor.role === 'apip_inspector'
        ? { agencyPath: scope.agencyId, confidential: false, anonymous: false }
        : { agencyPath: scope.agencyId };
    case 'own':
      return { reporterAccountId: scope.reporterId };
    case 'nothing':
      return null;
  }
}

export const holdingOfDocument = (doc: ComplaintDocument): ComplaintHolding => ({
  holderAgencyId: doc.assigneeAgencyId ?? doc.targetAgencyId,
  assigneeAgencyId: doc.assigneeAgencyId,
  reporterAccountId: doc.reporterAccountId,
  trackingId: doc.trackingId,
  confidential: doc.confidential,
  anonymous: doc.anonymous,
});
