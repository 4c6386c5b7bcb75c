import type { MonevIndicators } from './indicators';
import { type AgencyScore, scoreAgency, type ScoringPolicy } from './scoring';

export interface RankedAgency extends AgencyScore {
  nodeId: string;
  /** 1 for the best; null for an agency the formula cannot score (nothing to count). */
  rank: number | null;
}

/**
 * Siblings in order of the formula's score, best first. Equal scores share a rank (1, 1, 3), listed
 * by more complaints received, then by id, so the order never depends on how they were read.
 */
export function rankAgencies(agencies: { nodeId: string; indicators: MonevIndicators }[], policy: ScoringPolicy): RankedAgency[] {
  const scored = agencies.map(({ nodeId, indicators }) => ({ nodeId, received: indicators.received, ...scoreAgency(indicators, policy) }));
  scored.sort((a, b) => {
    if (a.score !== b.score) return a.score === null ? 1 : b.score === null ? -1 : b.score - a.score;
    if (a.received !== b.received) return b.received - a.received;
    return a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0;
  });
  let rank = 0;
  return scored.map(({ received: _received, ...agency }, index) => {
    if (agency.score !== null && (index === 0 || scored[index - 1].score !== agency.score)) rank = index + 1;
    return { ...agency, rank: agency.score === null ? null : rank };
  });
}
