import { type Actor, type OrganisationTree, type OrgNode, canSeeAgency } from '@lacak/domain';
import { AGENCY_COUNTERS, AGENCY_STATS_COLLECTION, type AgencyCounters, type AgencyStatsDocument, zeroCounters } from '@lacak/projections';
import type { ReadStore } from '@lacak/read-store';
import { type DeadlineContext, INDONESIAN_ZONES, type IndonesianZone } from '@lacak/deadlines';
import { assertMayRun } from './query-access';
import { type SlaIndicators, slaIndicators } from './sla-indicators';

export interface CountersView extends AgencyCounters {
  /** Follow-ups given per disposition received (tindak lanjut rate); null before any disposition. */
  followUpRate: number | null;
}

export interface AgencyStatsView {
  agency: OrgNode;
  /** Counters of the node itself. */
  own: CountersView;
  /** Counters of the node and everything below it. */
  subtree: CountersView;
  subtreeSize: number;
  /** SLA compliance per class, overdue ageing and ratings over the subtree, as of the request (the `agency_sla` read model). */
  sla: SlaIndicators;
}

/** A node of the organisation tree with the zone its deadlines and local days are counted in. */
export interface AgencyNodeView extends OrgNode {
  zone: (typeof INDONESIAN_ZONES)[IndonesianZone];
}

/** The organisation tree, or one node's subtree, as a flat list; null for an unknown root. Public knowledge. */
export class ListAgencies {
  constructor(
    private readonly tree: OrganisationTree,
    private readonly deadlines: Pick<DeadlineContext, 'zoneOf'>,
  ) {}

  run(actor: Actor, rootId?: string): AgencyNodeView[] | null {
    assertMayRun('list-agencies', actor);
    if (rootId && !this.tree.has(rootId)) return null;
    const nodes = rootId ? this.tree.subtreeIds(rootId).map((id) => this.tree.get(id)!) : this.tree.nodes();
    return nodes.map((node) => ({ ...node, zone: INDONESIAN_ZONES[this.deadlines.zoneOf(node.id)] }));
  }
}

const withRate = (counters: AgencyCounters): CountersView => ({
  ...counters,
  followUpRate: counters.disposed > 0 ? Math.round((counters.responded / counters.disposed) * 1000) / 1000 : null,
});

const sum = (documents: AgencyCounters[]): AgencyCounters => {
  const total = zeroCounters();
  // A counter added after a document was stored counts as zero until the next rebuild.
  for (const document of documents) for (const counter of AGENCY_COUNTERS) total[counter] += document[counter] ?? 0;
  return total;
};

/** Monitoring counters of a node and its subtree; null when the node is unknown or out of the actor's scope. */
export class GetAgencyStats {
  constructor(
    private readonly tree: OrganisationTree,
    private readonly readStore: ReadStore,
    private readonly now: () => Date,
  ) {}

  async run(actor: Actor, agencyId: string): Promise<AgencyStatsView | null> {
    assertMayRun('get-agency-stats', actor);
    const agency = this.tree.get(agencyId);
    if (!agency || !canSeeAgency(actor, agencyId, this.tree)) return null;
    const subtreeIds = this.tree.subtreeIds(agencyId);
    // The root's subtree is every node: its documents are the whole collections, read without a list of thousands of ids.
    const nodes = agencyId === this.tree.root.id ? {} : { _id: { $in: subtreeIds } };
    // Counters are kept per node; the rollup is summed at read time, so a changed tree needs no rebuild.
    const [counters, sla] = await Promise.all([
      this.readStore.collection<AgencyStatsDocument>(AGENCY_STATS_COLLECTION).find(nodes),
      slaIndicators(this.readStore, nodes, this.now()),
    ]);
    // Counters of nodes a reconfigured tree no longer has are left out, as the list of ids leaves them out.
    const documents = counters.filter((document) => this.tree.has(document._id));
    const own = documents.find((d) => d._id === agencyId);
    return {
      agency,
      own: withRate(own ? sum([own]) : zeroCounters()),
      subtree: withRate(sum(documents)),
      subtreeSize: subtreeIds.length,
      sla,
    };
  }
}
