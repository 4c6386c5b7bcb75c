import { type Actor, type ComplaintStatus, PUBLIC_LISTING, readScope } from '@lacak/domain';
import type { Filter } from '@lacak/read-store';
import { TRACKING_ID_PATTERN } from '../ids';

/** The work-queue filters a reader may ask for. */
export interface QueueFilter {
  agencyId?: string;
  status?: ComplaintStatus[];
  text?: string;
  overdue?: boolean;
  escalated?: boolean;
}

/** The part of the complaints read model an actor may see, as a read-store filter; null: none of it. */
export function scopeFilter(actor: Actor): Filter | null {
  const scope = readScope(actor);
  switch (scope.kind) {
    case 'everything':
      return {};
    case 'subtree':
      // Rahasia and anonim complaints reach such a reader only in the counters.
      return scope.sealedOnlyCounted ? { agencyPath: scope.agencyId, confidential: false, anonymous: false } : { agencyPath: scope.agencyId };
    case 'own':
      return { reporterAccountId: scope.reporterId };
    case 'nothing':
      return null;
  }
}

/**
 * The work-queue filter within the actor's scope; null when the actor may see no complaint. Kept
 * flat (one condition per field) so the read store can answer it from an index.
 */
export function queueFilter(actor: Actor, filter: QueueFilter): Filter | null {
  const scope = scopeFilter(actor);
  if (scope === null) return null;
  const query: Filter = { ...scope };
  if (filter.agencyId) {
    const paths = [scope.agencyPath, filter.agencyId].filter((path): path is string => typeof path === 'string');
    query.agencyPath = paths.length === 1 ? paths[0] : { $all: paths };
  }
  if (filter.status?.length) query.status = filter.status.length === 1 ? filter.status[0] : { $in: filter.status };
  const text = filter.text?.trim();
  // A whole tracking id is a lookup: as words its `LPR` would match every complaint.
  if (text && TRACKING_ID_PATTERN.test(text)) query.trackingId = text.toUpperCase();
  // Words only (letters, digits), so the text index sees plain terms: never a phrase or a negation.
  else if (text) query.$text = { $search: (text.match(/[\p{L}\p{N}]+/gu) ?? []).join(' ') };
  if (filter.overdue !== undefined) query.isOverdue = filter.overdue;
  if (filter.escalated !== undefined) query.isEscalated = filter.escalated;
  return query;
}

/**
 * What anyone may read without an account (the domain's `PUBLIC_LISTING`): verified complaints
 * that are not rahasia, and no rejected, archived or duplicate report.
 */
export const PUBLIC_FILTER: Filter = {
  confidential: PUBLIC_LISTING.confidential,
  classification: { $ne: null },
  status: { $nin: [...PUBLIC_LISTING.hiddenStatuses] },
};
