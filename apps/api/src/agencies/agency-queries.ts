import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type Actor, type OrganisationTree, type OrgNode, canSeeAgency } from '@lacak/domain';
import {
  AGENCY_COUNTERS,
  AGENCY_STATS_COLLECTION,
  type AgencyCounters,
  type AgencyStatsDocument,
  zeroCounters,
} from '@lacak/projections';
import { READ_STORE, type ReadStore } from '@lacak/read-store';
import { CLOCK, type Clock, ORGANISATION_TREE } from '../infrastructure/tokens';
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
  /** SLA compliance per class, overdue ageing and ratings over the subtree, as of the request. */
  sla: SlaIndicators;
}

export class GetAgenciesQuery extends Query<OrgNode[] | null> {
  constructor(readonly rootId?: string) {
    super();
  }
}

/** Null when the agency is unknown or outside the actor's scope. */
export class GetAgencyStatsQuery extends Query<AgencyStatsView | null> {
  constructor(
    readonly agencyId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(GetAgenciesQuery)
export class GetAgenciesHandler implements IQueryHandler<GetAgenciesQuery> {
  constructor(@Inject(ORGANISATION_TREE) private readonly tree: OrganisationTree) {}

  async execute({ rootId }: GetAgenciesQuery): Promise<OrgNode[] | null> {
    if (!rootId) return this.tree.nodes();
    if (!this.tree.has(rootId)) return null;
    return this.tree.subtreeIds(rootId).map((id) => this.tree.get(id)!);
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

@QueryHandler(GetAgencyStatsQuery)
export class GetAgencyStatsHandler implements IQueryHandler<GetAgencyStatsQuery> {
  constructor(
    @Inject(ORGANISATION_TREE) private readonly tree: OrganisationTree,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ agencyId, actor }: GetAgencyStatsQuery): Promise<AgencyStatsView | null> {
    const agency = this.tree.get(agencyId);
    if (!agency || !canSeeAgency(actor, agencyId, this.tree)) return null;
    const subtreeIds = this.tree.subtreeIds(agencyId);
    // Counters are kept per node; the rollup is summed at read time, so a changed tree needs no rebuild.
    const documents = await this.readStore
      .collection<AgencyStatsDocument>(AGENCY_STATS_COLLECTION)
      .find({ _id: { $in: subtreeIds } });
    const own = documents.find((d) => d._id === agencyId);
    return {
      agency,
      own: withRate(own ? sum([own]) : zeroCounters()),
      subtree: withRate(sum(documents)),
      subtreeSize: subtreeIds.length,
      sla: await slaIndicators(this.readStore, agencyId, this.clock.now()),
    };
  }
}
