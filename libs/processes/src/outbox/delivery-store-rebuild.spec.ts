import { DELIVERIES_COLLECTION, DeliveryStore } from '@lacak/application';
import { testOrganisation } from '@lacak/domain/testing';
import { Projector, createProjections } from '@lacak/projections';
import { type TempStores, openTempStores } from '@lacak/projections/testing';

describe('The deliveries beside the read models', () => {
  let stores: TempStores;
  beforeEach(async () => {
    stores = await openTempStores();
  });
  afterEach(() => stores.cleanup());

  it('given planned deliveries, when every read model is rebuilt, then the deliveries and the planner’s checkpoint are still there', async () => {
    const store = new DeliveryStore(stores.readStore);
    await store.savePlanned(
      [
        {
          _id: '00000000-0000-4000-8000-000000000001',
          channel: 'email',
          target: 'reporter:c1',
          topic: 'complaint-received',
          complaintId: 'c1',
          orderKey: 'reporter:c1',
          eventId: 'e1',
          eventType: 'ComplaintSubmitted',
          streamId: 'complaint-c1',
          position: '7',
          state: 'dead',
          attempts: [],
          nextAttemptAt: null,
          createdAt: '2026-03-02T02:00:00.000Z',
          settledAt: '2026-03-02T03:00:00.000Z',
        },
      ],
      7n,
    );
    const projector = new Projector(createProjections(testOrganisation), stores.eventStore, stores.readStore);
    await projector.rebuild();
    await projector.stop();

    expect(await stores.readStore.collection(DELIVERIES_COLLECTION).countDocuments()).toBe(1);
    expect(await store.plannerCheckpoint()).toBe(7n);
  });
});
