import { type QueryName, mayQuery } from '../access/access-matrix';
import { readScope } from '../access/access-policy';
import { isCalendarDate } from '../calendar/holiday-calendar';
import type { Actor } from '../complaint/actor';
import type { AgencyScope } from '../complaint/complaint.decide';
import { type Refusal, type RefusalCode, refuse } from '../complaint/refusals';
import type { EvaluationCommand, EvaluationCommandType, RecordEvaluation, SubmitActionPlan } from './evaluation.commands';
import { type EvaluationEvent, evaluationIdFor } from './evaluation.events';
import {
  type EvaluationState,
  type RecommendationState,
  type RecordedEvaluation,
  evolveEvaluation,
  initialEvaluationState,
  isActionComplete,
} from './evaluation.state';

/** The access matrix's row of each evaluation command. */
export const EVALUATION_COMMAND_NAMES: { readonly [T in EvaluationCommandType]: QueryName } = {
  RecordEvaluation: 'record-evaluation',
  SubmitActionPlan: 'submit-action-plan',
  RecordActionProgress: 'record-action-progress',
  AcceptActionPlan: 'accept-action-plan',
  ReturnActionPlan: 'return-action-plan',
  AcceptRecommendationCompletion: 'accept-recommendation-completion',
};

/**
 * Who evaluates an agency: the national admin any agency below the root, an agency admin (a
 * coordinator: a Kemenko, a Pemprov) the agencies strictly below its node; nobody evaluates itself.
 */
export function isEvaluatorOf(actor: Actor, agencyId: string, scope: AgencyScope): boolean {
  if (actor.role === 'national_admin') return !(scope.isRoot?.(agencyId) ?? false);
  return actor.role === 'agency_admin' && actor.agencyId !== null && actor.agencyId !== agencyId && scope.isWithin(agencyId, actor.agencyId);
}

/** The evaluated agency answers through its own admin; a coordinator above it does not answer for it. */
export const isEvaluatedAgency = (actor: Actor, agencyId: string): boolean => actor.role === 'agency_admin' && actor.agencyId === agencyId;

/** Who reads an agency's evaluation: its own admin, inspectors, auditors and coordinators above it, the national level. */
export function canSeeEvaluation(actor: Actor, agencyId: string, scope: AgencyScope): boolean {
  if (!mayQuery('get-evaluation', actor.role)) return false;
  const reach = readScope(actor);
  return reach.kind === 'everything' || (reach.kind === 'subtree' && scope.isWithin(agencyId, reach.agencyId));
}

export type EvaluationDecision = { ok: true; events: EvaluationEvent[] } | { ok: false; refusal: Refusal };
type Refused = Extract<EvaluationDecision, { ok: false }>;

const refused = (code: RefusalCode, message: string): Refused => ({ ok: false, refusal: refuse(code, message) });
const decided = (...events: EvaluationEvent[]): EvaluationDecision => ({ ok: true, events });

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const isScore = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100;

/** Every problem with an evaluation as recorded, in the order a reader fixes them; empty when sound. */
export function evaluationProblems(data: RecordEvaluation['data']): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(data.year) || data.year < 1000 || data.year > 9999) problems.push('year must be a four-digit year');
  if (data.scores.length === 0) problems.push('scores must score at least one indicator');
  const seen = new Set<string>();
  data.scores.forEach(({ indicator, score }, index) => {
    if (!isText(indicator)) problems.push(`scores[${index}].indicator must name the indicator`);
    else if (seen.has(indicator)) problems.push(`scores[${index}].indicator ${indicator} is scored twice`);
    else seen.add(indicator);
    if (!isScore(score)) problems.push(`scores[${index}].score must be a number from 0 to 100`);
  });
  if (data.recommendations.length === 0) problems.push('recommendations must hold at least one recommendation');
  data.recommendations.forEach(({ text }, index) => {
    if (!isText(text)) problems.push(`recommendations[${index}].text must say what is recommended`);
  });
  return problems;
}

/** Every problem with an action plan; empty when sound. */
export function actionPlanProblems(data: SubmitActionPlan['data']): string[] {
  const problems: string[] = [];
  if (data.actions.length === 0) problems.push('actions must hold at least one action');
  data.actions.forEach(({ description, owner, dueDate }, index) => {
    if (!isText(description)) problems.push(`actions[${index}].description must say what will be done`);
    if (!isText(owner)) problems.push(`actions[${index}].owner must name who in the agency owns the action`);
    if (!isCalendarDate(dueDate)) problems.push(`actions[${index}].dueDate must be a date YYYY-MM-DD`);
    // Local dates in one format compare as strings.
    else if (dueDate < data.today) problems.push(`actions[${index}].dueDate ${dueDate} is already past (today is ${data.today})`);
  });
  return problems;
}

const recommendationOf = (state: RecordedEvaluation, recommendationId: string): RecommendationState | Refused =>
  state.recommendations.find((r) => r.recommendationId === recommendationId) ??
  refused('RECOMMENDATION_NOT_FOUND', `The evaluation has no recommendation ${recommendationId}.`);

const isRefused = (value: unknown): value is Refused => typeof value === 'object' && value !== null && 'ok' in value;

const wrongStatus = (command: EvaluationCommand, recommendation: RecommendationState): Refused =>
  refused('INVALID_TRANSITION', `${command.type} is not allowed while recommendation ${recommendation.recommendationId} is ${recommendation.status}.`);

const notTheEvaluator = (): Refused =>
  refused('NOT_THE_EVALUATOR', 'Only the national admin, or an admin of a node above the evaluated agency, evaluates it.');

/**
 * Decides an evaluation command. Refusals in order: a role the matrix never lets issue it
 * (`ROLE_NOT_ALLOWED`); existence (`EVALUATION_NOT_FOUND`, which is also the answer out of the
 * actor's read scope, `EVALUATION_EXISTS`); who acts (`NOT_THE_EVALUATOR`, `NOT_THE_EVALUATED_AGENCY`);
 * the recommendation or action named (`RECOMMENDATION_NOT_FOUND`, `ACTION_NOT_FOUND`); its status
 * (`INVALID_TRANSITION`); then the content (`EVALUATION_INVALID`, `ACTION_PLAN_INVALID`,
 * `PROGRESS_CANNOT_DECREASE`, `ACTIONS_NOT_COMPLETE`).
 */
export function decideEvaluation(command: EvaluationCommand, state: EvaluationState, scope: AgencyScope): EvaluationDecision {
  const { actor, at } = command;
  if (!mayQuery(EVALUATION_COMMAND_NAMES[command.type], actor.role)) {
    return refused('ROLE_NOT_ALLOWED', `The role ${actor.role} may never issue ${EVALUATION_COMMAND_NAMES[command.type]}.`);
  }
  if (command.type === 'RecordEvaluation') {
    const { agencyId, year, scores, recommendations, summary } = command.data;
    if (!isEvaluatorOf(actor, agencyId, scope)) return notTheEvaluator();
    if (state.status !== 'NONE') return refused('EVALUATION_EXISTS', `${agencyId} already has its ${year} evaluation.`);
    const problems = evaluationProblems(command.data);
    if (problems.length > 0) return refused('EVALUATION_INVALID', `The evaluation cannot be recorded: ${problems.join('; ')}.`);
    return decided({
      type: 'EvaluationRecorded',
      data: {
        evaluationId: evaluationIdFor(agencyId, year),
        agencyId,
        year,
        scores: scores.map(({ indicator, score }) => ({ indicator: indicator.trim(), score })),
        recommendations: recommendations.map(({ text }, index) => ({ recommendationId: `R${index + 1}`, text })),
        summary: isText(summary) ? summary : null,
        evaluatorAgencyId: actor.role === 'national_admin' ? null : actor.agencyId,
        at,
      },
    });
  }

  if (state.status === 'NONE' || !canSeeEvaluation(actor, state.agencyId, scope)) {
    return refused('EVALUATION_NOT_FOUND', 'No evaluation exists with this id.');
  }
  const { evaluationId, agencyId } = state;
  switch (command.type) {
    case 'SubmitActionPlan': {
      if (!isEvaluatedAgency(actor, agencyId)) return refused('NOT_THE_EVALUATED_AGENCY', 'Only the evaluated agency’s admin answers its recommendations.');
      const recommendation = recommendationOf(state, command.data.recommendationId);
      if (isRefused(recommendation)) return recommendation;
      if (recommendation.status !== 'AWAITING_PLAN' && recommendation.status !== 'PLAN_RETURNED') return wrongStatus(command, recommendation);
      const problems = actionPlanProblems(command.data);
      if (problems.length > 0) return refused('ACTION_PLAN_INVALID', `The action plan cannot be submitted: ${problems.join('; ')}.`);
      const version = recommendation.planVersion + 1;
      const { recommendationId } = recommendation;
      return decided({
        type: 'ActionPlanSubmitted',
        data: {
          evaluationId,
          recommendationId,
          version,
          actions: command.data.actions.map(({ description, owner, dueDate }, index) => ({
            actionId: `${recommendationId}-P${version}-A${index + 1}`,
            description,
            owner,
            dueDate,
          })),
          at,
        },
      });
    }
    case 'RecordActionProgress': {
      if (!isEvaluatedAgency(actor, agencyId)) return refused('NOT_THE_EVALUATED_AGENCY', 'Only the evaluated agency’s admin reports its progress.');
      const { actionId, percent, note } = command.data;
      const recommendation = state.recommendations.find((r) => r.actions.some((a) => a.actionId === actionId));
      const action = recommendation?.actions.find((a) => a.actionId === actionId);
      if (!recommendation || !action) return refused('ACTION_NOT_FOUND', `No action ${actionId} is in a current action plan of this evaluation.`);
      if (recommendation.status !== 'PLAN_SUBMITTED' && recommendation.status !== 'PLAN_ACCEPTED') return wrongStatus(command, recommendation);
      if (!Number.isInteger(percent) || percent < 0 || percent > 100 || !isText(note)) {
        return refused('ACTION_PLAN_INVALID', 'Progress is a whole percent from 0 to 100 with a note saying what was done.');
      }
      if (percent < action.percent) return refused('PROGRESS_CANNOT_DECREASE', `Action ${actionId} is already at ${action.percent} %.`);
      return decided({
        type: 'ActionProgressRecorded',
        data: { evaluationId, recommendationId: recommendation.recommendationId, actionId, percent, note, at },
      });
    }
    case 'AcceptActionPlan':
    case 'ReturnActionPlan':
    case 'AcceptRecommendationCompletion': {
      if (!isEvaluatorOf(actor, agencyId, scope)) return notTheEvaluator();
      const recommendation = recommendationOf(state, command.data.recommendationId);
      if (isRefused(recommendation)) return recommendation;
      const { recommendationId, planVersion: version } = recommendation;
      if (command.type === 'AcceptRecommendationCompletion') {
        if (recommendation.status !== 'PLAN_ACCEPTED') return wrongStatus(command, recommendation);
        const open = recommendation.actions.filter((a) => !isActionComplete(a)).map((a) => a.actionId);
        if (open.length > 0) return refused('ACTIONS_NOT_COMPLETE', `Actions not yet complete: ${open.join(', ')}.`);
        return decided({ type: 'RecommendationCompletionAccepted', data: { evaluationId, recommendationId, at } });
      }
      if (recommendation.status !== 'PLAN_SUBMITTED') return wrongStatus(command, recommendation);
      if (command.type === 'AcceptActionPlan') return decided({ type: 'ActionPlanAccepted', data: { evaluationId, recommendationId, version, at } });
      if (!isText(command.data.reason)) return refused('ACTION_PLAN_INVALID', 'A returned plan says why it is returned.');
      return decided({ type: 'ActionPlanReturned', data: { evaluationId, recommendationId, version, reason: command.data.reason, at } });
    }
  }
}

export const evaluationDecider = {
  decide: decideEvaluation,
  evolve: evolveEvaluation,
  initialState: initialEvaluationState,
};
