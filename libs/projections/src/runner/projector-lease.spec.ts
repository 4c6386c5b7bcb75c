import { eventually } from '@lacak/testing';
import { testOrganisation } from '@lacak/domain/testing';
import { COMPLAINTS_COLLECTION } from '../complaints/complaint-document';
import { appendHistory, asComplaint, interleave, sampleHistories } from '../testing/complaint-history';
import { caughtUp } from '../testing/projector-harness';
import { type TempStores, openTempStores } from '../testing/stores';
import { LeaseNotHeldError, Projector, createProjections } from './projector';
import { ProjectorLease } from './projector-lease';

describe('ProjectorLease', () => {
  let stores: TempStores;
  beforeEach(async () => (stores = await openTempStores()));
  afterEach(() => stores.cleanup());

  it('is taken by one holder at a time, renewed by its holder, and free again once expired', async () => {
    let now = 1_000;
    const a = new ProjectorLease(stores.readStore, { holder: 'a', ttlMs: 100, now: () => now });
    const b = new ProjectorLease(stores.readStore, { holder: 'b', ttlMs: 100, now: () => now });

    expect(await a.tryAcquire()).toBe(true);
    expect(await b.tryAcquire()).toBe(false);
    now += 90;
    expect(await a.tryAcquire()).toBe(true);
    now += 90;
    expect(await b.tryAcquire()).toBe(false);
    now += 20;
    expect(await b.tryAcquire()).toBe(true);
    expect(await a.tryAcquire()).toBe(false);
    expect(await a.current()).toMatchObject({ holder: 'b', expiresAt: now + 100 });
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
