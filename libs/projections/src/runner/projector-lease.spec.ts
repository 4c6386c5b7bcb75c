import { eventually } from '@lacak/testing';
import { testOrganisation } from '@lacak/domain/testing';
import { COMPLAINTS_COLLECTION } from '../complaints/complaint-document';
import { appendHistory, asComplaint, interleave, sampleHistories } from '../testing/complaint-history';
import { caughtUp } from '../testing/projector-harness';
import { type TempStores, dumpReadModels, openTempStores } from '../testing/stores';
import { ComplaintProjection } from '../complaints/complaint-projection';
import { CHECKPOINTS_COLLECTION, LeaseLostError, ProjectionRunner, type RunnerOptions } from './projection-runner';
import { LeaseNotHeldError, Projector, createProjections } from './projector';
import { ProjectorLease } from './projector-lease';

describe('ProjectorLease', () => {
  let stores: TempStores;
  /** The store's clock, which alone decides expiry. */
  let storeNow: number;
  beforeEach(async () => {
    stores = await openTempStores();
    storeNow = 1_000;
    jest.spyOn(stores.readStore, 'serverTime').mockImplementation(async () => storeNow);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await stores.cleanup();
  });

  it('is taken by one holder at a time, renewed by its holder, and free again once expired', async () => {
    const a = new ProjectorLease(stores.readStore, { holder: 'a', ttlMs: 100 });
    const b = new ProjectorLease(stores.readStore, { holder: 'b', ttlMs: 100 });

    expect(await a.tryAcquire()).toBe(true);
    expect(await b.tryAcquire()).toBe(false);
    storeNow += 90;
    expect(await a.tryAcquire()).toBe(true);
    storeNow += 90;
    expect(await b.tryAcquire()).toBe(false);
    storeNow += 20;
    expect(await b.tryAcquire()).toBe(true);
    expect(await a.tryAcquire()).toBe(false);
    expect(await a.current()).toMatchObject({ holder: 'b', expiresAt: storeNow + 100 });
  });

  it("measures expiry on the store's clock: a standby whose own clock runs far ahead cannot take a live lease", async () => {
    const holder = new ProjectorLease(stores.readStore, { holder: 'holder', ttlMs: 100 });
    const standby = new ProjectorLease(stores.readStore, { holder: 'standby', ttlMs: 100 });
    const processNow = jest.spyOn(Date, 'now').mockReturnValue(storeNow);
    expect(await holder.tryAcquire()).toBe(true);

    // The standby's machine is ten lease lifetimes ahead of the store and of the holder.
    processNow.mockReturnValue(storeNow + 1_000);
    expect(await standby.tryAcquire()).toBe(false);
    processNow.mockReturnValue(storeNow - 1_000);
    expect(await holder.tryAcquire()).toBe(true);
    expect(await holder.current()).toMatchObject({ holder: 'holder', expiresAt: storeNow + 100 });

    storeNow += 101;
    expect(await standby.tryAcquire()).toBe(true);
  });

  it('raises the fencing token on every takeover and keeps it on renewal and release', async () => {
    const a = new ProjectorLease(stores.readStore, { holder: 'a', ttlMs: 100 });
    const b = new ProjectorLease(stores.readStore, { holder: 'b', ttlMs: 100 });
    await a.tryAcquire();
    await a.tryAcquire();
    expect(a.token).toBe(1);
    storeNow += 200;
    await b.tryAcquire();
    expect([a.token, b.token]).toEqual([1, 2]);
    expect(await a.tryAcquire()).toBe(false);
    expect(a.token).toBeNull();
    await b.release();
    expect(b.token).toBeNull();
    await a.tryAcquire();
    expect(a.token).toBe(3);
  });

  it('stops a holder writing once its lease expired on the store clock, though no one took it over yet', async () => {
    await appendHistory(stores.eventStore, interleave(sampleHistories()));
    const lease = new ProjectorLease(stores.readStore, { holder: 'a', ttlMs: 100 });
    expect(await lease.tryAcquire()).toBe(true);
    expect(await lease.liveToken()).toBe(1);
    // Its renewals did not run (a blocked event loop): the store's clock passes the expiry.
    storeNow += 100;
    expect(lease.token).toBe(1);
    expect(await lease.liveToken()).toBeNull();

    const refusals: unknown[] = [];
    const projection = new ComplaintProjection(testOrganisation);
    const runner = new ProjectionRunner([projection], stores.eventStore, stores.readStore, {
      leaseToken: () => lease.liveToken(),
      onError: (_name, error) => refusals.push(error),
      retryDelayMs: 10,
    });
    runner.start();
    try {
      await eventually(() => refusals.length > 0);
    } finally {
      await runner.stop();
    }
    expect(refusals[0]).toBeInstanceOf(LeaseLostError);
    expect(await stores.readStore.collection(CHECKPOINTS_COLLECTION).findOne({ _id: 'complaints' })).toBeNull();
    expect(await stores.readStore.collection(COMPLAINTS_COLLECTION).countDocuments()).toBe(0);
  });

  it('is free at once when its holder releases it', async () => {
    const a = new ProjectorLease(stores.readStore, { holder: 'a', ttlMs: 60_000 });
    const b = new ProjectorLease(stores.readStore, { holder: 'b', ttlMs: 60_000 });
    await a.tryAcquire();
    await b.release();
    expect(await b.tryAcquire()).toBe(false);
    await a.release();
    expect(await b.tryAcquire()).toBe(true);
  });
});

describe('Checkpoints fenced by the lease token', () => {
  let stores: TempStores;
  const running: ProjectionRunner[] = [];
  const runner = (leaseToken: () => number | null, onError?: RunnerOptions['onError']) => {
    const projection = new ComplaintProjection(testOrganisation);
    const started = new ProjectionRunner([projection], stores.eventStore, stores.readStore, { leaseToken, onError, retryDelayMs: 10 });
    running.push(started);
    started.start();
    return started;
  };
  const stored = async () => ({
    complaints: (await dumpReadModels(stores.readStore))[COMPLAINTS_COLLECTION],
    checkpoint: await stores.readStore.collection(CHECKPOINTS_COLLECTION).findOne({ _id: 'complaints' }),
  });

  beforeEach(async () => {
    stores = await openTempStores();
    await appendHistory(stores.eventStore, interleave(sampleHistories()));
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((r) => r.stop()));
    await stores.cleanup();
  });

  it('refuses a batch from a holder whose lease was taken over: its documents and checkpoint stay as the new holder left them', async () => {
    const formerHolder = runner(() => 1);
    await formerHolder.waitUntilCaughtUp();
    await formerHolder.stop();
    const newHolder = runner(() => 2);
    await appendHistory(stores.eventStore, interleave(sampleHistories().map((history, i) => asComplaint(`later-${i}`, history))));
    await newHolder.waitUntilCaughtUp();
    await newHolder.stop();
    const before = await stored();
    expect(before.checkpoint).toMatchObject({ leaseToken: 2 });

    // The former holder carries on as if it still held the lease, and meets new events.
    const refusals: unknown[] = [];
    runner(() => 1, (_name, error) => refusals.push(error));
    await appendHistory(stores.eventStore, interleave(sampleHistories().map((history, i) => asComplaint(`stale-${i}`, history))));
    await eventually(() => refusals.length > 0);

    expect(refusals[0]).toBeInstanceOf(LeaseLostError);
    expect(await stored()).toEqual(before);
  });

  it('writes nothing while the lease is not held', async () => {
    const refusals: unknown[] = [];
    runner(() => null, (_name, error) => refusals.push(error));
    await eventually(() => refusals.length > 0);
    expect(refusals[0]).toBeInstanceOf(LeaseLostError);
    expect(await stored()).toEqual({ complaints: [], checkpoint: null });
  });
});

describe('Projectors sharing a read store', () => {
  let stores: TempStores;
  const running: Projector[] = [];
  const projector = (holder: string, ttlMs = 150) => {
    const lease = new ProjectorLease(stores.readStore, { holder, ttlMs });
    const p = new Projector(createProjections(testOrganisation), stores.eventStore, stores.readStore, { lease, batchSize: 4 });
    running.push(p);
    return { projector: p, lease };
  };

  beforeEach(async () => {
    stores = await openTempStores();
    await appendHistory(stores.eventStore, interleave(sampleHistories()));
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((p) => p.stop()));
    await stores.cleanup();
  });

  it('lets only the lease holder write; the other stands by and refuses to rebuild', async () => {
    // A lease far longer than the test: a loaded machine cannot let it lapse mid-way.
    const { projector: first } = projector('first', 60_000);
    first.start();
    await eventually(() => first.leaseState === 'held');
    const { projector: second, lease: secondLease } = projector('second', 60_000);
    const attempts = jest.spyOn(secondLease, 'tryAcquire');
    second.start();
    await caughtUp(first, stores.eventStore);
    await eventually(() => attempts.mock.results.length > 0);
    await expect(attempts.mock.results[0].value).resolves.toBe(false);

    expect(second.leaseState).toBe('standby');
    expect(second.status().every((s) => !s.running && s.position === null)).toBe(true);
    await expect(second.rebuild()).rejects.toBeInstanceOf(LeaseNotHeldError);
  });

  it('takes over when the holder stops, and carries on from the stored checkpoints', async () => {
    const { projector: first } = projector('first');
    first.start();
    await caughtUp(first, stores.eventStore);
    const { projector: second } = projector('second');
    second.start();

    await first.stop();
    await eventually(() => second.leaseState === 'held');
    await appendHistory(stores.eventStore, interleave(sampleHistories().map((history, i) => asComplaint(`later-${i}`, history))));
    await caughtUp(second, stores.eventStore);

    const complaints = await stores.readStore.collection(COMPLAINTS_COLLECTION).countDocuments();
    expect(complaints).toBe(2 * sampleHistories().length);
  });
});
