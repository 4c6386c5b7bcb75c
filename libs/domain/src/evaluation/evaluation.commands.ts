import type { Actor } from '../complaint/actor';

/** Every evaluation command: who issues it and when (an instant, from the caller's clock). */
interface EvaluationCommandOf<Type extends string, Data> {
  type: Type;
  actor: Actor;
  at: string;
  data: Data;
}

export type RecordEvaluation = EvaluationCommandOf<
  'RecordEvaluation',
  {
    agencyId: string;
    year: number;
    scores: { indicator: string; score: number }[];
    recommendations: { text: string }[];
    summary?: string | null;
  }
>;

export type SubmitActionPlan = EvaluationCommandOf<
  'SubmitActionPlan',
  {
    evaluationId: string;
    recommendationId: string;
    actions: { description: string; owner: string; dueDate: string }[];
    /** The agency's local date at `at`: no action may be due before it. */
    today: string;
  }
>;

export type AcceptActionPlan = EvaluationCommandOf<'AcceptActionPlan', { evaluationId: string; recommendationId: string }>;

export type ReturnActionPlan = EvaluationCommandOf<'ReturnActionPlan', { evaluationId: string; recommendationId: string; reason: string }>;

export type RecordActionProgress = EvaluationCommandOf<
  'RecordActionProgress',
  { evaluationId: string; actionId: string; percent: number; note: string }
>;

export type AcceptRecommendationCompletion = EvaluationCommandOf<
  'AcceptRecommendationCompletion',
  { evaluationId: string; recommendationId: string }
>;

export type EvaluationCommand =
  | RecordEvaluation
  | SubmitActionPlan
  | AcceptActionPlan
  | ReturnActionPlan
  | RecordActionProgress
  | AcceptRecommendationCompletion;

export type EvaluationCommandType = EvaluationCommand['type'];
