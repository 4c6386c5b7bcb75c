/**
 * The annual evaluation of an agency's complaint handling (evaluasi pengelolaan pengaduan): the
 * evaluator's scores and recommendations, the agency's action plan (rencana aksi) for each
 * recommendation, its progress, and the evaluator's acceptance. One stream per agency and year.
 */

/** One scored indicator, e.g. `komitmen_pimpinan` (leadership commitment), 0–100. */
export interface IndicatorScore {
  indicator: string;
  score: number;
}

/** What the evaluated agency will do: an action, who in the agency owns it (a name or position, not an account) and when it is due. */
export interface PlannedAction {
  /** `<recommendationId>-P<plan version>-A<n>`: a returned plan's actions never share an id with the next one's. */
  actionId: string;
  description: string;
  owner: string;
  /** Local date `YYYY-MM-DD`. */
  dueDate: string;
}

export interface EvaluationRecorded {
  type: 'EvaluationRecorded';
  data: {
    evaluationId: string;
    agencyId: string;
    year: number;
    scores: IndicatorScore[];
    recommendations: { recommendationId: string; text: string }[];
    summary: string | null;
    /** The evaluator's node: null for the national admin. */
    evaluatorAgencyId: string | null;
    at: string;
  };
}

export interface ActionPlanSubmitted {
  type: 'ActionPlanSubmitted';
  data: {
    evaluationId: string;
    recommendationId: string;
    /** 1 for the first plan, one more after each return. */
    version: number;
    actions: PlannedAction[];
    at: string;
  };
}

export interface ActionPlanReturned {
  type: 'ActionPlanReturned';
  data: { evaluationId: string; recommendationId: string; version: number; reason: string; at: string };
}

export interface ActionPlanAccepted {
  type: 'ActionPlanAccepted';
  data: { evaluationId: string; recommendationId: string; version: number; at: string };
}

export interface ActionProgressRecorded {
  type: 'ActionProgressRecorded';
  data: { evaluationId: string; recommendationId: string; actionId: string; percent: number; note: string; at: string };
}

/** The evaluator found every action of the accepted plan done: the recommendation is followed up. */
export interface RecommendationCompletionAccepted {
  type: 'RecommendationCompletionAccepted';
  data: { evaluationId: string; recommendationId: string; at: string };
}

export type EvaluationEvent =
  | EvaluationRecorded
  | ActionPlanSubmitted
  | ActionPlanReturned
  | ActionPlanAccepted
  | ActionProgressRecorded
  | RecommendationCompletionAccepted;

export type EvaluationEventType = EvaluationEvent['type'];

export const EVALUATION_STREAM_PREFIX = 'evaluation-';

/**
 * One evaluation per agency and year, so its id is derived from them: a second recording for the
 * same agency and year lands on the same stream and is refused.
 */
export const evaluationIdFor = (agencyId: string, year: number): string => `${year}-${agencyId}`;

export const evaluationStreamId = (evaluationId: string): string => `${EVALUATION_STREAM_PREFIX}${evaluationId}`;

export const evaluationIdOf = (streamId: string): string => streamId.slice(EVALUATION_STREAM_PREFIX.length);

/** Stored events of an evaluation stream are trusted: only the evaluation use cases write them. */
export const toEvaluationEvent = (stored: { type: string; data: unknown }): EvaluationEvent =>
  ({ type: stored.type, data: stored.data }) as EvaluationEvent;
