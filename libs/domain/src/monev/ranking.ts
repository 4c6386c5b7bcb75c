import type { MonevSums } from './indicators';
import { type AgencyScore, scoreAgency, type ScoringPolicy } from './scoring';

export interface RankedAgency extends Omit<AgencyScore, 'exactScore'> {
  nodeId: string;
  /** 1 for the best; null for an agency the formula cannot score (nothing to count). */
  rank: number | null;
}

/**
 * Siblings in order of the formula's score, best first. Equal scores share a rank (1, 1, 3), listed
 * by more complaints received, then by id, so the order never depends on how they were read.
 */
export function rankAgencies(agencies: { nodeId: string; sums: MonevSums }[], policy: ScoringPolicy): RankedAgency[] {
  const scored = agencies.map(({ nodeId, sums }) => ({ nodeId, received: sums.received ?? 0, ...scoreAgency(sums, policy) }));
  // Exact scores rank; equal ones within a rounding error of each other are ties.
  const same = (a: number | null, b: number | null) => a === b || (a !== null && b !== null && Math.abs(a - b) < 1e-9);
  scored.sort((a, b) => {
    if (!same(a.exactScore, b.exactScore)) return a.exactScore === null ? 1 : b.exactScore === null ? -1 : b.exactScore - a.exactScore;
    if (a.received !== b.received) return b.received - a.received;
    return a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0;
  });
  let rank = 0;
  return scored.map(({ received: _received, exactScore, ...agency }, index) => {
    if (exactScore !== null && (index === 0 || !same(scored[index - 1].exactScore, exactScore))) rank = index + 1;
    return { ...agency, rank: exactScore === null ? null : rank };
  });
}
