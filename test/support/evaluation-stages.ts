/**
 * Evaluations brought to a stage over HTTP, as the national admin records them and the evaluated
 * agency's admin answers: for suites that need a fresh evaluation per case.
 */
import type { TestApp } from './test-app';

export type EvaluationStage = 'RECORDED' | 'PLAN_SUBMITTED' | 'ACTIONS_DONE';

export interface EvaluationFixture {
  id: string;
  agencyId: string;
  year: number;
}

/** Years no other fixture uses: one evaluation per agency and year. */
let nextYear = 3000;

/** The plan's one action is `R1-P1-A1`, due far beyond any test clock. */
export async function evaluationAt(t: TestApp, stage: EvaluationStage, agencyId: string): Promise<EvaluationFixture> {
  const evaluator = await t.token('national_admin', 'national', 'evaluator-national');
  const agency = await t.token('agency_admin', agencyId, `admin-${agencyId}`);
  const year = nextYear++;
  const step = async (token: string, url: string, body: object) => {
    const response = await t.request('POST', url, { token, body });
    if (response.status >= 300) throw new Error(`${url} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response;
  };
  const recorded = await step(evaluator, '/evaluations', {
    agencyId,
    year,
    scores: [{ indicator: 'komitmen_pimpinan', score: 70 }],
    recommendations: [{ text: 'Pimpinan membahas pengaduan tiap bulan.' }],
  });
  const id: string = recorded.body.id;
  if (stage !== 'RECORDED') {
    const actions = [{ description: 'Rapat pimpinan bulanan', owner: 'Sekretaris', dueDate: '2099-12-31' }];
    await step(agency, `/evaluations/${id}/recommendations/R1/action-plan`, { actions });
  }
  if (stage === 'ACTIONS_DONE') {
    await step(evaluator, `/evaluations/${id}/recommendations/R1/accept`, {});
    await step(agency, `/evaluations/${id}/actions/R1-P1-A1/progress`, { percent: 100, note: 'Selesai.' });
  }
  return { id, agencyId, year };
}
