import { type Actor, type OrganisationTree, type OrgNode, mayQuery } from '@lacak/domain';
import { COMPLAINT_EXCEPTION_KINDS, type ComplaintExceptionKind, monevZoneOf } from '@lacak/projections';
import type { OverdueAction } from '../evaluations/evaluation-queries';
import {
  type ComplaintExceptionItem,
  EXCEPTIONS_MAX_LIMIT,
  type ListMonevExceptions,
  type MonevExceptionKind,
  OVERDUE_ACTION_ITEMS,
  decodeExceptionCursor,
} from './monev-exceptions';
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

/** At most this many items of each kind in one export; the export states each kind's full count beside them. */
export const EXCEPTIONS_EXPORT_LIMIT = 10_000;

export interface ExportedComplaintExceptions {
  kind: ComplaintExceptionKind;
  count: number;
  items: ComplaintExceptionItem[];
}

export interface ExportedOverdueActions {
  kind: typeof OVERDUE_ACTION_ITEMS;
  count: number;
  items: (OverdueAction & { agencyName: string })[];
}

/** The exceptions of a node's subtree as a file: every item of each kind asked for (up to the export limit). */
export interface MonevExceptionsExport {
  node: OrgNode;
  /** The node's zone (WIB, WITA, WIT), as in the indicators: the one the file's times are written in. */
  zone: string;
  asOf: string;
  kinds: (ExportedComplaintExceptions | ExportedOverdueActions)[];
}

/**
 * `GET /monev/exceptions/export`: one kind, or every kind the actor may list (overdue action-plan
 * items only for a role that may list overdue actions, as in the overview). Reads through
 * `ListMonevExceptions`, page by page, so the scope and visibility are that query's.
 */
export class ExportMonevExceptions {
  constructor(
    private readonly exceptions: ListMonevExceptions,
    private readonly tree: OrganisationTree,
  ) {}

  /** Null when the node is unknown or out of the actor's reach. */
  async run(actor: Actor, nodeId: string, kind?: MonevExceptionKind): Promise<MonevExceptionsExport | null> {
    assertMayRun('export-monev-exceptions', actor);
    const complaintKinds = kind === undefined ? COMPLAINT_EXCEPTION_KINDS : COMPLAINT_EXCEPTION_KINDS.filter((one) => one === kind);
    const withActions = kind === OVERDUE_ACTION_ITEMS || (kind === undefined && mayQuery('list-overdue-actions', actor.role));
    const kinds: MonevExceptionsExport['kinds'] = [];
    let found: { node: OrgNode; asOf: string } | null = null;
    for (const complaintKind of complaintKinds) {
      const list = await this.complaintsOf(actor, nodeId, complaintKind);
      if (!list) return null;
      found ??= list;
      kinds.push({ kind: complaintKind, count: list.count, items: list.items });
    }
    if (withActions) {
      const page = await this.exceptions.overdueActionPage(actor, nodeId, EXCEPTIONS_EXPORT_LIMIT);
      if (!page) return null;
      found ??= page;
      const items = page.items.map((item) => ({ ...item, agencyName: this.tree.get(item.agencyId)?.name ?? item.agencyId }));
      kinds.push({ kind: OVERDUE_ACTION_ITEMS, count: page.count, items });
    }
    if (!found) return null;
    return { node: found.node, zone: monevZoneOf(this.tree, found.node.id).name, asOf: found.asOf, kinds };
  }

  private async complaintsOf(actor: Actor, nodeId: string, kind: ComplaintExceptionKind) {
    const first = await this.exceptions.page(actor, nodeId, kind, EXCEPTIONS_MAX_LIMIT);
    if (!first) return null;
    const items = [...first.items];
    let cursor = first.nextCursor;
    while (cursor !== null && items.length < EXCEPTIONS_EXPORT_LIMIT) {
      const next = await this.exceptions.page(actor, nodeId, kind, EXCEPTIONS_MAX_LIMIT, decodeExceptionCursor(cursor)!);
      if (!next) break;
      items.push(...next.items);
      cursor = next.nextCursor;
    }
    return { node: first.node, asOf: first.asOf, count: first.count, items: items.slice(0, EXCEPTIONS_EXPORT_LIMIT) };
  }
}
