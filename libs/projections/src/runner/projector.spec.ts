import { events, testOrganisation } from '@lacak/domain/testing';
import type { ReadStore } from '@lacak/read-store';
import { AGENCY_STATS_COLLECTION } from '../agency-stats/agency-stats-projection';
import { COMPLAINTS_COLLECTION } from '../complaints/complaint-document';
import { appendAtOnce, appendHistory, interleave, sampleHistories } from '../testing/complaint-history';
import { caughtUp, expectedReadModels, newProjector } from '../testing/projector-harness';
import { type TempStores, checkpointOf, dumpReadModels, openTempStores } from '../testing/stores';
import { Projector, UnknownProjectionError, createProjections } from './projector';

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

/** A read store whose writes wait until `release`: `firstWrite` resolves once a batch is folded and waits. */
function gatedWrites(store: ReadStore) {
  let writing!: () => void;
  const firstWrite = new Promise<void>((resolve) => (writing = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const gated = Object.create(store) as ReadStore;
  gated.write = async (batch) => {
    writing();
    await released;
    return store.write(batch);
  };
  return { gated, firstWrite, release };
}

describe('Projector catching up', () => {
  let stores: TempStores;
  let projector: Projector | undefined;

  beforeEach(async () => {
    stores = await openTempStores();
  });
  afterEach(async () => {
    await projector?.stop();
    projector = undefined;
    await stores.cleanup();
  });

  it('reads the log once for every projection, also when asked to rebuild while replaying into empty read models', async () => {
    await appendHistory(stores.eventStore, interleave(sampleHistories()));
    const stored = await stores.eventStore.readAll();
    // The first batch waits to be written until the rebuild was asked for: the replay is under way then.
    const { gated, firstWrite, release } = gatedWrites(stores.readStore);
    const projections = createProjections(testOrganisation);
    const auditTrail = jest.spyOn(projections.find((p) => p.name === 'audit-trail')!, 'evolve');
    const subscriptions = jest.spyOn(stores.eventStore, 'subscribeToAll');
    projector = new Projector(projections, stores.eventStore, gated, { batchSize: 4 });

    projector.start();
    await firstWrite;
    const rebuilding = projector.rebuild();
    release();
    await rebuilding;
    await caughtUp(projector, stores.eventStore);

    expect(subscriptions).toHaveBeenCalledTimes(1);
    expect(auditTrail).toHaveBeenCalledTimes(stored.length);
    expect(await dumpReadModels(stores.readStore)).toEqual(await expectedReadModels(stores.eventStore));
  });

  it('replaying into an empty read model, builds the indexes that only speed queries up once caught up, the others at once', async () => {
    await appendHistory(stores.eventStore, interleave(sampleHistories()));
    const { gated, firstWrite, release } = gatedWrites(stores.readStore);
    projector = newProjector(stores.eventStore, gated);
    const complaints = stores.readStore.collection(COMPLAINTS_COLLECTION);
    const indexNames = async () => (await complaints.listIndexes()).map((index) => index.name).sort();

    projector.start();
    await firstWrite;
    expect(await indexNames()).toEqual(['_id_', 'search_text', 'tracking_id']);
    release();
    await projector.waitUntilCaughtUp();

    const declared = createProjections(testOrganisation).find((p) => p.collection === COMPLAINTS_COLLECTION)!.indexes;
    expect(await indexNames()).toEqual(['_id_', ...declared.map((index) => index.name!)].sort());
  });

  it('lets timers run between its batches while it catches up on a long log', async () => {
    await appendAtOnce(stores.eventStore, Array.from({ length: 400 }, (_, i) => events.submitted({ complaintId: `long-${i}`, trackingId: `LPR-LONG-${i}` })));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      projector = newProjector(stores.eventStore, stores.readStore);
      projector.start();
      await caughtUp(projector, stores.eventStore);
      expect(ticks).toBeGreaterThan(0);
    } finally {
      clearInterval(timer);
    }
  });
});
