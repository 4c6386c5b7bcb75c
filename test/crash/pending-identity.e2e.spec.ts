import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { complaintStreamId } from '@lacak/application';
import { REPORTER_IDENTITY_STORE, type ReporterIdentityStore } from '@lacak/reporter-identity';
import { AGENCY, aSubmission } from '../support/http-steps';
import { orphanedIdentities } from '../support/identity-files';
import { TestApp } from '../support/test-app';

const FAR_FUTURE = '9999-01-01T00:00:00.000Z';
const never = () => new Promise<never>(() => undefined);

describe('A crash between storing a reporter identity and its complaint', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lacak-pending-'));
  let restarted: TestApp | undefined;
  afterAll(() => restarted?.stop());

  it('leaves, once the restarted API has swept, no identity without its complaint and every complaint with its identity', async () => {
    const crashing = await TestApp.start({ DATA_DIR: dataDir });
    const identities = crashing.app.get<ReporterIdentityStore>(REPORTER_IDENTITY_STORE);
    const token = await crashing.token('reporter', null, 'reporter-crash');
    const submit = (name: string) => void crashing.request('POST', '/complaints', { token, body: aSubmission({ targetAgencyId: AGENCY, reporter: { name } }) });

    // Killed before the event: the store never answers the submission's append.
    const append = jest.spyOn(crashing.eventStore, 'appendToStream').mockImplementationOnce(never);
    submit('Yanti');
    const [lost] = await crashing.eventually(() => identities.pendingBefore(FAR_FUTURE), (pending) => pending.length === 1, 5000);
    expect(append).toHaveBeenCalledTimes(1);

    // Killed after the event, before the identity was confirmed.
    jest.spyOn(identities, 'confirm').mockImplementation(never);
    submit('Bayu');
    const submitted = await crashing.eventually(() => crashing.allEvents(), (events) => events.some((e) => e.type === 'ComplaintSubmitted'), 5000);
    const kept = submitted.find((e) => e.type === 'ComplaintSubmitted')!;
    expect((await identities.pendingBefore(FAR_FUTURE)).map((p) => p.reporterRef).sort()).toEqual([lost.reporterRef, kept.data.reporterRef].sort());
    expect(orphanedIdentities(dataDir, submitted)).toEqual([lost.reporterRef]);
    await crashing.app.close();

    // The restart, past the pending timeout: the sweep at start settles both.
    const later = { now: () => new Date(Date.now() + 10 * 60_000) };
    restarted = await TestApp.start({ DATA_DIR: dataDir, PENDING_IDENTITY_TIMEOUT_MS: '300000' }, { clock: later });
    const store = restarted.app.get<ReporterIdentityStore>(REPORTER_IDENTITY_STORE);
    expect(await store.pendingBefore(FAR_FUTURE)).toEqual([]);
    expect(orphanedIdentities(dataDir, await restarted.allEvents())).toEqual([]);
    expect(await store.find(lost.reporterRef)).toBeNull();
    await expect(restarted.eventStore.readStream(complaintStreamId(lost.complaintId))).rejects.toThrow();

    const admin = await restarted.token('national_admin', 'national');
    const read = await restarted.request('GET', `/complaints/${kept.data.complaintId}/reporter-identity?reason=${encodeURIComponent('Konfirmasi data pelapor')}`, { token: admin });
    expect({ status: read.status, body: read.body }).toEqual({ status: 200, body: { name: 'Bayu' } });
  });
});
