import {
  type ActionState,
  EVALUATION_STREAM_PREFIX,
  type EvaluationState,
  type OrganisationTree,
  type RecommendationState,
  type RecordedEvaluation,
  evaluationIdOf,
  evolveEvaluation,
  isActionComplete,
  toEvaluationEvent,
} from '@lacak/domain';
import type { RecordedEvent } from '@lacak/event-store';
import type { IndexSpec } from '@lacak/read-store';
import type { Draft, ProjectedDocument } from '../projection';
import type { DocumentProjection } from '../projection';

export const EVALUATIONS_COLLECTION = 'evaluations';

/** An action of a current plan, flattened out of its recommendation so overdue ones are found across evaluations. */
export interface EvaluationActionDocument extends ActionState {
  recommendationId: string;
}

/** One evaluation as the evaluation views show it: the evaluator's scores, each recommendation and the actions of its plan. */
export interface EvaluationDocument extends ProjectedDocument {
  evaluationId: string;
  agencyId: string;
  /** Root-to-node path of the evaluated agency: the evaluations of a subtree are one equality match. */
  agencyPath: string[];
  year: number;
  scores: RecordedEvaluation['scores'];
  summary: string | null;
  evaluatorAgencyId: string | null;
  recordedAt: string;
  updatedAt: string;
  /** Revision of the evaluation stream's last event: the ETag commands are decided on. */
  revision: number;
  recommendations: Omit<RecommendationState, 'actions'>[];
  actions: EvaluationActionDocument[];
  /** The earliest due date among actions not yet complete; null when none is open. What overdue is queried by. */
  earliestOpenDueDate: string | null;
}

const EVALUATION_EVENT_TYPES = new Set([
  'EvaluationRecorded',
  'ActionPlanSubmitted',
  'ActionPlanReturned',
  'ActionPlanAccepted',
  'ActionProgressRecorded',
  'RecommendationCompletionAccepted',
]);

/** The document back as the domain's state, so the domain's own fold moves it on. */
const stateOf = (document: EvaluationDocument): EvaluationState => ({
  status: 'RECORDED',
  evaluationId: document.evaluationId,
  agencyId: document.agencyId,
  year: document.year,
  scores: document.scores,
  summary: document.summary,
  evaluatorAgencyId: document.evaluatorAgencyId,
  recordedAt: document.recordedAt,
  recommendations: document.recommendations.map((r) => ({
    ...r,
    actions: document.actions.filter((a) => a.recommendationId === r.recommendationId).map(({ recommendationId: _, ...action }) => action),
  })),
});

/**
 * The `evaluations` read model: one document per evaluation, folded by the domain's `evolveEvaluation`.
 * The index on the agency's path and the earliest open due date finds a subtree's overdue actions.
 */
export class EvaluationProjection implements DocumentProjection<EvaluationDocument> {
  readonly name = 'evaluations';
  readonly collection = EVALUATIONS_COLLECTION;
  readonly streamPrefixes = [EVALUATION_STREAM_PREFIX];
  /** Lists sort by year (newest first) then agency, within a subtree or everywhere; overdue is a range on the earliest open due date. */
  readonly indexes: IndexSpec[] = [
    { name: 'agency_year', keys: { agencyPath: 1, year: -1, agencyId: 1 } },
    { name: 'year', keys: { year: -1, agencyId: 1 } },
    { name: 'agency_open_due', keys: { agencyPath: 1, earliestOpenDueDate: 1 } },
  ];

  constructor(private readonly tree: OrganisationTree) {}

  documentId(event: RecordedEvent): string | null {
    return event.streamId.startsWith(EVALUATION_STREAM_PREFIX) && EVALUATION_EVENT_TYPES.has(event.type) ? evaluationIdOf(event.streamId) : null;
  }

  evolve(document: EvaluationDocument | null, event: RecordedEvent): Draft<EvaluationDocument> | null {
    const before: EvaluationState = document ? stateOf(document) : { status: 'NONE' };
    const state = evolveEvaluation(before, toEvaluationEvent(event));
    if (state.status === 'NONE') return null;
    const actions = state.recommendations.flatMap(({ recommendationId, actions }) => actions.map((a) => ({ ...a, recommendationId })));
    const open = actions.filter((a) => !isActionComplete(a)).map((a) => a.dueDate).sort();
    return {
      _id: state.evaluationId,
      evaluationId: state.evaluationId,
      agencyId: state.agencyId,
      agencyPath: document?.agencyPath ?? this.pathTo(state.agencyId),
      year: state.year,
      scores: state.scores,
      summary: state.summary,
      evaluatorAgencyId: state.evaluatorAgencyId,
      recordedAt: state.recordedAt,
      updatedAt: (event.data as { at?: string }).at ?? event.recordedAt,
      revision: Number(event.revision),
      recommendations: state.recommendations.map(({ actions: _, ...recommendation }) => recommendation),
      actions,
      earliestOpenDueDate: open[0] ?? null,
    };
  }

  /** An agency missing from a reconfigured tree is filed under the root, like the complaints. */
  private pathTo(agencyId: string): string[] {
    const path = this.tree.pathTo(agencyId);
    return path.length > 0 ? path : [this.tree.root.id, agencyId];
  }
}
