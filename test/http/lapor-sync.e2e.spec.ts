import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeLaporServer, type RecordedLaporCall } from '@lacak/lapor/testing';
import { canaryIdentity, markersIn } from '../access/access-support';
import { complaintAt } from '../support/complaint-stages';
import { TestApp } from '../support/test-app';

const credentials = { authHeader: 'auth', secret: 'lapor-e2e-secret', token: '{6F1C2A3B-4D5E-4F60-8A7B-9C0D1E2F3A4B}' };
/** The province pushes; the regency above the agency holding the complaint (complaintAt's HOLDER) is a LAPOR! institution of its own. */
const PUSHING_AGENCY = 'id-32';
const OWN_INSTITUTION = '151345';
const HOLDER_INSTITUTION = '12838';

describe('SP4N-LAPOR! sync', () => {
  const fake = new FakeLaporServer(credentials);
  let dir: string;
  let t: TestApp;

  beforeAll(async () => {
    const baseUrl = await fake.start();
    dir = mkdtempSync(join(tmpdir(), 'lacak-lapor-e2e-'));
    const agenciesFile = join(dir, 'lapor-agencies.json');
    writeFileSync(
      agenciesFile,
      JSON.stringify({
        agencies: { [PUSHING_AGENCY]: { baseUrl, ...credentials, pushComplaints: true, institutionId: OWN_INSTITUTION, userId: 77 } },
        institutions: { 'id-32.01': HOLDER_INSTITUTION },
        requestTimeoutMs: 2000,
        poll: { minIntervalMs: 50, maxIntervalMs: 200 },
      }),
    );
    t = await TestApp.start({
      LAPOR_AGENCIES_FILE: agenciesFile,
      LAPOR_POLL_INTERVAL_MS: '20',
      DELIVERY_RETRY_BASE_MS: '10',
      DELIVERY_RETRY_MAX_MS: '50',
      DELIVERY_POLL_INTERVAL_MS: '20',
    });
  });
  afterAll(async () => {
    await t?.stop();
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const writes = (externalId: string, trackingId: string) =>
    fake.calls.filter(
      (call) =>
        (call.path === '/complaints/complaint' && call.body?.tags_raw === `#${trackingId}`) ||
        call.path === `/complaints/process/${externalId}/reject` ||
        (call.path === '/complaints/followup/add' && call.body?.complaint_id === externalId),
    );
  const step = (call: RecordedLaporCall) => (call.path.endsWith('/reject') ? 'forward' : call.path.endsWith('/add') ? 'follow-up' : 'create');
  const complaintEvents = async (id: string, type: string) => (await t.eventStore.readStream(`complaint-${id}`)).filter((e) => e.type === type);

  it('creates, forwards as bukan wewenang (again after a failed forward, never creating twice), pushes the follow-up, and tells LAPOR! nothing about the reporter', async () => {
    const { identity, markers } = canaryIdentity();
    fake.failNext('forward', { status: 503 });
    const complaint = await complaintAt(t, 'RESPONDED', { identity });

    const [reference] = await t.eventually(
      () => complaintEvents(complaint.id, 'ExternalReferenceRecorded'),
      (found) => found.length === 1,
    );
    const externalId = String(reference.data.externalId);
    const calls = await t.eventually(
      async () => writes(externalId, complaint.trackingId),
      (found) => found.some((call) => step(call) === 'follow-up'),
      15_000,
    );

    expect(calls.map(step)).toEqual(['create', 'forward', 'forward', 'follow-up']);
    expect(calls[0].body).toMatchObject({ disposition_id: OWN_INSTITUTION, is_new_user_slider: false, title: 'Pelayanan puskesmas lambat' });
    expect(calls[1].body).toEqual(calls[2].body);
    expect(calls[2].body).toMatchObject({ reason: HOLDER_INSTITUTION, not_authority: 1 });
    expect(fake.complaints.get(externalId)?.dispositionId).toBe(HOLDER_INSTITUTION);
    expect(calls[3].body).toMatchObject({ institution_from_id: OWN_INSTITUTION, institution_to_id: HOLDER_INSTITUTION });
    expect(calls[3].body?.content).toContain(complaint.trackingId);
    // The officer's own words stay here.
    expect(calls[3].raw).not.toContain('Jadwal layanan ditambah');
    expect(reference.data).toMatchObject({ system: 'sp4n-lapor', agencyId: PUSHING_AGENCY });

    for (const call of fake.calls) {
      const seen = `${call.raw} ${JSON.stringify(call.headers)} ${call.path}`;
      expect(markersIn(seen, markers)).toEqual([]);
      for (const value of Object.values(identity)) expect(seen).not.toContain(value);
    }
  });

  it('records what LAPOR! shows once it changes, mapped to our statuses, on the complaint’s detail and history', async () => {
    const complaint = await complaintAt(t, 'SUBMITTED');
    const [reference] = await t.eventually(
      () => complaintEvents(complaint.id, 'ExternalReferenceRecorded'),
      (found) => found.length === 1,
    );
    const externalId = String(reference.data.externalId);
    await t.eventually(
      () => complaintEvents(complaint.id, 'ExternalStatusObserved'),
      (found) => found.length === 1,
    );

    fake.setStatus(externalId, 'Dalam Proses', '2');
    fake.addAgencyFollowUp(externalId, 'Sedang ditangani oleh dinas.', '03-12-2026 09:00:00');
    const observed = await t.eventually(
      () => complaintEvents(complaint.id, 'ExternalStatusObserved'),
      (found) => found.length === 2,
      10_000,
    );
    expect(observed[1].data).toMatchObject({
      externalId,
      statusName: 'Dalam Proses',
      mappedStatus: 'IN_PROGRESS',
      followUpCount: 1,
      latestFollowUpAt: '2026-12-03T02:00:00.000Z',
      mappingVersion: expect.any(String),
    });

    const admin = await t.token('national_admin', 'national');
    const detail = await t.eventually(
      () => t.request('GET', `/complaints/${complaint.id}`, { token: admin }),
      (response) => response.body.externalSync?.[0]?.observed?.statusName === 'Dalam Proses',
    );
    // An observation: our lifecycle stays where it was.
    expect(detail.body).toMatchObject({ status: 'SUBMITTED', externalSync: [{ system: 'sp4n-lapor', externalId, agencyId: PUSHING_AGENCY }] });
    const history = await t.eventually(
      () => t.request('GET', `/complaints/${complaint.id}/history`, { token: admin }),
      (response) => JSON.stringify(response.body).includes('Dalam Proses'),
    );
    expect(history.status).toBe(200);

    const metrics = await t.request('GET', '/metrics', { token: await t.token('system') });
    expect(String(metrics.body)).toMatch(/lacak_external_status_checks_total\{system="sp4n-lapor",outcome="changed"\} [1-9]/);
  });
});
