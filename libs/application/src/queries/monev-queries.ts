import {
  type Actor,
  type MonevIndicators,
  type MonevPeriod,
  type MonevSums,
  type OrganisationTree,
  type OrgNode,
  type RankedAgency,
  SCORED_INDICATORS,
  type ScoredIndicator,
  type ScoringPolicy,
  canSeeAgency,
  indicatorsOf,
  parsePeriod,
  periodBounds,
  previousPeriod,
  rankAgencies,
  refuse,
  scoringPolicyFor,
} from '@lacak/domain';
import {
  CHECKPOINTS_COLLECTION,
  type CheckpointDocument,
  MONEV_SNAPSHOTS_COLLECTION,
  MONEV_SUMS_COLLECTION,
  type MonevSnapshotDocument,
  type MonevSumsDocument,
  OPEN_BACKLOG,
  monevKey,
  monevSnapshotId,
  monevZoneOf,
} from '@lacak/projections';
import type { ReadStore } from '@lacak/read-store';
import { CommandRefusedError } from '../errors';
import { assertMayRun } from './query-access';

export interface NodeIndicators {
  /** The complaints the node holds itself. */
  own: MonevIndicators;
  /** The node's and every node's below it. */
  subtree: MonevIndicators;
}

/** Where a period's figures come from: the live read model, or the snapshot its closing froze. */
export interface FiguresSource {
  source: 'live' | 'snapshot';
  /** The closing's snapshot: the global log position the figures were read at, and when. */
  snapshot: { position: string; closedAt: string; scoringPolicyVersion: string } | null;
}

export interface MonevIndicatorsView extends NodeIndicators, FiguresSource {
  node: Pick<OrgNode, 'id' | 'name' | 'kind'>;
  period: string;
  /** The node's zone (WIB, WITA, WIT), which the period's bounds are in. */
  zone: string;
  periodStart: string;
  periodEnd: string;
  /** The instant backlog ageing counts to: now for live figures, the closing for a snapshot. */
  asOf: string;
  /**
   * A closed period's figures as the log says now, when events recorded after the closing changed
   * them: the published figures stay; this shows the restatement beside them. Null otherwise.
   */
  restatement: NodeIndicators | null;
}

export interface RankingEntry extends RankedAgency {
  agency: Pick<OrgNode, 'id' | 'name' | 'kind'>;
  received: number;
  trend: {
    previousRank: number | null;
    previousScore: number | null;
    scoreChange: number | null;
    /** Each indicator's points now less its points in the previous period. */
    pointsChange: Record<ScoredIndicator, number | null>;
  };
}

export interface MonevRankingView extends FiguresSource {
  parent: Pick<OrgNode, 'id' | 'name' | 'kind'>;
  period: string;
  previousPeriod: string;
  scoringPolicy: Pick<ScoringPolicy, 'version' | 'weights' | 'targets'>;
  agencies: RankingEntry[];
}

export interface MonevSnapshotView extends NodeIndicators {
  node: Pick<OrgNode, 'id' | 'name' | 'kind'>;
  period: string;
  position: string;
  closedAt: string;
  scoringPolicyVersion: string;
  /** The sums exactly as recorded in the log, which a recomputation from the log reproduces. */
  sums: { own: MonevSums; subtree: MonevSums };
}

export function parsePeriodOrRefuse(text: string): MonevPeriod {
  const period = parsePeriod(text);
  if (!period) throw new CommandRefusedError(refuse('PERIOD_INVALID', `${text} is not a period: write 2026, 2026-Q1 or 2026-03.`));
  return period;
}

const summary = (node: OrgNode): Pick<OrgNode, 'id' | 'name' | 'kind'> => ({ id: node.id, name: node.name, kind: node.kind });

/** Sums reduced to what they add: zero counts and empty groups dropped, so two readings compare equal. */
export function normaliseSums(sums: MonevSums | undefined): MonevSums {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(sums ?? {})) {
    if (typeof value === 'number') {
      if (value !== 0) out[field] = value;
    } else if (value && typeof value === 'object') {
      const nested = normaliseSums(value as MonevSums);
      if (Object.keys(nested).length > 0) out[field] = nested;
    }
  }
  return out as MonevSums;
}

/** Whether two readings of sums say the same, key order and zero counts aside. */
export const sameSums = (a: MonevSums | undefined, b: MonevSums | undefined): boolean =>
  JSON.stringify(sortKeys(normaliseSums(a))) === JSON.stringify(sortKeys(normaliseSums(b)));

function sortKeys(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]));
}

/**
 * Each node's sums as read from the rollup's documents: the period's flows, with the open backlog
 * (its own key) beside them; a node without documents has empty sums.
 */
export function sumsByNode(documents: MonevSumsDocument[], nodeIds: string[], period: string): Map<string, { own: MonevSums; subtree: MonevSums }> {
  const byKey = new Map(documents.map((document) => [document._id, document]));
  return new Map(
    nodeIds.map((id) => {
      const flows = byKey.get(monevKey(id, period));
      const stock = byKey.get(monevKey(id, OPEN_BACKLOG));
      const pick = (scope: 'own' | 'subtree'): MonevSums => ({
        ...flows?.[scope],
        backlog: stock?.[scope]?.backlog,
        backlogSince: stock?.[scope]?.backlogSince,
      });
      return [id, { own: pick('own'), subtree: pick('subtree') }];
    }),
  );
}

/**
 * A period's sums with the open backlog beside them (a stock, read as one more key), for each node
 * asked: the live read model's. Absent keys are nodes with nothing to count.
 */
async function liveSums(
  readStore: ReadStore,
  nodeIds: string[],
  period: string,
  withBacklog = true,
): Promise<Map<string, { own: MonevSums; subtree: MonevSums }>> {
  // The backlog's documents are the largest (a count per local submission date): read only when shown.
  const keys = nodeIds.flatMap((id) => (withBacklog ? [monevKey(id, period), monevKey(id, OPEN_BACKLOG)] : [monevKey(id, period)]));
  const documents = await readStore.collection<MonevSumsDocument>(MONEV_SUMS_COLLECTION).find({ _id: { $in: keys } });
  return sumsByNode(documents, nodeIds, period);
}

interface PeriodFigures extends FiguresSource {
  sums: Map<string, { own: MonevSums; subtree: MonevSums }>;
  asOf: Date;
}

/** Reads the monev figures: a closed period's from its snapshot, any other period's live. */
export class MonevFigures {
  constructor(private readonly readStore: ReadStore) {}

  async closing(period: string): Promise<MonevSnapshotDocument | null> {
    return this.readStore.collection<MonevSnapshotDocument>(MONEV_SNAPSHOTS_COLLECTION).findOne({ _id: period });
  }

  async live(nodeIds: string[], period: string): Promise<Map<string, { own: MonevSums; subtree: MonevSums }>> {
    return liveSums(this.readStore, nodeIds, period);
  }

  /** `withBacklog: false` leaves the open backlog out of live sums (a ranking does not score it). */
  async published(nodeIds: string[], period: string, now: Date, withBacklog = true): Promise<PeriodFigures> {
    const closed = await this.closing(period);
    if (!closed) return { source: 'live', snapshot: null, sums: await liveSums(this.readStore, nodeIds, period, withBacklog), asOf: now };
    const snapshots = await this.readStore
      .collection<MonevSnapshotDocument>(MONEV_SNAPSHOTS_COLLECTION)
      .find({ _id: { $in: nodeIds.map((id) => monevSnapshotId(period, id)) } });
    const byNode = new Map(snapshots.map((snapshot) => [snapshot.nodeId, snapshot]));
    return {
      source: 'snapshot',
      snapshot: { position: closed.position, closedAt: closed.at, scoringPolicyVersion: closed.scoringPolicyVersion ?? '' },
      sums: new Map(nodeIds.map((id) => [id, { own: byNode.get(id)?.own ?? {}, subtree: byNode.get(id)?.subtree ?? {} }])),
      asOf: new Date(closed.at),
    };
  }
}

/** `GET /monev/indicators`: a node's figures for a period, its own and its subtree's. */
export class GetMonevIndicators {
  private readonly figures: MonevFigures;

  constructor(
    private readonly tree: OrganisationTree,
    readStore: ReadStore,
    private readonly now: () => Date,
  ) {
    this.figures = new MonevFigures(readStore);
  }

  /** Null when the node is unknown or out of the actor's reach. */
  async run(actor: Actor, nodeId: string, periodText: string): Promise<MonevIndicatorsView | null> {
    assertMayRun('get-monev-indicators', actor);
    const period = parsePeriodOrRefuse(periodText);
    const node = this.tree.get(nodeId);
    if (!node || !canSeeAgency(actor, nodeId, this.tree)) return null;
    const zone = monevZoneOf(this.tree, nodeId);
    const figures = await this.figures.published([nodeId], period.id, this.now());
    const sums = figures.sums.get(nodeId)!;
    const indicators = (of: { own: MonevSums; subtree: MonevSums }, asOf: Date): NodeIndicators => ({
      own: indicatorsOf(of.own, asOf.getTime(), zone.offsetMs),
      subtree: indicatorsOf(of.subtree, asOf.getTime(), zone.offsetMs),
    });
    let restatement: NodeIndicators | null = null;
    if (figures.source === 'snapshot') {
      const live = (await this.figures.live([nodeId], period.id)).get(nodeId)!;
      const flowsOnly = (of: MonevSums): MonevSums => ({ ...of, backlog: undefined, backlogSince: undefined });
      // The backlog is a stock: it moves every day, which restates nothing.
      if (!sameSums(flowsOnly(live.own), flowsOnly(sums.own)) || !sameSums(flowsOnly(live.subtree), flowsOnly(sums.subtree))) {
        restatement = indicators({ own: flowsOnly(live.own), subtree: flowsOnly(live.subtree) }, figures.asOf);
      }
    }
    const bounds = periodBounds(period, zone.offsetMs);
    return {
      node: summary(node),
      period: period.id,
      zone: zone.name,
      periodStart: new Date(bounds.start).toISOString(),
      periodEnd: new Date(bounds.end).toISOString(),
      asOf: figures.asOf.toISOString(),
      source: figures.source,
      snapshot: figures.snapshot,
      ...indicators(sums, figures.asOf),
      restatement,
    };
  }
}

/** Rankings kept for reuse while the read models they come from have not moved. */
const RANKINGS_KEPT = 64;
/** The projections whose checkpoints say whether a ranking may have changed: the sums and the snapshots. */
const RANKING_SOURCES = ['complaints', 'monev-snapshots'];

/** `GET /monev/rankings`: the children of a coordinator ranked by the published formula, with their trend. */
export class GetMonevRanking {
  private readonly figures: MonevFigures;
  /**
   * A ranking is the same for every reader allowed to see it and changes only when the sums or a
   * snapshot do: kept per coordinator and period with the checkpoints it was read at, it is
   * computed again once either has moved (a dashboard asks the same ranking many times a batch).
   */
  private readonly kept = new Map<string, { checkpoints: string; view: MonevRankingView }>();

  constructor(
    private readonly tree: OrganisationTree,
    private readonly readStore: ReadStore,
    private readonly now: () => Date,
  ) {
    this.figures = new MonevFigures(readStore);
  }

  async run(actor: Actor, parentId: string, periodText: string): Promise<MonevRankingView | null> {
    assertMayRun('get-monev-ranking', actor);
    const period = parsePeriodOrRefuse(periodText);
    const parent = this.tree.get(parentId);
    if (!parent || !canSeeAgency(actor, parentId, this.tree)) return null;
    const key = `${parentId}|${period.id}`;
    const checkpoints = JSON.stringify(
      (await this.readStore.collection<CheckpointDocument>(CHECKPOINTS_COLLECTION).find({ _id: { $in: RANKING_SOURCES } }, { sort: { _id: 1 } })).map(
        (checkpoint) => checkpoint.position,
      ),
    );
    const kept = this.kept.get(key);
    if (kept?.checkpoints === checkpoints) return kept.view;
    const view = await this.rank(parent, period);
    this.kept.delete(key);
    this.kept.set(key, { checkpoints, view });
    if (this.kept.size > RANKINGS_KEPT) this.kept.delete(this.kept.keys().next().value!);
    return view;
  }

  private async rank(parent: OrgNode, period: MonevPeriod): Promise<MonevRankingView> {
    const parentId = parent.id;
    const children = this.tree.children(parentId);
    const ids = children.map((child) => child.id);
    const previous = previousPeriod(period);
    const now = this.now();
    const [current, before] = await Promise.all([
      this.figures.published(ids, period.id, now, false),
      this.figures.published(ids, previous.id, now, false),
    ]);
    const policy = scoringPolicyFor(period);
    const rank = (figures: PeriodFigures, scoring: ScoringPolicy) =>
      rankAgencies(
        ids.map((id) => ({ nodeId: id, sums: figures.sums.get(id)!.subtree })),
        scoring,
      );
    const ranked = rank(current, policy);
    const previousRanked = new Map(rank(before, scoringPolicyFor(previous)).map((entry) => [entry.nodeId, entry]));
    const byId = new Map(children.map((child) => [child.id, child]));
    return {
      parent: summary(parent),
      period: period.id,
      previousPeriod: previous.id,
      source: current.source,
      snapshot: current.snapshot,
      scoringPolicy: { version: policy.version, weights: policy.weights, targets: policy.targets },
      agencies: ranked.map((entry) => {
        const earlier = previousRanked.get(entry.nodeId)!;
        const pointsChange = Object.fromEntries(
          SCORED_INDICATORS.map((indicator) => {
            const now = entry.breakdown.find((part) => part.indicator === indicator)!;
            const then = earlier.breakdown.find((part) => part.indicator === indicator)!;
            return [indicator, now.value === null || then.value === null ? null : Math.round((now.points - then.points) * 100) / 100];
          }),
        ) as Record<ScoredIndicator, number | null>;
        return {
          ...entry,
          agency: summary(byId.get(entry.nodeId)!),
          received: current.sums.get(entry.nodeId)!.subtree.received ?? 0,
          trend: {
            previousRank: earlier.rank,
            previousScore: earlier.score,
            scoreChange: entry.score === null || earlier.score === null ? null : Math.round((entry.score - earlier.score) * 100) / 100,
            pointsChange,
          },
        };
      }),
    };
  }
}

/** `GET /monev/periods/{period}/snapshots/{node}`: a closed period's frozen figures; null when not closed or out of reach. */
export class GetMonevSnapshot {
  constructor(
    private readonly tree: OrganisationTree,
    private readonly readStore: ReadStore,
  ) {}

  async run(actor: Actor, periodText: string, nodeId: string): Promise<MonevSnapshotView | null> {
    assertMayRun('get-monev-snapshot', actor);
    const period = parsePeriodOrRefuse(periodText);
    const node = this.tree.get(nodeId);
    if (!node || !canSeeAgency(actor, nodeId, this.tree)) return null;
    const snapshots = this.readStore.collection<MonevSnapshotDocument>(MONEV_SNAPSHOTS_COLLECTION);
    const closed = await snapshots.findOne({ _id: period.id });
    if (!closed) return null;
    const snapshot = await snapshots.findOne({ _id: monevSnapshotId(period.id, nodeId) });
    const sums = { own: normaliseSums(snapshot?.own), subtree: normaliseSums(snapshot?.subtree) };
    const { offsetMs } = monevZoneOf(this.tree, nodeId);
    const asOf = Date.parse(closed.at);
    return {
      node: summary(node),
      period: period.id,
      position: closed.position,
      closedAt: closed.at,
      scoringPolicyVersion: closed.scoringPolicyVersion ?? '',
      own: indicatorsOf(sums.own, asOf, offsetMs),
      subtree: indicatorsOf(sums.subtree, asOf, offsetMs),
      sums,
    };
  }
}
