/** The evaluation of an agency's complaint handling: scores and recommendations, action plans, progress, acceptance. */
import { DeciderSpecification } from '../testing/decider-specification';
import { AGENCY, OTHER_AGENCY, PARENT_AGENCY, testOrganisation } from '../testing/complaint-builders';
import type { Actor } from '../complaint/actor';
import type { EvaluationCommand } from './evaluation.commands';
import { decideEvaluation, isEvaluatorOf } from './evaluation.decide';
import type { EvaluationEvent } from './evaluation.events';
import { evolveEvaluation, foldEvaluation, initialEvaluationState } from './evaluation.state';

const given = DeciderSpecification.for({
  decide: (command: EvaluationCommand, state: ReturnType<typeof initialEvaluationState>) => decideEvaluation(command, state, testOrganisation),
  evolve: evolveEvaluation,
  initialState: initialEvaluationState,
});

const AT = '2026-03-02T03:00:00.000Z';
const LATER = '2026-06-01T03:00:00.000Z';
const ID = `2025-${AGENCY}`;
const actor = (role: Actor['role'], agencyId: string | null): Actor => ({ id: `${role}@${agencyId}`, role, agencyId });
const national = actor('national_admin', 'national');
const coordinator = actor('agency_admin', PARENT_AGENCY);
const agency = actor('agency_admin', AGENCY);
const sibling = actor('agency_admin', OTHER_AGENCY);
const inspector = actor('apip_inspector', PARENT_AGENCY);

const record = (by: Actor = coordinator, data: Partial<Extract<EvaluationCommand, { type: 'RecordEvaluation' }>['data']> = {}): EvaluationCommand => ({
  type: 'RecordEvaluation',
  actor: by,
  at: AT,
  data: {
    agencyId: AGENCY,
    year: 2025,
    scores: [{ indicator: 'komitmen_pimpinan', score: 72.5 }, { indicator: 'tindak_lanjut', score: 60 }],
    recommendations: [{ text: 'Pimpinan membahas pengaduan tiap bulan.' }, { text: 'Tindak lanjut substantif, bukan normatif.' }],
    summary: 'Cukup',
    ...data,
  },
});
const recorded: EvaluationEvent = {
  type: 'EvaluationRecorded',
  data: {
    evaluationId: ID,
    agencyId: AGENCY,
    year: 2025,
    scores: [{ indicator: 'komitmen_pimpinan', score: 72.5 }, { indicator: 'tindak_lanjut', score: 60 }],
    recommendations: [
      { recommendationId: 'R1', text: 'Pimpinan membahas pengaduan tiap bulan.' },
      { recommendationId: 'R2', text: 'Tindak lanjut substantif, bukan normatif.' },
    ],
    summary: 'Cukup',
    evaluatorAgencyId: PARENT_AGENCY,
    at: AT,
  },
};
const plan = (by: Actor = agency, dueDate = '2026-05-31', recommendationId = 'R1'): EvaluationCommand => ({
  type: 'SubmitActionPlan',
  actor: by,
  at: AT,
  data: { evaluationId: ID, recommendationId, today: '2026-03-02', actions: [{ description: 'Rapat pimpinan bulanan', owner: 'Sekretaris Dinas', dueDate }] },
});
const submitted = (version = 1): EvaluationEvent => ({
  type: 'ActionPlanSubmitted',
  data: {
    evaluationId: ID,
    recommendationId: 'R1',
    version,
    actions: [{ actionId: `R1-P${version}-A1`, description: 'Rapat pimpinan bulanan', owner: 'Sekretaris Dinas', dueDate: '2026-05-31' }],
    at: AT,
  },
});
const judge = (type: 'AcceptActionPlan' | 'AcceptRecommendationCompletion', by: Actor = coordinator): EvaluationCommand => ({
  type,
  actor: by,
  at: LATER,
  data: { evaluationId: ID, recommendationId: 'R1' },
});
const returnPlan = (reason = 'Tenggat terlalu longgar.'): EvaluationCommand => ({
  type: 'ReturnActionPlan',
  actor: coordinator,
  at: LATER,
  data: { evaluationId: ID, recommendationId: 'R1', reason },
});
const accepted: EvaluationEvent = { type: 'ActionPlanAccepted', data: { evaluationId: ID, recommendationId: 'R1', version: 1, at: LATER } };
const progress = (percent: number, by: Actor = agency, actionId = 'R1-P1-A1'): EvaluationCommand => ({
  type: 'RecordActionProgress',
  actor: by,
  at: LATER,
  data: { evaluationId: ID, actionId, percent, note: 'Rapat April terlaksana.' },
});
const progressed = (percent: number): EvaluationEvent => ({
  type: 'ActionProgressRecorded',
  data: { evaluationId: ID, recommendationId: 'R1', actionId: 'R1-P1-A1', percent, note: 'Rapat April terlaksana.', at: LATER },
});

describe('RecordEvaluation', () => {
  it('is recorded by a coordinator over the agency, each recommendation numbered', () => {
    given([]).when(record()).then([recorded]);
  });

  it('is recorded by the national admin, for no evaluator node', () => {
    given([]).when(record(national)).then([{ ...recorded, data: { ...recorded.data, evaluatorAgencyId: null } } as EvaluationEvent]);
  });

  it('is refused a second time for the same agency and year', () => {
    given([recorded]).when(record(national)).thenRefused('EVALUATION_EXISTS');
  });

  it.each([
    ['the agency itself', agency],
    ['a sibling agency', sibling],
  ])('is refused to %s', (_, by) => {
    given([]).when(record(by)).thenRefused('NOT_THE_EVALUATOR');
  });

  it.each(['apip_inspector', 'auditor', 'unit_officer', 'reporter'] as const)('is never for the role %s', (role) => {
    given([]).when(record(actor(role, PARENT_AGENCY))).thenRefused('ROLE_NOT_ALLOWED');
  });

  it.each([
    ['a score above 100', { scores: [{ indicator: 'komitmen_pimpinan', score: 101 }] }],
    ['a negative score', { scores: [{ indicator: 'komitmen_pimpinan', score: -1 }] }],
    ['an indicator scored twice', { scores: [{ indicator: 'a', score: 1 }, { indicator: 'a', score: 2 }] }],
    ['no recommendation', { recommendations: [] }],
    ['a blank recommendation', { recommendations: [{ text: ' ' }] }],
  ])('is refused with %s', (_, data) => {
    given([]).when(record(coordinator, data)).thenRefused('EVALUATION_INVALID');
  });

  it('evaluates nobody at the root, and only below the coordinator', () => {
    expect(isEvaluatorOf(national, 'national', testOrganisation)).toBe(false);
    expect(isEvaluatorOf(coordinator, 'unit-x1', testOrganisation)).toBe(true);
    expect(isEvaluatorOf(coordinator, 'agency-t', testOrganisation)).toBe(false);
  });
});

describe('SubmitActionPlan', () => {
  it('answers a recommendation with actions, owners and due dates', () => {
    given([recorded]).when(plan()).then([submitted()]);
  });

  it('is refused to the coordinator, who does not answer for the agency', () => {
    given([recorded]).when(plan(coordinator)).thenRefused('NOT_THE_EVALUATED_AGENCY');
  });

  it('answers an admin outside the agency’s subtree as if there were no evaluation', () => {
    given([recorded]).when(plan(actor('agency_admin', 'agency-t'))).thenRefused('EVALUATION_NOT_FOUND');
  });

  it('is refused for an unknown recommendation', () => {
    given([recorded]).when(plan(agency, '2026-05-31', 'R9')).thenRefused('RECOMMENDATION_NOT_FOUND');
  });

  it('is refused while a plan is with the evaluator', () => {
    given([recorded, submitted()]).when(plan()).thenRefused('INVALID_TRANSITION');
  });

  it.each([
    ['a due date already past', '2026-03-01'],
    ['a date that does not exist', '2026-02-30'],
  ])('is refused with %s', (_, dueDate) => {
    given([recorded]).when(plan(agency, dueDate)).thenRefused('ACTION_PLAN_INVALID');
  });

  it('after a return, submits the next version with new action ids', () => {
    const returned: EvaluationEvent = { type: 'ActionPlanReturned', data: { evaluationId: ID, recommendationId: 'R1', version: 1, reason: 'x', at: LATER } };
    given([recorded, submitted(), returned]).when(plan()).then([submitted(2)]);
  });

  it('on an unknown evaluation is EVALUATION_NOT_FOUND', () => {
    given([]).when(plan()).thenRefused('EVALUATION_NOT_FOUND');
  });
});

describe('AcceptActionPlan and ReturnActionPlan', () => {
  it('the evaluator accepts a submitted plan', () => {
    given([recorded, submitted()]).when(judge('AcceptActionPlan')).then([accepted]);
  });

  it('the evaluator returns a plan with a reason', () => {
    given([recorded, submitted()])
      .when(returnPlan())
      .then([{ type: 'ActionPlanReturned', data: { evaluationId: ID, recommendationId: 'R1', version: 1, reason: 'Tenggat terlalu longgar.', at: LATER } }]);
  });

  it('a return without a reason is refused', () => {
    given([recorded, submitted()]).when(returnPlan(' ')).thenRefused('ACTION_PLAN_INVALID');
  });

  it('the agency does not accept its own plan', () => {
    given([recorded, submitted()]).when(judge('AcceptActionPlan', agency)).thenRefused('NOT_THE_EVALUATOR');
  });

  it('no plan yet is INVALID_TRANSITION', () => {
    given([recorded]).when(judge('AcceptActionPlan')).thenRefused('INVALID_TRANSITION');
  });

  it('the inspector reads but never judges', () => {
    given([recorded, submitted()]).when(judge('AcceptActionPlan', inspector)).thenRefused('ROLE_NOT_ALLOWED');
  });
});

describe('RecordActionProgress', () => {
  it('records the agency’s progress on an action of its plan', () => {
    given([recorded, submitted(), accepted]).when(progress(40)).then([progressed(40)]);
  });

  it('never goes back', () => {
    given([recorded, submitted(), accepted, progressed(60)]).when(progress(40)).thenRefused('PROGRESS_CANNOT_DECREASE');
  });

  it.each([101, -5, 12.5])('is refused for %p %', (percent) => {
    given([recorded, submitted()]).when(progress(percent)).thenRefused('ACTION_PLAN_INVALID');
  });

  it('is refused for an action of no current plan', () => {
    given([recorded, submitted()]).when(progress(10, agency, 'R1-P9-A1')).thenRefused('ACTION_NOT_FOUND');
  });

  it('is refused to the coordinator', () => {
    given([recorded, submitted()]).when(progress(10, coordinator)).thenRefused('NOT_THE_EVALUATED_AGENCY');
  });

  it('marks the action complete at 100 %', () => {
    const state = foldEvaluation([recorded, submitted(), accepted, progressed(100)]);
    expect(state.status === 'RECORDED' && state.recommendations[0].actions[0]).toMatchObject({ percent: 100, completedAt: LATER });
  });
});

describe('AcceptRecommendationCompletion', () => {
  it('is accepted once every action of the accepted plan is complete', () => {
    given([recorded, submitted(), accepted, progressed(100)])
      .when(judge('AcceptRecommendationCompletion'))
      .then([{ type: 'RecommendationCompletionAccepted', data: { evaluationId: ID, recommendationId: 'R1', at: LATER } }]);
  });

  it('is refused while an action is not complete', () => {
    given([recorded, submitted(), accepted, progressed(90)]).when(judge('AcceptRecommendationCompletion')).thenRefused('ACTIONS_NOT_COMPLETE');
  });

  it('is refused before the plan is accepted', () => {
    given([recorded, submitted(), progressed(100)]).when(judge('AcceptRecommendationCompletion')).thenRefused('INVALID_TRANSITION');
  });
});
