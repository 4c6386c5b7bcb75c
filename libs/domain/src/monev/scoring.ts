/**
 * The published, versioned formula that ranks agencies (`config/monev-scoring.json`): each scored
 * indicator becomes a value between 0 and 1 where 1 is best, weighted; the score is the weighted
 * mean over the indicators the agency has data for, times 100. An indicator without data (no
 * complaint disposed, say) neither helps nor hurts: its weight leaves the mean.
 */
import scoringBook from '../../config/monev-scoring.json';
import type { AdditiveFigure, MonevSums } from './indicators';
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

export interface ScoreBreakdownEntry {
  indicator: ScoredIndicator;
  weight: number;
  /** 0-1, 1 best; null without data. */
  value: number | null;
  /** The indicator's share of the score, in points out of 100. */
  points: number;
}

export interface AgencyScore {
  /** 0-100, to two decimals; null when no scored indicator has data. */
  score: number | null;
  breakdown: ScoreBreakdownEntry[];
  /** The score unrounded, which ranks. */
  exactScore: number | null;
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

/**
 * Each scored indicator as a value between 0 and 1, 1 best; null without data. From the sums, not
 * from the rounded rates shown: rounding would break ties that are exact and make ones that are not.
 */
export function scoredValues(sums: MonevSums, policy: ScoringPolicy): Record<ScoredIndicator, number | null> {
  const n = (figure: AdditiveFigure): number => sums[figure] ?? 0;
  const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
  const inverse = (rate: number | null) => (rate === null ? null : 1 - rate);
  let responded = 0;
  let withinSla = 0;
  for (const slaClass of Object.values(sums.compliance ?? {})) {
    responded += slaClass?.responded ?? 0;
    withinSla += slaClass?.withinSla ?? 0;
  }
  return {
    followUpRate: ratio(n('disposedWithFollowUp'), n('disposed')),
    completionRate: ratio(n('disposedCompleted'), n('disposed')),
    verifiedWithinSlaRate: ratio(n('verifiedWithinSla'), n('verified')),
    followedUpWithinSlaRate: ratio(n('followedUpWithinSla'), n('followedUp')),
    resolutionWithinSlaRate: ratio(withinSla, responded),
    rating: n('ratingCount') > 0 ? (n('ratingSum') / n('ratingCount') - 1) / 4 : null,
    bounceRate: inverse(ratio(n('disposedBounced'), n('disposed'))),
    disputeRate: inverse(ratio(n('disputes'), n('followedUp'))),
    normativeRate: inverse(ratio(n('normativeAnswers'), n('followedUp'))),
    leadershipInvolvement: perHundred(n('leadershipReviews'), n('received'), policy.targets.leadershipReviewsPer100Received),
    policyImprovement: perHundred(n('policyImprovements'), n('received'), policy.targets.policyImprovementsPer100Received),
  };
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

export function scoreAgency(sums: MonevSums, policy: ScoringPolicy): AgencyScore {
  const values = scoredValues(sums, policy);
  const weighted = SCORED_INDICATORS.filter((indicator) => values[indicator] !== null && policy.weights[indicator] > 0);
  const totalWeight = weighted.reduce((sum, indicator) => sum + policy.weights[indicator], 0);
  const breakdown = SCORED_INDICATORS.map((indicator) => {
    const value = values[indicator];
    const weight = policy.weights[indicator];
    const points = value === null || totalWeight === 0 ? 0 : (100 * weight * value) / totalWeight;
    return { indicator, weight, value: value === null ? null : round2(value * 100) / 100, points: round2(points) };
  });
  const exactScore = totalWeight === 0 ? null : weighted.reduce((sum, indicator) => sum + (100 * policy.weights[indicator] * values[indicator]!) / totalWeight, 0);
  return { score: exactScore === null ? null : round2(exactScore), breakdown, exactScore };
}
