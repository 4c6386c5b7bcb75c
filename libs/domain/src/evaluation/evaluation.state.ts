import type { EvaluationEvent, IndicatorScore, PlannedAction } from './evaluation.events';

/**
 * Where a recommendation stands: waiting for the agency's plan, the plan with the evaluator, returned
 * for another, accepted (actions under way), or completed (the evaluator accepted the actions as done).
 */
export type RecommendationStatus = 'AWAITING_PLAN' | 'PLAN_SUBMITTED' | 'PLAN_RETURNED' | 'PLAN_ACCEPTED' | 'COMPLETED';

export interface ActionState extends PlannedAction {
  percent: number;
  /** The latest progress note; null before any. */
  note: string | null;
  /** When progress reached 100 %; null before. */
  completedAt: string | null;
}

export interface RecommendationState {
  recommendationId: string;
  text: string;
  status: RecommendationStatus;
  /** Version of the current (or last returned) plan; 0 before the first. */
  planVersion: number;
  /** The current plan's actions; a returned plan's are dropped. */
  actions: ActionState[];
  returnReason: string | null;
}

export type EvaluationState =
  | { status: 'NONE' }
  | {
      status: 'RECORDED';
      evaluationId: string;
      agencyId: string;
      year: number;
      scores: IndicatorScore[];
      summary: string | null;
      evaluatorAgencyId: string | null;
      recordedAt: string;
      recommendations: RecommendationState[];
    };

export type RecordedEvaluation = Extract<EvaluationState, { status: 'RECORDED' }>;

export const initialEvaluationState = (): EvaluationState => ({ status: 'NONE' });

/** A complete action is one whose progress reached 100 %. */
export const isActionComplete = (action: Pick<ActionState, 'percent'>): boolean => action.percent >= 100;

const updateRecommendation = (
  state: EvaluationState,
  recommendationId: string,
  change: (recommendation: RecommendationState) => RecommendationState,
): EvaluationState =>
  state.status === 'NONE'
    ? state
    : { ...state, recommendations: state.recommendations.map((r) => (r.recommendationId === recommendationId ? change(r) : r)) };

export function evolveEvaluation(state: EvaluationState, event: EvaluationEvent): EvaluationState {
  switch (event.type) {
    case 'EvaluationRecorded': {
      const { evaluationId, agencyId, year, scores, summary, evaluatorAgencyId, at, recommendations } = event.data;
      return {
        status: 'RECORDED',
        evaluationId,
        agencyId,
        year,
        scores,
        summary,
        evaluatorAgencyId,
        recordedAt: at,
        recommendations: recommendations.map(({ recommendationId, text }) => ({
          recommendationId,
          text,
          status: 'AWAITING_PLAN',
          planVersion: 0,
          actions: [],
          returnReason: null,
        })),
      };
    }
    case 'ActionPlanSubmitted':
      return updateRecommendation(state, event.data.recommendationId, (r) => ({
        ...r,
        status: 'PLAN_SUBMITTED',
        planVersion: event.data.version,
        actions: event.data.actions.map((action) => ({ ...action, percent: 0, note: null, completedAt: null })),
        returnReason: null,
      }));
    case 'ActionPlanReturned':
      return updateRecommendation(state, event.data.recommendationId, (r) => ({
        ...r,
        status: 'PLAN_RETURNED',
        actions: [],
        returnReason: event.data.reason,
      }));
    case 'ActionPlanAccepted':
      return updateRecommendation(state, event.data.recommendationId, (r) => ({ ...r, status: 'PLAN_ACCEPTED' }));
    case 'ActionProgressRecorded': {
      const { actionId, percent, note, at } = event.data;
      return updateRecommendation(state, event.data.recommendationId, (r) => ({
        ...r,
        actions: r.actions.map((a) =>
          a.actionId === actionId ? { ...a, percent, note, completedAt: a.completedAt ?? (percent >= 100 ? at : null) } : a,
        ),
      }));
    }
    case 'RecommendationCompletionAccepted':
      return updateRecommendation(state, event.data.recommendationId, (r) => ({ ...r, status: 'COMPLETED' }));
  }
}

export const foldEvaluation = (events: readonly EvaluationEvent[]): EvaluationState =>
  events.reduce(evolveEvaluation, initialEvaluationState());
