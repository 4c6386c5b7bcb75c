import { type Actor, readScope } from '@lacak/domain';
import type { Filter } from '@lacak/read-store';

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
