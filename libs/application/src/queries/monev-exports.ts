import type { Actor } from '@lacak/domain';
import type { GetMonevIndicators, GetMonevRanking, MonevIndicatorsView, MonevRankingView } from './monev-queries';
import { assertMayRun } from './query-access';

/*
 * The monev views as files an inspector hands over. Each export reads through the query it exports,
 * so the figures, the scope and the snapshot rule are that query's, never a second path to the data.
 */

/** `GET /monev/indicators/export`: the indicators view, to be written as CSV or XLSX. */
export class ExportMonevIndicators {
  constructor(private readonly indicators: GetMonevIndicators) {}

  /** Null when the node is unknown or out of the actor's reach. */
  async run(actor: Actor, nodeId: string, period: string): Promise<MonevIndicatorsView | null> {
    assertMayRun('export-monev-indicators', actor);
    return this.indicators.run(actor, nodeId, period);
  }
}

/** `GET /monev/rankings/export`: the ranking view, to be written as CSV or XLSX. */
export class ExportMonevRanking {
  constructor(private readonly ranking: GetMonevRanking) {}

  async run(actor: Actor, parentId: string, period: string): Promise<MonevRankingView | null> {
    assertMayRun('export-monev-ranking', actor);
    return this.ranking.run(actor, parentId, period);
  }
}

/** What a period report shows: the node's indicators and the ranking of its children, from one source each. */
export interface MonevReport {
  indicators: MonevIndicatorsView;
  /** The node's children ranked; none for a node without children. */
  ranking: MonevRankingView;
}

/** `GET /monev/reports/{period}.pdf`: a node's period report. */
export class GetMonevReport {
  constructor(
    private readonly indicators: GetMonevIndicators,
    private readonly ranking: GetMonevRanking,
  ) {}

  async run(actor: Actor, nodeId: string, period: string): Promise<MonevReport | null> {
    assertMayRun('get-monev-report', actor);
    const indicators = await this.indicators.run(actor, nodeId, period);
    if (!indicators) return null;
    const ranking = await this.ranking.run(actor, nodeId, period);
    return ranking && { indicators, ranking };
  }
}
