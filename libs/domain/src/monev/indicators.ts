/**
 * The monev indicators of a node for a period, derived from sums that add up across nodes and
 * periods (what the read model keeps): rates, medians and ageing are computed here, once, from them.
 */
import { SLA_CLASSES, type SlaClass } from '../complaint/complaint.values';

/**
 * What a node's complaints add up to in a period. Flows are counted in the period their fact
 * happened in: received at submission, verified and disposed at the first of each, followed up at
 * the first follow-up; the `disposed*` cohort figures say what became of the complaints disposed
 * in the period. `backlog` and `backlogSince` (by local submission date) are a stock: the open
 * complaints when the sums were read. A complaint marked duplicate counts only in `duplicates`:
 * its original carries it.
 */
export interface MonevSums {
  received?: number;
  verified?: number;
  verifiedWithinSla?: number;
  disposed?: number;
  disposedWithinSla?: number;
  disposedWithFollowUp?: number;
  disposedCompleted?: number;
  disposedBounced?: number;
  followedUp?: number;
  followedUpWithinSla?: number;
  /** First follow-ups by working days from the first disposition. */
  followUpDays?: Record<string, number>;
  compliance?: Partial<Record<SlaClass, { responded?: number; withinSla?: number }>>;
  disputes?: number;
  normativeAnswers?: number;
  ratingSum?: number;
  ratingCount?: number;
  leadershipReviews?: number;
  policyImprovements?: number;
  escalations?: number;
  ombudsmanReferrals?: number;
  duplicates?: number;
  backlog?: number;
  backlogSince?: Record<string, number>;
}

/** The figures that add up from regencies to their province (and every node to its parent). */
export const ADDITIVE_FIGURES = [
  'received',
  'verified',
  'verifiedWithinSla',
  'disposed',
  'disposedWithinSla',
  'disposedWithFollowUp',
  'disposedCompleted',
  'disposedBounced',
  'followedUp',
  'followedUpWithinSla',
  'disputes',
  'normativeAnswers',
  'ratingSum',
  'ratingCount',
  'leadershipReviews',
  'policyImprovements',
  'escalations',
  'ombudsmanReferrals',
  'duplicates',
  'backlog',
] as const satisfies readonly (keyof MonevSums)[];
export type AdditiveFigure = (typeof ADDITIVE_FIGURES)[number];

export const BACKLOG_AGEING_BUCKETS = ['0-7', '8-30', '31-60', '>60'] as const;
export type BacklogAgeing = Record<(typeof BACKLOG_AGEING_BUCKETS)[number], number>;

export interface MonevIndicators {
  received: number;
  verified: number;
  /** Verified without missing the verification deadline. */
  verifiedWithinSlaRate: number | null;
  disposed: number;
  /** Disposed without missing the verification-and-disposition deadline. */
  disposedWithinSlaRate: number | null;
  /** Of the complaints disposed in the period, those with a follow-up (tindak lanjut). */
  followUpRate: number | null;
  /** Of the complaints disposed in the period, those closed. */
  completionRate: number | null;
  followedUp: number;
  /** First follow-ups given without missing the follow-up deadline. */
  followedUpWithinSlaRate: number | null;
  /** Working days from the first disposition to the first follow-up, over the follow-ups of the period. */
  daysToFirstFollowUp: { median: number | null; p90: number | null; count: number };
  /** Per SLA class: first follow-ups in the period, and those without a missed resolution deadline. */
  slaCompliance: Record<SlaClass, { responded: number; withinSla: number; rate: number | null }>;
  /** Open complaints when the figures were read, by calendar days since submission at `asOf`. */
  backlog: { open: number; ageing: BacklogAgeing };
  /** Of the complaints disposed in the period, those returned at least once as not the agency's authority. */
  bounceRate: number | null;
  disputes: number;
  /** Disputes per follow-up given in the period. */
  disputeRate: number | null;
  /** Follow-ups marked normative (a promise without substance) by a verifier or the reporter's dispute. */
  normativeAnswers: number;
  normativeRate: number | null;
  rating: { average: number | null; count: number };
  leadershipReviews: number;
  policyImprovements: number;
  escalations: number;
  ombudsmanReferrals: number;
  /** Complaints marked duplicate in the period: counted for their original only. */
  duplicates: number;
}

const ratio = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);

/** The smallest value with at least `share` of the histogram's count at or below it (nearest rank). */
function quantile(histogram: Record<string, number>, share: number): number | null {
  const entries = Object.entries(histogram)
    .map(([days, count]) => [Number(days), count] as const)
    .filter(([, count]) => count > 0)
    .sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return null;
  const rank = Math.ceil(share * total);
  let seen = 0;
  for (const [days, count] of entries) {
    seen += count;
    if (seen >= rank) return days;
  }
  return entries[entries.length - 1][0];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The indicators the sums say. Backlog ageing counts calendar days from each local submission
 * date to `asOf` (epoch milliseconds) at the node's zone, `offsetMs` east of UTC.
 */
export function indicatorsOf(sums: MonevSums, asOf: number, offsetMs: number): MonevIndicators {
  const n = (figure: AdditiveFigure): number => sums[figure] ?? 0;
  const ageing: BacklogAgeing = { '0-7': 0, '8-30': 0, '31-60': 0, '>60': 0 };
  const today = Math.floor((asOf + offsetMs) / DAY_MS);
  for (const [date, count] of Object.entries(sums.backlogSince ?? {})) {
    const days = today - Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
    ageing[days <= 7 ? '0-7' : days <= 30 ? '8-30' : days <= 60 ? '31-60' : '>60'] += count;
  }
  const slaCompliance = Object.fromEntries(
    SLA_CLASSES.map((slaClass) => {
      const responded = sums.compliance?.[slaClass]?.responded ?? 0;
      const withinSla = sums.compliance?.[slaClass]?.withinSla ?? 0;
      return [slaClass, { responded, withinSla, rate: ratio(withinSla, responded) }];
    }),
  ) as MonevIndicators['slaCompliance'];
  const followUpDays = sums.followUpDays ?? {};
  return {
    received: n('received'),
    verified: n('verified'),
    verifiedWithinSlaRate: ratio(n('verifiedWithinSla'), n('verified')),
    disposed: n('disposed'),
    disposedWithinSlaRate: ratio(n('disposedWithinSla'), n('disposed')),
    followUpRate: ratio(n('disposedWithFollowUp'), n('disposed')),
    completionRate: ratio(n('disposedCompleted'), n('disposed')),
    followedUp: n('followedUp'),
    followedUpWithinSlaRate: ratio(n('followedUpWithinSla'), n('followedUp')),
    daysToFirstFollowUp: {
      median: quantile(followUpDays, 0.5),
      p90: quantile(followUpDays, 0.9),
      count: Object.values(followUpDays).reduce((sum, count) => sum + count, 0),
    },
    slaCompliance,
    backlog: { open: n('backlog'), ageing },
    bounceRate: ratio(n('disposedBounced'), n('disposed')),
    disputes: n('disputes'),
    disputeRate: ratio(n('disputes'), n('followedUp')),
    normativeAnswers: n('normativeAnswers'),
    normativeRate: ratio(n('normativeAnswers'), n('followedUp')),
    rating: { average: n('ratingCount') > 0 ? Math.round((n('ratingSum') / n('ratingCount')) * 100) / 100 : null, count: n('ratingCount') },
    leadershipReviews: n('leadershipReviews'),
    policyImprovements: n('policyImprovements'),
    escalations: n('escalations'),
    ombudsmanReferrals: n('ombudsmanReferrals'),
    duplicates: n('duplicates'),
  };
}

/** Sums added field by field (nested counts included): a subtree's, or a period's from its parts. */
export function addSums(into: MonevSums, from: MonevSums): MonevSums {
  const target = into as Record<string, unknown>;
  for (const [field, value] of Object.entries(from)) {
    if (typeof value === 'number') target[field] = ((target[field] as number | undefined) ?? 0) + value;
    else if (value && typeof value === 'object') target[field] = addSums({ ...((target[field] as MonevSums | undefined) ?? {}) }, value as MonevSums);
  }
  return into;
}
