import type { Actor } from '../complaint/actor';
import { DeciderSpecification } from '../testing/decider-specification';
import { type MonevSums, addSums, indicatorsOf } from './indicators';
import { type CloseMonevPeriod, type MonevPeriodEvent, monevPeriodDecider } from './period-closing';
import { hasEnded, parsePeriod, periodBounds, periodIdsOfLocal, previousPeriod } from './period';
import { rankAgencies } from './ranking';
import { SCORING_POLICIES, type ScoringPolicy, parseScoringPolicies, scoreAgency, scoringPolicyFor } from './scoring';

const WIB = 7 * 3600_000;
const WIT = 9 * 3600_000;

describe('monev periods', () => {
  it('reads years, quarters and months, and nothing else', () => {
    expect(parsePeriod('2026')).toMatchObject({ kind: 'year', firstMonth: 1, lastMonth: 12 });
    expect(parsePeriod('2026-Q3')).toMatchObject({ kind: 'quarter', firstMonth: 7, lastMonth: 9 });
    expect(parsePeriod('2026-02')).toMatchObject({ kind: 'month', firstMonth: 2, lastMonth: 2 });
    for (const wrong of ['2026-Q5', '2026-13', '2026-00', '26', '2026-1', '2026-Q1x', '1999']) expect(parsePeriod(wrong)).toBeNull();
  });

  it('bounds a period at local midnight of its zone', () => {
    const q1 = parsePeriod('2026-Q1')!;
    expect(new Date(periodBounds(q1, WIB).start).toISOString()).toBe('2025-12-31T17:00:00.000Z');
    expect(new Date(periodBounds(q1, WIT).end).toISOString()).toBe('2026-03-31T15:00:00.000Z');
  });

  it('files a local instant under its month, quarter and year', () => {
    expect(periodIdsOfLocal('2026-12-31T23:59:59.999Z')).toEqual(['2026-12', '2026-Q4', '2026']);
    expect(periodIdsOfLocal('2026-04-01T00:00:00.000Z')).toEqual(['2026-04', '2026-Q2', '2026']);
  });

  it('steps back to the same kind of period, across years', () => {
    expect(previousPeriod(parsePeriod('2026-Q1')!).id).toBe('2025-Q4');
    expect(previousPeriod(parsePeriod('2026-01')!).id).toBe('2025-12');
    expect(previousPeriod(parsePeriod('2026-Q3')!).id).toBe('2026-Q2');
    expect(previousPeriod(parsePeriod('2026')!).id).toBe('2025');
  });

  it('has ended once it has ended in WIB, the last zone to end it', () => {
    const march = parsePeriod('2026-03')!;
    expect(hasEnded(march, new Date('2026-03-31T16:59:59.999Z'))).toBe(false);
    expect(hasEnded(march, new Date('2026-03-31T17:00:00.000Z'))).toBe(true);
  });
});

describe('monev indicators', () => {
  const sums: MonevSums = {
    received: 10,
    verified: 8,
    verifiedWithinSla: 6,
    disposed: 5,
    disposedWithinSla: 5,
    disposedWithFollowUp: 4,
    disposedCompleted: 2,
    disposedBounced: 1,
    followedUp: 4,
    followedUpWithinSla: 3,
    followUpDays: { '2': 1, '3': 1, '5': 1, '12': 1 },
    compliance: { ordinary: { responded: 4, withinSla: 3 } },
    disputes: 1,
    normativeAnswers: 2,
    ratingSum: 9,
    ratingCount: 2,
    backlog: 3,
    backlogSince: { '2026-03-30': 1, '2026-03-01': 1, '2025-12-01': 1 },
  };
  const asOf = Date.parse('2026-03-31T05:00:00.000Z');

  it('derives rates from the sums, null where nothing was counted', () => {
    const indicators = indicatorsOf(sums, asOf, WIB);
    expect(indicators).toMatchObject({
      verifiedWithinSlaRate: 0.75,
      followUpRate: 0.8,
      completionRate: 0.4,
      bounceRate: 0.2,
      disputeRate: 0.25,
      normativeRate: 0.5,
      followedUpWithinSlaRate: 0.75,
      rating: { average: 4.5, count: 2 },
    });
    expect(indicators.slaCompliance.ordinary).toEqual({ responded: 4, withinSla: 3, rate: 0.75 });
    expect(indicators.slaCompliance.information.rate).toBeNull();
    expect(indicatorsOf({}, asOf, WIB).followUpRate).toBeNull();
  });

  it('takes the median and p90 of working days to first follow-up by nearest rank', () => {
    expect(indicatorsOf(sums, asOf, WIB).daysToFirstFollowUp).toEqual({ median: 3, p90: 12, count: 4 });
  });

  it('ages the backlog by calendar days since the local submission date', () => {
    expect(indicatorsOf(sums, asOf, WIB).backlog).toEqual({ open: 3, ageing: { '0-7': 1, '8-30': 1, '31-60': 0, '>60': 1 } });
  });

  it('adds sums field by field, nested counts included', () => {
    const total = addSums(addSums({}, { received: 1, followUpDays: { '2': 1 } }), { received: 2, followUpDays: { '2': 1, '4': 1 } });
    expect(total).toEqual({ received: 3, followUpDays: { '2': 2, '4': 1 } });
  });
});

describe('the scoring formula', () => {
  const policy = scoringPolicyFor(parsePeriod('2026')!);
  const perfect: MonevSums = {
      received: 10, verified: 10, verifiedWithinSla: 10, disposed: 10, disposedWithinSla: 10, disposedWithFollowUp: 10, disposedCompleted: 10,
      followedUp: 10, followedUpWithinSla: 10, compliance: { ordinary: { responded: 10, withinSla: 10 } }, ratingSum: 50, ratingCount: 10,
      leadershipReviews: 1, policyImprovements: 1,
  };

  it('gives 100 to an agency best on every indicator, weights summing to 100 points', () => {
    const { score, breakdown } = scoreAgency(perfect, policy);
    expect(score).toBe(100);
    expect(breakdown.reduce((sum, part) => sum + part.points, 0)).toBeCloseTo(100, 1);
  });

  it('leaves indicators without data out of the mean instead of counting them as zero', () => {
    const noRatings = { ...perfect, ratingSum: 0, ratingCount: 0 };
    expect(scoreAgency(noRatings, policy).score).toBe(100);
    expect(scoreAgency(noRatings, policy).breakdown.find((part) => part.indicator === 'rating')).toMatchObject({ value: null, points: 0 });
  });

  it('scores nothing for an agency with nothing to count', () => {
    expect(scoreAgency({}, policy).score).toBeNull();
  });

  it('refuses a policy book that leaves an indicator unweighted', () => {
    const [first] = SCORING_POLICIES;
    const { followUpRate: _dropped, ...weights } = first.weights;
    expect(() => parseScoringPolicies({ versions: [{ ...first, weights }] })).toThrow(/followUpRate/);
  });

  it('ranks siblings best first, equal scores sharing a rank, the unscorable last', () => {
    const half = { ...perfect, disposedWithFollowUp: 5 };
    const ranked = rankAgencies(
      [
        { nodeId: 'b', sums: perfect },
        { nodeId: 'c', sums: half },
        { nodeId: 'a', sums: perfect },
        { nodeId: 'd', sums: {} },
      ],
      policy as ScoringPolicy,
    );
    expect(ranked.map((entry) => [entry.nodeId, entry.rank])).toEqual([['a', 1], ['b', 1], ['c', 3], ['d', null]]);
  });
});

describe('CloseMonevPeriod', () => {
  const given = DeciderSpecification.for(monevPeriodDecider);
  const admin: Actor = { id: 'admin-1', role: 'national_admin', agencyId: 'national' };
  const AT = '2026-04-02T01:00:00.000Z';
  const figures = [{ nodeId: 'id-32', own: { received: 1 }, subtree: { received: 3 } }];
  const close = (period = '2026-Q1', actor: Actor = admin, at = AT): CloseMonevPeriod => ({
    type: 'CloseMonevPeriod',
    actor,
    at,
    data: { period, position: '42', scoringPolicyVersion: '2026.1', figures },
  });
  const closed: MonevPeriodEvent[] = [
    { type: 'MonevSnapshotRecorded', data: { period: '2026-Q1', position: '42', ...figures[0], at: AT } },
    { type: 'MonevPeriodClosed', data: { period: '2026-Q1', position: '42', nodes: 1, scoringPolicyVersion: '2026.1', closedBy: 'admin-1', at: AT } },
  ];

  it('records every node’s figures at the position read, then the closing', () => {
    given([]).when(close()).then(closed);
  });

  it('is refused for a period already closed: published figures stay', () => {
    given(closed).when(close()).thenRefused('PERIOD_ALREADY_CLOSED');
  });

  it('is refused before the period has ended everywhere', () => {
    given([]).when(close('2026-Q2')).thenRefused('PERIOD_NOT_ENDED');
  });

  it('is refused for what is not a period', () => {
    given([]).when(close('2026-Q7')).thenRefused('PERIOD_INVALID');
  });

  it('is refused to anyone but the national admin', () => {
    given([]).when(close('2026-Q1', { id: 'coordinator', role: 'agency_admin', agencyId: 'id-32' })).thenRefused('ROLE_NOT_ALLOWED');
  });
});
