import { Module } from '@nestjs/common';
import { EvaluationCommands, RequestFingerprints } from '@lacak/application';
import { type EvaluationQueryContext, ExportEvaluations, GetEvaluation, ListEvaluations, ListOverdueActions } from '@lacak/application/queries';
import type { DeadlineContext } from '@lacak/deadlines';
import type { OrganisationTree } from '@lacak/domain';
import { EVENT_STORE, type EventStore } from '@lacak/event-store';
import { READ_STORE, type ReadStore } from '@lacak/read-store';
import { CLOCK, type Clock, DEADLINE_CONTEXT, ORGANISATION_TREE } from '../infrastructure/tokens';
import { ExportEvaluationsHandler, GetEvaluationHandler, ListEvaluationsHandler, ListOverdueActionsHandler, RunEvaluationHandler } from './evaluations.bus';
import { EvaluationsController, OverdueActionsController } from './evaluations.controller';
import { EvaluationsExportController } from './evaluations-export.controller';

const EVALUATION_READS = Symbol('EVALUATION_READS');

/** Evaluations, recommendations and action plans: their use cases, bus handlers and routes. */
@Module({
  // The export first: its static path is listed before the evaluation id's.
  controllers: [EvaluationsExportController, EvaluationsController, OverdueActionsController],
  providers: [
    {
      provide: EvaluationCommands,
      inject: [EVENT_STORE, ORGANISATION_TREE, DEADLINE_CONTEXT, CLOCK, RequestFingerprints],
      useFactory: (eventStore: EventStore, tree: OrganisationTree, deadlines: DeadlineContext, clock: Clock, fingerprints: RequestFingerprints) =>
        new EvaluationCommands({ eventStore, tree, deadlines, clock, fingerprints }),
    },
    {
      provide: EVALUATION_READS,
      inject: [READ_STORE, ORGANISATION_TREE],
      useFactory: (readStore: ReadStore, tree: OrganisationTree): EvaluationQueryContext => ({ readStore, tree }),
    },
    { provide: GetEvaluation, inject: [EVALUATION_READS], useFactory: (context: EvaluationQueryContext) => new GetEvaluation(context) },
    { provide: ListEvaluations, inject: [EVALUATION_READS], useFactory: (context: EvaluationQueryContext) => new ListEvaluations(context) },
    {
      provide: ListOverdueActions,
      inject: [EVALUATION_READS, DEADLINE_CONTEXT, CLOCK],
      useFactory: (context: EvaluationQueryContext, deadlines: DeadlineContext, clock: Clock) =>
        new ListOverdueActions({ ...context, deadlines, now: () => clock.now() }),
    },
    {
      provide: ExportEvaluations,
      inject: [ListEvaluations, ORGANISATION_TREE, DEADLINE_CONTEXT, CLOCK],
      useFactory: (evaluations: ListEvaluations, tree: OrganisationTree, deadlines: DeadlineContext, clock: Clock) =>
        new ExportEvaluations(evaluations, { tree, deadlines, now: () => clock.now() }),
    },
    RunEvaluationHandler,
    ExportEvaluationsHandler,
    GetEvaluationHandler,
    ListEvaluationsHandler,
    ListOverdueActionsHandler,
  ],
})
export class EvaluationsModule {}
