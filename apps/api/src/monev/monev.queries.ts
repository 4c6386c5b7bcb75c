import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import {
  type ExceptionCursor,
  ListMonevExceptions,
  type MonevExceptionPage,
  type MonevExceptionsOverview,
  type MonevOverdueActionPage,
} from '@lacak/application/queries';
import type { Actor } from '@lacak/domain';
import type { ComplaintExceptionKind } from '@lacak/projections';

/** Every kind's count and oldest items; null when the node is unknown or outside the actor's scope. */
export class GetMonevExceptionsQuery extends Query<MonevExceptionsOverview | null> {
  constructor(
    readonly nodeId: string,
    readonly limit: number,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** One kind's items, a page at a time; null when the node is unknown or outside the actor's scope. */
export class GetMonevExceptionPageQuery extends Query<MonevExceptionPage | null> {
  constructor(
    readonly nodeId: string,
    readonly kind: ComplaintExceptionKind,
    readonly limit: number,
    readonly after: ExceptionCursor | undefined,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** The overdue action-plan items, the first `limit`; null when the node is unknown or outside the actor's scope. */
export class GetMonevOverdueActionPageQuery extends Query<MonevOverdueActionPage | null> {
  constructor(
    readonly nodeId: string,
    readonly limit: number,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(GetMonevExceptionsQuery)
export class GetMonevExceptionsHandler implements IQueryHandler<GetMonevExceptionsQuery> {
  constructor(private readonly useCase: ListMonevExceptions) {}
  execute = ({ actor, nodeId, limit }: GetMonevExceptionsQuery) => this.useCase.overview(actor, nodeId, limit);
}

@QueryHandler(GetMonevExceptionPageQuery)
export class GetMonevExceptionPageHandler implements IQueryHandler<GetMonevExceptionPageQuery> {
  constructor(private readonly useCase: ListMonevExceptions) {}
  execute = ({ actor, nodeId, kind, limit, after }: GetMonevExceptionPageQuery) => this.useCase.page(actor, nodeId, kind, limit, after);
}

@QueryHandler(GetMonevOverdueActionPageQuery)
export class GetMonevOverdueActionPageHandler implements IQueryHandler<GetMonevOverdueActionPageQuery> {
  constructor(private readonly useCase: ListMonevExceptions) {}
  execute = ({ actor, nodeId, limit }: GetMonevOverdueActionPageQuery) => this.useCase.overdueActionPage(actor, nodeId, limit);
}
