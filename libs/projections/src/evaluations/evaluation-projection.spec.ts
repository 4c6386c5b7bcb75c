import { type EvaluationEvent, evaluationStreamId } from '@lacak/domain';
import { AGENCY, PARENT_AGENCY, actors, testOrganisation } from '@lacak/domain/testing';
import { toAppend } from '../testing/complaint-history';
import { foldInMemory } from '../testing/fold';
import { caughtUp, newProjector } from '../testing/projector-harness';
import { type TempStores, openTempStores } from '../testing/stores';
import { EVALUATIONS_COLLECTION, type EvaluationDocument, EvaluationProjection } from './evaluation-projection';

const projection = new EvaluationProjection(testOrganisation);
const ID = `2025-${AGENCY}`;
const AT = '2026-03-02T03:00:00.000Z';

const history: EvaluationEvent[] = [
  {
    type: 'EvaluationRecorded',
    data: {
      evaluationId: ID,
      agencyId: AGENCY,
      year: 2025,
      scores: [{ indicator: 'tindak_lanjut', score: 55 }],
      recommendations: [
        { recommendationId: 'R1', text: 'Rapat pimpinan bulanan.' },
        { recommendationId: 'R2', text: 'Jawaban substantif.' },
      ],
      summary: null,
      evaluatorAgencyId: PARENT_AGENCY,
      at: AT,
    },
  },
  {
    type: 'ActionPlanSubmitted',
    data: {
      evaluationId: ID,
      recommendationId: 'R1',
      version: 1,
      actions: [
        { actionId: 'R1-P1-A1', description: 'Jadwal rapat', owner: 'Sekretaris', dueDate: '2026-04-30' },
        { actionId: 'R1-P1-A2', description: 'Notulen rapat', owner: 'Kabag Umum', dueDate: '2026-06-30' },
      ],
      at: AT,
    },
  },
  { type: 'ActionPlanSubmitted', data: { evaluationId: ID, recommendationId: 'R2', version: 1, actions: [{ actionId: 'R2-P1-A1', description: 'Templat jawaban', owner: 'Humas', dueDate: '2026-03-31' }], at: AT } },
  { type: 'ActionPlanReturned', data: { evaluationId: ID, recommendationId: 'R2', version: 1, reason: 'Belum terukur.', at: AT } },
  { type: 'ActionPlanAccepted', data: { evaluationId: ID, recommendationId: 'R1', version: 1, at: AT } },
  { type: 'ActionProgressRecorded', data: { evaluationId: ID, recommendationId: 'R1', actionId: 'R1-P1-A1', percent: 100, note: 'Terjadwal.', at: AT } },
];

describe('EvaluationProjection', () => {
  let stores: TempStores;
  beforeEach(async () => {
    stores = await openTempStores();
  });
  afterEach(() => stores.cleanup());

  const appendAll = async (events: EvaluationEvent[]) => {
    for (const event of events) {
      await stores.eventStore.appendToStream(evaluationStreamId(ID), [toAppend(event, actors.agencyAdmin(AGENCY))], { expectedState: 'any' });
    }
  };

  it('keeps one document per evaluation, folded by the domain, as the runner writes it in batches', async () => {
    await appendAll(history);
    const projector = newProjector(stores.eventStore, stores.readStore);
    projector.start();
    await caughtUp(projector, stores.eventStore);
    await projector.stop();
    const stored = await stores.readStore.collection<EvaluationDocument>(EVALUATIONS_COLLECTION).find({});
    expect(stored).toEqual(foldInMemory(projection, await stores.eventStore.readAll()));
    expect(stored[0]).toMatchObject({
      agencyPath: ['national', PARENT_AGENCY, AGENCY],
      revision: 5,
      recommendations: [
        { recommendationId: 'R1', status: 'PLAN_ACCEPTED' },
        { recommendationId: 'R2', status: 'PLAN_RETURNED', returnReason: 'Belum terukur.' },
      ],
      // A returned plan's actions are dropped; the complete one no longer counts as open.
      actions: [expect.objectContaining({ actionId: 'R1-P1-A1', percent: 100 }), expect.objectContaining({ actionId: 'R1-P1-A2', percent: 0 })],
      earliestOpenDueDate: '2026-06-30',
    });
  });

  it('finds a subtree’s evaluations with an open action due before a date by one indexed query, and none once all are done', async () => {
    await appendAll(history);
    const projector = newProjector(stores.eventStore, stores.readStore);
    projector.start();
    await caughtUp(projector, stores.eventStore);
    const evaluations = stores.readStore.collection<EvaluationDocument>(EVALUATIONS_COLLECTION);
    const overdueOn = (date: string) => evaluations.find({ agencyPath: PARENT_AGENCY, earliestOpenDueDate: { $lt: date } });
    expect(await overdueOn('2026-06-30')).toEqual([]);
    expect((await overdueOn('2026-07-01')).map((e) => e._id)).toEqual([ID]);
    expect(await evaluations.find({ agencyPath: 'agency-t', earliestOpenDueDate: { $lt: '2026-07-01' } })).toEqual([]);

    await appendAll([{ type: 'ActionProgressRecorded', data: { evaluationId: ID, recommendationId: 'R1', actionId: 'R1-P1-A2', percent: 100, note: 'Selesai.', at: AT } }]);
    await caughtUp(projector, stores.eventStore);
    await projector.stop();
    expect(await overdueOn('2026-07-01')).toEqual([]);
    expect((await evaluations.findOne({ _id: ID }))?.earliestOpenDueDate).toBeNull();
  });
});
