import { AGENCY_STATS_COLLECTION } from '../agency-stats/agency-stats-projection';
import { COMPLAINTS_COLLECTION } from '../complaints/complaint-document';
import { appendHistory, interleave, sampleHistories } from '../testing/complaint-history';
import { caughtUp, newProjector } from '../testing/projector-harness';
import { type TempStores, checkpointOf, dumpReadModels, openTempStores } from '../testing/stores';
import { type Projector, UnknownProjectionError } from './projector';

describe('Projector.rebuild', () => {
  let stores: TempStores;
  let projector: Projector;

  beforeEach(async () => {
    stores = await openTempStores();
    await appendHistory(stores.eventStore, interleave(sampleHistories()));
    projector = newProjector(stores.eventStore, stores.readStore);
    projector.start();
    await caughtUp(projector, stores.eventStore);
  });
  afterEach(async () => {
    await projector.stop();
    await stores.cleanup();
  });

  it('drops one read model and replays it to the same documents, leaving the others alone', async () => {
    const projected = await dumpReadModels(stores.readStore);
    const stats = stores.readStore.collection(AGENCY_STATS_COLLECTION);
    await stats.updateOne({ _id: 'national' }, { $inc: { received: 100 } });
    await stats.insertOne({ _id: 'stray-agency', received: 1, lastPosition: 1 });
    await stores.readStore.collection(COMPLAINTS_COLLECTION).updateOne({ _id: 'c1' }, { $set: { title: 'edited by hand' } });

    await projector.rebuild('agency-stats');
    const last = await caughtUp(projector, stores.eventStore);

    const rebuilt = await dumpReadModels(stores.readStore);
    expect(rebuilt[AGENCY_STATS_COLLECTION]).toEqual(projected[AGENCY_STATS_COLLECTION]);
    expect(rebuilt[COMPLAINTS_COLLECTION].find((c) => c._id === 'c1')).toMatchObject({ title: 'edited by hand' });
    expect(await checkpointOf(stores.readStore, 'agency-stats')).toBe(String(last));
  });

  it('refuses an unknown projection name and rebuilds nothing', async () => {
    const before = await dumpReadModels(stores.readStore);
    await expect(projector.rebuild('agency_stats')).rejects.toBeInstanceOf(UnknownProjectionError);
    expect(await dumpReadModels(stores.readStore)).toEqual(before);
  });
});
