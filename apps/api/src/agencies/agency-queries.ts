import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type AgencyNodeView, type AgencyStatsView, GetAgencyStats, ListAgencies } from '@lacak/application/queries';
import type { Actor } from '@lacak/domain';

export type { AgencyNodeView, AgencyStatsView, CountersView } from '@lacak/application/queries';

/** Null when the root is unknown. */
export class GetAgenciesQuery extends Query<AgencyNodeView[] | null> {
  constructor(
    readonly actor: Actor,
    readonly rootId?: string,
  ) {
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
  constructor(private readonly useCase: ListAgencies) {}
  execute = async ({ actor, rootId }: GetAgenciesQuery) => this.useCase.run(actor, rootId);
}

@QueryHandler(GetAgencyStatsQuery)
export class GetAgencyStatsHandler implements IQueryHandler<GetAgencyStatsQuery> {
  constructor(private readonly useCase: GetAgencyStats) {}
  execute = ({ actor, agencyId }: GetAgencyStatsQuery) => this.useCase.run(actor, agencyId);
}
