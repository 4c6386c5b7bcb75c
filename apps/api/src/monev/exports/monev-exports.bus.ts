import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import {
  ExportMonevExceptions,
  ExportMonevIndicators,
  ExportMonevRanking,
  GetMonevReport,
  type MonevExceptionKind,
  type MonevExceptionsExport,
  type MonevIndicatorsView,
  type MonevRankingView,
  type MonevReport,
} from '@lacak/application/queries';
import type { Actor } from '@lacak/domain';

export class ExportMonevIndicatorsQuery extends Query<MonevIndicatorsView | null> {
  constructor(
    readonly actor: Actor,
    readonly nodeId: string,
    readonly period: string,
  ) {
    super();
  }
}

export class ExportMonevRankingQuery extends Query<MonevRankingView | null> {
  constructor(
    readonly actor: Actor,
    readonly parentId: string,
    readonly period: string,
  ) {
    super();
  }
}

export class GetMonevReportQuery extends Query<MonevReport | null> {
  constructor(
    readonly actor: Actor,
    readonly nodeId: string,
    readonly period: string,
  ) {
    super();
  }
}

/** Every item of one kind, or of every kind, for a file; null when the node is unknown or outside the actor's scope. */
export class ExportMonevExceptionsQuery extends Query<MonevExceptionsExport | null> {
  constructor(
    readonly nodeId: string,
    readonly kind: MonevExceptionKind | undefined,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Each handler adapts the bus to one use case; the use case holds everything else. */
@QueryHandler(ExportMonevIndicatorsQuery)
export class ExportMonevIndicatorsHandler implements IQueryHandler<ExportMonevIndicatorsQuery> {
  constructor(private readonly useCase: ExportMonevIndicators) {}
  execute = ({ actor, nodeId, period }: ExportMonevIndicatorsQuery) => this.useCase.run(actor, nodeId, period);
}

@QueryHandler(ExportMonevRankingQuery)
export class ExportMonevRankingHandler implements IQueryHandler<ExportMonevRankingQuery> {
  constructor(private readonly useCase: ExportMonevRanking) {}
  execute = ({ actor, parentId, period }: ExportMonevRankingQuery) => this.useCase.run(actor, parentId, period);
}

@QueryHandler(GetMonevReportQuery)
export class GetMonevReportHandler implements IQueryHandler<GetMonevReportQuery> {
  constructor(private readonly useCase: GetMonevReport) {}
  execute = ({ actor, nodeId, period }: GetMonevReportQuery) => this.useCase.run(actor, nodeId, period);
}

@QueryHandler(ExportMonevExceptionsQuery)
export class ExportMonevExceptionsHandler implements IQueryHandler<ExportMonevExceptionsQuery> {
  constructor(private readonly useCase: ExportMonevExceptions) {}
  execute = ({ actor, nodeId, kind }: ExportMonevExceptionsQuery) => this.useCase.run(actor, nodeId, kind);
}
