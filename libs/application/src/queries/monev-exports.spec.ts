import type { Actor } from '@lacak/domain';
import { ExportMonevIndicators, ExportMonevRanking, GetMonevReport } from './monev-exports';
import type { GetMonevIndicators, GetMonevRanking, MonevIndicatorsView, MonevRankingView } from './monev-queries';
import { QueryRefusedError } from './query-access';

const inspector: Actor = { id: 'inspektur-1', role: 'apip_inspector', agencyId: 'id-32' };
const reporter: Actor = { id: 'warga-1', role: 'reporter', agencyId: null };

const indicatorsView = { node: { id: 'id-32', name: 'Provinsi Jawa Barat', kind: 'province' }, period: '2026' } as MonevIndicatorsView;
const rankingView = { parent: { id: 'id-32', name: 'Provinsi Jawa Barat', kind: 'province' }, period: '2026', agencies: [] } as unknown as MonevRankingView;

/** The views the exports read through, answering `view` (null: out of reach) and recording who asked. */
function queries(indicators: MonevIndicatorsView | null, ranking: MonevRankingView | null) {
  const asked: string[] = [];
  return {
    asked,
    indicators: { run: async (actor: Actor, node: string, period: string) => (asked.push(`indicators ${actor.id} ${node} ${period}`), indicators) } as unknown as GetMonevIndicators,
    ranking: { run: async (actor: Actor, parent: string, period: string) => (asked.push(`ranking ${actor.id} ${parent} ${period}`), ranking) } as unknown as GetMonevRanking,
  };
}

describe('the monev exports', () => {
  it('read through the views they export, for the same actor, node and period', async () => {
    const given = queries(indicatorsView, rankingView);
    expect(await new ExportMonevIndicators(given.indicators).run(inspector, 'id-32', '2026')).toBe(indicatorsView);
    expect(await new ExportMonevRanking(given.ranking).run(inspector, 'id-32', '2026-Q1')).toBe(rankingView);
    expect(given.asked).toEqual(['indicators inspektur-1 id-32 2026', 'ranking inspektur-1 id-32 2026-Q1']);
  });

  it('refuse a role the matrix never lets export before reading anything', async () => {
    const given = queries(indicatorsView, rankingView);
    await expect(new ExportMonevIndicators(given.indicators).run(reporter, 'id-32', '2026')).rejects.toBeInstanceOf(QueryRefusedError);
    await expect(new ExportMonevRanking(given.ranking).run(reporter, 'id-32', '2026')).rejects.toBeInstanceOf(QueryRefusedError);
    await expect(new GetMonevReport(given.indicators, given.ranking).run(reporter, 'id-32', '2026')).rejects.toBeInstanceOf(QueryRefusedError);
    expect(given.asked).toEqual([]);
  });

  it('build the period report from the node’s indicators and the ranking of its children', async () => {
    const given = queries(indicatorsView, rankingView);
    expect(await new GetMonevReport(given.indicators, given.ranking).run(inspector, 'id-32', '2026')).toEqual({ indicators: indicatorsView, ranking: rankingView });
    expect(given.asked).toEqual(['indicators inspektur-1 id-32 2026', 'ranking inspektur-1 id-32 2026']);
  });

  it('have no report for a node out of reach', async () => {
    const given = queries(null, null);
    expect(await new GetMonevReport(given.indicators, given.ranking).run(inspector, 'id-33', '2026')).toBeNull();
    expect(given.asked).toEqual(['indicators inspektur-1 id-33 2026']);
  });
});
