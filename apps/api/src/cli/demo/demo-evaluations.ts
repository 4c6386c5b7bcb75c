import type { Actor, OrganisationTree } from '@lacak/domain';
import type { EvaluationRequest } from '@lacak/application';

/** One evaluation command of the demo, at its instant, by its actor. */
export interface EvaluationStep {
  at: Date;
  actor: Actor;
  request: EvaluationRequest;
}

/** The provinces whose agencies the demo evaluates: their coordinators' dashboards then show action plans. */
const EVALUATING_PROVINCES = ['id-32', 'id-35', 'id-73'];
const AGENCIES_PER_PROVINCE = 2;

const RECOMMENDATIONS = [
  'Tetapkan standar waktu tindak lanjut internal paling lama lima hari kerja sejak disposisi dan pantau kepatuhannya setiap bulan.',
  'Libatkan pimpinan dalam rapat evaluasi pengaduan triwulanan dan catat perbaikan kebijakan yang dihasilkan.',
];

const admin = (agencyId: string): Actor => ({ id: `admin-${agencyId}`, role: 'agency_admin', agencyId });
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The evaluation of a few agencies of a province by the province, for the year before it was made
 * (about ten months ago): scores, two recommendations, an action plan for the first (accepted),
 * progress on its actions. One agency of each province is late on an action, so the coordinator
 * sees an overdue item; the other's action falls due next month. Every step lies before `now`.
 */
export function planEvaluations(tree: OrganisationTree, now: Date): EvaluationStep[] {
  const daysAgo = (days: number): Date => new Date(now.getTime() - days * DAY_MS);
  const dueIn = (days: number): string => new Date(now.getTime() + days * DAY_MS).toISOString().slice(0, 10);
  const year = daysAgo(300).getUTCFullYear() - 1;
  const steps: EvaluationStep[] = [];
  for (const provinceId of EVALUATING_PROVINCES.filter((id) => tree.has(id))) {
    const coordinator = admin(provinceId);
    for (const [index, agencyNode] of tree.children(provinceId).slice(0, AGENCIES_PER_PROVINCE).entries()) {
      const evaluationId = `${year}-${agencyNode.id}`;
      const agency = admin(agencyNode.id);
      const late = index === 0;
      steps.push(
        {
          at: daysAgo(300 - index),
          actor: coordinator,
          request: {
            type: 'RecordEvaluation',
            data: {
              agencyId: agencyNode.id,
              year,
              scores: [
                { indicator: 'tindak lanjut', score: late ? 62 : 81 },
                { indicator: 'ketepatan waktu', score: late ? 55 : 77 },
                { indicator: 'keterlibatan pimpinan', score: late ? 40 : 70 },
              ],
              recommendations: RECOMMENDATIONS.map((text) => ({ text })),
              summary: late ? 'Tindak lanjut sering melewati batas waktu.' : 'Pengelolaan pengaduan cukup baik.',
            },
          },
        },
        {
          at: daysAgo(280),
          actor: agency,
          request: {
            type: 'SubmitActionPlan',
            data: {
              evaluationId,
              recommendationId: 'R1',
              actions: [
                { description: 'Menerbitkan SOP tindak lanjut pengaduan', owner: 'Sekretaris Daerah', dueDate: dueIn(-220) },
                { description: 'Laporan kepatuhan bulanan kepada pimpinan', owner: 'Inspektorat Daerah', dueDate: dueIn(late ? -150 : 30) },
              ],
            },
          },
        },
        { at: daysAgo(276), actor: coordinator, request: { type: 'AcceptActionPlan', data: { evaluationId, recommendationId: 'R1' } } },
        {
          at: daysAgo(230),
          actor: agency,
          request: { type: 'RecordActionProgress', data: { evaluationId, actionId: 'R1-P1-A1', percent: 100, note: 'SOP ditetapkan dengan peraturan bupati.' } },
        },
        {
          at: daysAgo(200),
          actor: agency,
          request: { type: 'RecordActionProgress', data: { evaluationId, actionId: 'R1-P1-A2', percent: 40, note: 'Laporan dua bulan pertama disampaikan.' } },
        },
      );
    }
  }
  return steps;
}
