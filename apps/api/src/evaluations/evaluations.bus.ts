import { Command, CommandHandler, type ICommandHandler, type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type CommandCall, EvaluationCommands, type EvaluationOutcome, type EvaluationRequest } from '@lacak/application';
import {
  type EvaluationFilter,
  type EvaluationView,
  type EvaluationsExport,
  ExportEvaluations,
  GetEvaluation,
  ListEvaluations,
  ListOverdueActions,
  type OverdueAction,
} from '@lacak/application/queries';
import type { Actor } from '@lacak/domain';

/** Every evaluation command, routed to the one use case. */
export class RunEvaluationCommand extends Command<EvaluationOutcome> {
  constructor(
    readonly request: EvaluationRequest,
    readonly actor: Actor,
    readonly call: CommandCall,
  ) {
    super();
  }
}

/** Null when unknown or outside the actor's reach. */
export class GetEvaluationQuery extends Query<EvaluationView | null> {
  constructor(
    readonly actor: Actor,
    readonly evaluationId: string,
  ) {
    super();
  }
}

export class ListEvaluationsQuery extends Query<EvaluationView[]> {
  constructor(
    readonly actor: Actor,
    readonly filter: EvaluationFilter,
  ) {
    super();
  }
}

export class ExportEvaluationsQuery extends Query<EvaluationsExport> {
  constructor(
    readonly actor: Actor,
    readonly filter: EvaluationFilter,
  ) {
    super();
  }
}

/** Null when the node is unknown or outside the actor's reach. */
export class ListOverdueActionsQuery extends Query<OverdueAction[] | null> {
  constructor(
    readonly actor: Actor,
    readonly nodeId: string,
  ) {
    super();
  }
}

@CommandHandler(RunEvaluationCommand)
export class RunEvaluationHandler implements ICommandHandler<RunEvaluationCommand> {
  constructor(private readonly useCase: EvaluationCommands) {}
  execute = ({ request, actor, call }: RunEvaluationCommand) => this.useCase.run(request, actor, call);
}

@QueryHandler(GetEvaluationQuery)
export class GetEvaluationHandler implements IQueryHandler<GetEvaluationQuery> {
  constructor(private readonly useCase: GetEvaluation) {}
  execute = ({ actor, evaluationId }: GetEvaluationQuery) => this.useCase.run(actor, evaluationId);
}

@QueryHandler(ListEvaluationsQuery)
export class ListEvaluationsHandler implements IQueryHandler<ListEvaluationsQuery> {
  constructor(private readonly useCase: ListEvaluations) {}
  execute = ({ actor, filter }: ListEvaluationsQuery) => this.useCase.run(actor, filter);
}

@QueryHandler(ListOverdueActionsQuery)
export class ListOverdueActionsHandler implements IQueryHandler<ListOverdueActionsQuery> {
  constructor(private readonly useCase: ListOverdueActions) {}
  execute = ({ actor, nodeId }: ListOverdueActionsQuery) => this.useCase.run(actor, nodeId);
}

@QueryHandler(ExportEvaluationsQuery)
export class ExportEvaluationsHandler implements IQueryHandler<ExportEvaluationsQuery> {
  constructor(private readonly useCase: ExportEvaluations) {}
  execute = ({ actor, filter }: ExportEvaluationsQuery) => this.useCase.run(actor, filter);
}
