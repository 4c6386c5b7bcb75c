/**
 * The published, versioned formula that ranks agencies (`config/monev-scoring.json`): each scored
 * indicator becomes a value between 0 and 1 where 1 is best, weighted; the score is the weighted
 * mean over the indicators the agency has data for, times 100. An indicator without data (no
 * complaint disposed, say) neither helps nor hurts: its weight leaves the mean.
 */
import scoringBook from '../../config/monev-scoring.json';
import type { MonevIndicators } from './indicators';
import type { MonevPeriod } from './period';

export const SCORED_INDICATORS = [
  'followUpRate',
  'completionRate',
  'verifiedWithinSlaRate',
  'followedUpWithinSlaRate',
  'resolutionWithinSlaRate',
  'rating',
  'bounceRate',
  'disputeRate',
  'normativeRate',
  'leadershipInvolvement',
  'policyImprovement',
] as const;
export type ScoredIndicator = (typeof SCORED_INDICATORS)[number];

export interface ScoringPolicy {
  version: string;
  /** First month (`YYYY-MM`) of the periods it scores. */
  effectiveFrom: string;
  description: string;
  weights: Record<ScoredIndicator, number>;
  targets: { leadershipReviewsPer100Received: number; policyImprovementsPer100Received: number };
}

export interface IndicatorScore {
  indicator: ScoredIndicator;
  weight: number;
  /** 0-1, 1 best; null without data. */
  value: number | null;
  /** The indicator's share of the score, in points out of 100. */
  points: number;
}

export interface AgencyScore {
  /** Null when no scored indicator has data. */
  score: number | null;
  breakdown: IndicatorScore[];
}

export class ScoringPolicyError extends Error {
  override readonly name = 'ScoringPolicyError';
}

/** Checks a policy book: every indicator weighted, weights non-negative, versions in order. */
export function parseScoringPolicies(book: unknown): ScoringPolicy[] {
  const versions = (book as { versions?: unknown })?.versions;
  if (!Array.isArray(versions) || versions.length === 0) throw new ScoringPolicyError('A scoring policy book needs at least one version');
  const policies = versions.map((raw) => {
    const policy = raw as ScoringPolicy;
    if (typeof policy.version !== 'string' || !/^\d{4}-\d{2}$/.test(policy.effectiveFrom ?? '')) {
      throw new ScoringPolicyError(`Scoring policy ${String(policy.version)}: version and effectiveFrom (YYYY-MM) are required`);
    }
    for (const indicator of SCORED_INDICATORS) {
      const weight = policy.weights?.[indicator];
      if (typeof weight !== 'number' || !(weight >= 0)) throw new ScoringPolicyError(`Scoring policy ${policy.version}: weight of ${indicator} must be a number ≥ 0`);
    }
    return policy;
  });
  return policies.sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
}

export const SCORING_POLICIES: readonly ScoringPolicy[] = parseScoringPolicies(scoringBook);

/** The version in force at the period's first month. */
export function scoringPolicyFor(period: MonevPeriod, policies: readonly ScoringPolicy[] = SCORING_POLICIES): ScoringPolicy {
  const first = `${period.year}-${String(period.firstMonth).padStart(2, '0')}`;
  return [...policies].reverse().find((policy) => policy.effectiveFrom <= first) ?? policies[0];
}

const perHundred = (count: number, received: number, target: number): number | null =>
  received > 0 && target > 0 ? Math.min(1, (count / received) * 100 / target) : null;

/** Each scored indicator as a value between 0 and 1, 1 best; null without data. */
export function scoredValues(indicators: MonevIndicators, policy: ScoringPolicy): Record<ScoredIndicator, number | null> {
  const inverse = (rate: number | null) => (rate === null ? null : 1 - rate);
  const resolution = Object.values(indicators.slaCompliance).reduce(
    (sum, c) => ({ responded: sum.responded + c.responded, withinSla: sum.withinSla + c.withinSla }),
    { responded: 0, withinSla: 0 },
  );
  return {
    followUpRate: indicators.followUpRate,
    completionRate: indicators.completionRate,
    verifiedWithinSlaRate: indicators.verifiedWithinSlaRate,
    followedUpWithinSlaRate: indicators.followedUpWithinSlaRate,
    resolutionWithinSlaRate: resolution.responded > 0 ? resolution.withinSla / resolution.responded : null,
    rating: indicators.rating.average === null ? null : (indicators.rating.average - 1) / 4,
    bounceRate: inverse(indicators.bounceRate),
    disputeRate: inverse(indicators.disputeRate),
    normativeRate: inverse(indicators.normativeRate),
    leadershipInvolvement: perHundred(indicators.leadershipReviews, indicators.received, policy.targets.leadershipReviewsPer100Received),
    policyImprovement: perHundred(indicators.policyImprovements, indicators.received, policy.targets.policyImprovementsPer100Received),
  };
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

export function scoreAgency(indicators: MonevIndicators, policy: ScoringPolicy): AgencyScore {
  const values = scoredValues(indicators, policy);
  const weighted = SCORED_INDICATORS.filter((indicator) => values[indicator] !== null && policy.weights[indicator] > 0);
  const totalWeight = weighted.reduce((sum, indicator) => sum + policy.weights[indicator], 0);
  const breakdown = SCORED_INDICATORS.map((indicator) => {
    const value = values[indicator];
    const weight = policy.weights[indicator];
    const points = value === null || totalWeight === 0 ? 0 : (100 * weight * value) / totalWeight;
    return { indicator, weight, value: value === null ? null : round2(value * 100) / 100, points: round2(points) };
  });
  const score = totalWeight === 0 ? null : round2(breakdown.reduce((sum, part) => sum + (part.value === null ? 0 : (100 * part.weight * values[part.indicator]!) / totalWeight), 0));
  return { score, breakdown };
}
