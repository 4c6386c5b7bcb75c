import { aComplaint, events, OTHER_AGENCY, testOrganisation } from '@lacak/domain/testing';
import { AUDIT_TRAIL_COLLECTION, AuditTrailProjection } from '../audit-trail/audit-trail-projection';
import { AGENCY_STATS_COLLECTION } from '../agency-stats/agency-stats-projection';
import { appendAtOnce, appendHistory, asComplaint, interleave, sampleHistories } from '../testing/complaint-history';
import { FailingReadStore, type WriteFailure } from '../testing/failing-read-store';
import { caughtUp, expectedReadModels, newProjector } from '../testing/projector-harness';
import { type TempStores, checkpointOf, dumpReadModels, openTempStores } from '../testing/stores';
import { CHECKPOINTS_COLLECTION, ProjectionRunner } from './projection-runner';
import type { Projector } from './projector';

const PROJECTIONS = ['complaints', 'audit-trail', 'agency-stats', 'audit-events'];

describe('ProjectionRunner', () => {
  let stores: TempStores;
  let projector: Projector | undefined;

  beforeEach(async () => {
    stores = await openTempStores();
    await appendHistory(stores.eventStore, interleave(sampleHistories()));
  });
  afterEach(async () => {
    await projector?.stop();
    projector = undefined;
    await stores.cleanup();
  });

  const checkpoints = () => Promise.all(PROJECTIONS.map((name) => checkpointOf(stores.readStore, name)));

  /** Moves every checkpoint back to an earlier stored event, as a crash before the checkpoint write leaves it. */
  const rewindTo = async (position: bigint) => {
    const event = (await stores.eventStore.readAll()).find((e) => e.position === position)!;
    const lastEvent = { streamId: event.streamId, revision: event.revision.toString(), id: event.id };
    await stores.readStore.collection(CHECKPOINTS_COLLECTION).updateMany({}, { $set: { position: position.toString(), lastEvent } });
  };

  it('projects every event, over several batches, exactly as folding them one by one would', async () => {
    projector = newProjector(stores.eventStore, stores.readStore);
    projector.start();
    const last = await caughtUp(projector, stores.eventStore);

    expect(await dumpReadModels(stores.readStore)).toEqual(await expectedReadModels(stores.eventStore));
    expect(await checkpoints()).toEqual(PROJECTIONS.map(() => String(last)));
    const stats = stores.readStore.collection(AGENCY_STATS_COLLECTION);
    expect(await stats.findOne({ _id: 'national' })).toMatchObject({ received: 5, verified: 4, rejected: 1, archived: 1 });
    expect(await stats.findOne({ _id: OTHER_AGENCY })).toMatchObject({ received: 1, disposed: 1 });
  });

  it.each([
    ['from the start', null],
    ['from an earlier position', '5'],
  ])('changes nothing when the events come again %s', async (_case, position) => {
    projector = newProjector(stores.eventStore, stores.readStore);
    projector.start();
    await caughtUp(projector, stores.eventStore);
    await projector.stop();
    const before = await dumpReadModels(stores.readStore);

    if (position === null) await stores.readStore.collection(CHECKPOINTS_COLLECTION).deleteMany({});
    else await rewindTo(BigInt(position));
    // A new projector, as after a restart: a stopped one still knows its old position.
    projector = newProjector(stores.eventStore, stores.readStore);
    projector.start();
    await caughtUp(projector, stores.eventStore);

    expect(await dumpReadModels(stores.readStore)).toEqual(before);
  });

  it('applies only the new events of a batch that also re-delivers handled ones', async () => {
    projector = newProjector(stores.eventStore, stores.readStore);
    projector.start();
    await caughtUp(projector, stores.eventStore);
    await projector.stop();

    const investigated = [events.findingsRecorded({ complaintId: 'c6' }), events.responded({ complaintId: 'c6' })];
    await appendHistory(stores.eventStore, interleave([asComplaint('c7', aComplaint().inStatus('VERIFIED').events()), investigated]));
    await rewindTo(20n);
    projector = newProjector(stores.eventStore, stores.readStore);
    projector.start();
    await caughtUp(projector, stores.eventStore);

    expect(await dumpReadModels(stores.readStore)).toEqual(await expectedReadModels(stores.eventStore));
  });

  it.each<[string, WriteFailure]>([
    ['writes nothing', 'before'],
    ['writes the documents but not the checkpoint, as a non-atomic backend might', 'between'],
  ])('keeps the checkpoint behind the read model when a write %s, and completes it exactly once writes succeed', async (_case, failure) => {
    const failing = new FailingReadStore(stores.readStore);
    let reportFailure!: () => void;
    const failed = new Promise<void>((resolve) => (reportFailure = resolve));
    projector = newProjector(stores.eventStore, failing, () => reportFailure());
    projector.start();
    const handled = await caughtUp(projector, stores.eventStore);
    const before = await dumpReadModels(stores.readStore);

    failing.arm(failure);
    await appendHistory(stores.eventStore, interleave([
      asComplaint('c8', aComplaint().inStatus('RESPONDED').events()),
      [events.accepted({ complaintId: 'c2' }), events.responded({ complaintId: 'c2' })],
    ]));
    await failed;
    expect(await checkpoints()).toEqual(PROJECTIONS.map(() => String(handled)));
    if (failure === 'before') expect(await dumpReadModels(stores.readStore)).toEqual(before);

    failing.disarm();
    await caughtUp(projector, stores.eventStore);
    expect(await dumpReadModels(stores.readStore)).toEqual(await expectedReadModels(stores.eventStore));
    expect(projector.status().map((s) => s.lastError)).toEqual(projector.names.map(() => null));
  });

  it('flushes the last events when the log ends exactly at the end of a subscription page', async () => {
    // The SQLite subscription reads 512 events a page; the sample history already holds some.
    const stored = (await stores.eventStore.readAll()).length;
    const submissions = Array.from({ length: 2 * 512 - stored }, (_, i) =>
      events.submitted({ complaintId: `bulk-${i}`, trackingId: `LPR-BULK-${i}` }),
    );
    await appendAtOnce(stores.eventStore, submissions);
    const runner = new ProjectionRunner([new AuditTrailProjection(testOrganisation)], stores.eventStore, stores.readStore, { batchSize: 100 });
    runner.start();
    try {
      await runner.waitUntilCaughtUp();
      expect(runner.status()[0].position).toBe(String(2 * 512));
      expect(await stores.readStore.collection(AUDIT_TRAIL_COLLECTION).countDocuments()).toBe(2 * 512);
    } finally {
      await runner.stop();
    }
  });

  it('stops when stopped before its subscription started', async () => {
    const runner = new ProjectionRunner([new AuditTrailProjection(testOrganisation)], stores.eventStore, stores.readStore);
    runner.start();
    await runner.stop();
    expect(runner.status()[0].running).toBe(false);
  }, 5000);
});
