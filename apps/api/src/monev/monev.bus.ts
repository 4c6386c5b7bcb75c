import { Command, CommandHandler, type ICommandHandler, type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import {
  CloseMonevPeriod,
  GetMonevIndicators,
  GetMonevRanking,
  GetMonevSnapshot,
  type MonevIndicatorsView,
  type MonevPeriodClosing,
  type MonevRankingView,
  type MonevSnapshotView,
} from '@lacak/application/queries';
import type { Actor } from '@lacak/domain';

export class GetMonevIndicatorsQuery extends Query<MonevIndicatorsView | null> {
  constructor(
    readonly actor: Actor,
    readonly nodeId: string,
    readonly period: string,
  ) {
    super();
  }
}

export class GetMonevRankingQuery extends Query<MonevRankingView | null> {
  constructor(
    readonly actor: Actor,
    readonly parentId: string,
    readonly period: string,
  ) {
    super();
  }
}

export class GetMonevSnapshotQuery extends Query<MonevSnapshotView | null> {
  constructor(
    readonly actor: Actor,
    readonly period: string,
    readonly nodeId: string,
  ) {
    super();
  }
}

export class CloseMonevPeriodCommand extends Command<MonevPeriodClosing> {
  constructor(
    readonly actor: Actor,
    readonly period: string,
    readonly correlationId: string,
  ) {
    super();
  }
}

/** Each handler adapts the bus to one use case; the use case holds everything else. */
@QueryHandler(GetMonevIndicatorsQuery)
export class GetMonevIndicatorsHandler implements IQueryHandler<GetMonevIndicatorsQuery> {
  constructor(private readonly useCase: GetMonevIndicators) {}
  execute = ({ actor, nodeId, period }: GetMonevIndicatorsQuery) => this.useCase.run(actor, nodeId, period);
}

@QueryHandler(GetMonevRankingQuery)
export class GetMonevRankingHandler implements IQueryHandler<GetMonevRankingQuery> {
  constructor(private readonly useCase: GetMonevRanking) {}
  execute = ({ actor, parentId, period }: GetMonevRankingQuery) => this.useCase.run(actor, parentId, period);
}

@QueryHandler(GetMonevSnapshotQuery)
export class GetMonevSnapshotHandler implements IQueryHandler<GetMonevSnapshotQuery> {
  constructor(private readonly useCase: GetMonevSnapshot) {}
  execute = ({ actor, period, nodeId }: GetMonevSnapshotQuery) => this.useCase.run(actor, period, nodeId);
}

@CommandHandler(CloseMonevPeriodCommand)
export class CloseMonevPeriodHandler implements ICommandHandler<CloseMonevPeriodCommand> {
  constructor(private readonly useCase: CloseMonevPeriod) {}
  execute = ({ actor, period, correlationId }: CloseMonevPeriodCommand) => this.useCase.run(actor, period, { correlationId });
}
