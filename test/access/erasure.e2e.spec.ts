/**
 * Erasing a reporter's identity (crypto-shredding): afterwards every role that could read it gets
 * 410, no file of the identity store holds it (nor the reporter's key), the history records the
 * erasure, and a full rebuild of the read models gives back the same complaint.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ActorRole } from '@lacak/domain';
import type { HttpResponse, TestApp } from '../support/test-app';
import { HOLDER, OTHER_HOLDER, OWNER, complaintAt } from '../support/complaint-stages';
import {
  asJson,
  canaryIdentity,
  markersIn,
  projectionsCaughtUp,
  startAccessApp,
} from './access-support';

const IDENTITY_FILES = ['reporter-identities.db', 'reporter-keys.db'];
const REASON = 'Konfirmasi data pelapor';
const ERASE_REASON = 'Permintaan penghapusan oleh pelapor (UU PDP)';

/** Everyone who may read a normal complaint's reporter once it is disposed to HOLDER. */
const READERS: { label: string; role: ActorRole; agencyId: string | null; id?: string }[] = [
  { label: 'national admin', role: 'national_admin', agencyId: 'national' },
  { label: 'provincial auditor', role: 'auditor', agencyId: 'id-32' },
  { label: 'agency admin of the assignee', role: 'agency_admin', agencyId: HOLDER },
  { label: 'unit officer of the assignee', role: 'unit_officer', agencyId: HOLDER },
  { label: 'agency admin of the province', role: 'agency_admin', agencyId: 'id-32' },
  { label: 'the reporter', role: 'reporter', agencyId: null, id: OWNER },
];
/** Those who never see the complaint: out of scope before and after. */
const OUTSIDERS: { label: string; role: ActorRole; agencyId: string | null; id?: string }[] = [
  { label: 'agency admin of another province', role: 'agency_admin', agencyId: OTHER_HOLDER },
  { label: 'auditor of another province', role: 'auditor', agencyId: 'id-33' },
  { label: 'another reporter', role: 'reporter', agencyId: null, id: 'reporter-stranger' },
];

describe('Erasing a reporter identity', () => {
  let t: TestApp;
  let admin: string;
  const erased = canaryIdentity();
  const kept = canaryIdentity();
  let complaintId: string;
  let keptId: string;
  let reporterRef: string;
  let keptRef: string;
  let detailBefore: HttpResponse;

  const token = (v: { role: ActorRole; agencyId: string | null; id?: string }) => t.token(v.role, v.agencyId, v.id ?? `${v.role}-${v.agencyId}`);
  const readIdentity = async (id: string, v: { role: ActorRole; agencyId: string | null; id?: string }) =>
    t.request('GET', `/complaints/${id}/reporter-identity?reason=${encodeURIComponent(REASON)}`, { token: await token(v) });
  /** The identity store's files as they are on disk, write-ahead logs included. */
  const identityFiles = () =>
    IDENTITY_FILES.flatMap((f) => [f, `${f}-wal`])
      .map((f) => join(t.config.dataDir, f))
      .filter(existsSync)
      .map((path) => ({ path, text: readFileSync(path).toString('latin1') }));

  beforeAll(async () => {
    t = await startAccessApp();
    admin = await t.token('national_admin', 'national');
    const fixture = await complaintAt(t, 'RESPONDED', { identity: erased.identity });
    complaintId = fixture.id;
    keptId = (await complaintAt(t, 'DISPOSED', { identity: kept.identity, reporterId: 'reporter-kept' })).id;
    const submitted = (await t.eventStore.readStream(`complaint-${complaintId}`))[0];
    reporterRef = String(submitted.data.reporterRef);
    keptRef = String((await t.eventStore.readStream(`complaint-${keptId}`))[0].data.reporterRef);
    await projectionsCaughtUp(t);
    detailBefore = await t.request('GET', `/complaints/${complaintId}`, { token: admin });
  });
  afterAll(() => t?.stop());

  it('lets every reader see the identity before, and the files hold it only sealed', async () => {
    for (const reader of READERS) {
      const response = await readIdentity(complaintId, reader);
      expect({ reader: reader.label, status: response.status, markers: markersIn(asJson(response.body), erased.markers) }).toEqual({
        reader: reader.label,
        status: 200,
        markers: erased.markers,
      });
    }
    for (const outsider of OUTSIDERS) expect({ who: outsider.label, status: (await readIdentity(complaintId, outsider)).status }).toEqual({ who: outsider.label, status: 404 });

    const files = identityFiles();
    expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(IDENTITY_FILES.map((f) => join(t.config.dataDir, f))));
    // Control: the raw files do hold the reporter's rows (under the reference), so the scan reads them.
    expect(files.filter((f) => f.text.includes(reporterRef)).map((f) => f.path.split('/').pop()?.replace(/-wal$/, ''))).toEqual(
      expect.arrayContaining(IDENTITY_FILES),
    );
    expect(files.flatMap((f) => markersIn(f.text, erased.markers))).toEqual([]);
  });

  it('is for the national admin alone, with a reason', async () => {
    const body = { reason: ERASE_REASON };
    for (const v of [...READERS.filter((r) => r.role !== 'national_admin'), { role: 'apip_inspector' as const, agencyId: 'id-32' }, { role: 'system' as const, agencyId: null }]) {
      const response = await t.request('POST', `/complaints/${complaintId}/reporter-identity/erase`, { token: await token(v), body });
      expect({ role: v.role, status: response.status }).toEqual({ role: v.role, status: 403 });
    }
    expect((await t.request('POST', `/complaints/${complaintId}/reporter-identity/erase`, { token: admin, body: {} })).status).toBe(400);
    expect((await readIdentity(complaintId, READERS[0])).status).toBe(200);
  });

  it('answers 204, then 410 to every role that could read the identity, and still 404 outside the scope', async () => {
    const response = await t.request('POST', `/complaints/${complaintId}/reporter-identity/erase`, { token: admin, body: { reason: ERASE_REASON } });
    expect(response.status).toBe(204);

    for (const reader of READERS) {
      const after = await readIdentity(complaintId, reader);
      expect({ reader: reader.label, status: after.status, code: after.body.code }).toEqual({ reader: reader.label, status: 410, code: 'IDENTITY_ERASED' });
      expect(markersIn(asJson(after.body), erased.markers)).toEqual([]);
    }
    for (const outsider of OUTSIDERS) expect({ who: outsider.label, status: (await readIdentity(complaintId, outsider)).status }).toEqual({ who: outsider.label, status: 404 });
    // Only that reporter: another complaint's identity is still there.
    const other = await readIdentity(keptId, READERS[0]);
    expect(other.status).toBe(200);
    expect(markersIn(asJson(other.body), kept.markers)).toEqual(kept.markers);
  });

  it('leaves neither the identity nor the reporter key in the raw SQLite files', () => {
    const files = identityFiles();
    expect(files.length).toBeGreaterThanOrEqual(IDENTITY_FILES.length);
    expect(files.map((f) => ({ file: f.path, markers: markersIn(f.text, erased.markers) })).filter((f) => f.markers.length > 0)).toEqual([]);
    // The key is shredded: its row is gone from the key file and its write-ahead log, zeroed, not just unlinked.
    expect(files.filter((f) => f.path.includes('reporter-keys.db') && f.text.includes(reporterRef)).map((f) => f.path)).toEqual([]);
    // The other reporter's key is still there, so the scan reads the key file.
    expect(files.some((f) => f.path.includes('reporter-keys.db') && f.text.includes(keptRef))).toBe(true);
  });

  it('shows ReporterIdentityErased in the complaint history, with who and why', async () => {
    const history = await t.eventually(
      () => t.request('GET', `/complaints/${complaintId}/history`, { token: admin }),
      (r) => r.status === 200 && r.body.some((e: { type: string }) => e.type === 'ReporterIdentityErased'),
    );
    const entry = history.body.find((e: { type: string }) => e.type === 'ReporterIdentityErased');
    expect(entry).toMatchObject({
      complaintId,
      actor: { role: 'national_admin', agencyId: 'national' },
      summary: `Reporter identity erased: ${ERASE_REASON}`,
      summaryInIndonesian: `Identitas pelapor dihapus: ${ERASE_REASON}`,
    });
    expect(markersIn(asJson(history.body), erased.markers)).toEqual([]);
  });

  it('survives a full projection rebuild with the same detail document', async () => {
    await projectionsCaughtUp(t);
    const historyBefore = await t.request('GET', `/complaints/${complaintId}/history`, { token: admin });
    const current = await t.request('GET', `/complaints/${complaintId}`, { token: admin });
    // Erasing touches no complaint event: the detail is the one from before, but for saying the identity is gone.
    const erasedDetail = { ...detailBefore.body, hasReporterIdentity: false };
    expect(current.body).toEqual(erasedDetail);

    const rebuild = await t.request('POST', '/admin/projections/rebuild', { token: admin, body: {} });
    expect(rebuild.status).toBe(202);
    expect(rebuild.body.map((p: { name: string }) => p.name).sort()).toEqual(['agency-stats', 'audit-events', 'audit-trail', 'complaints', 'evaluations', 'monev-snapshots']);

    const again = await t.eventually(
      () => t.request('GET', `/complaints/${complaintId}`, { token: admin }),
      (r) => r.status === 200 && r.body.revision === detailBefore.body.revision && r.body.hasReporterIdentity === false,
      10_000,
    );
    expect(again.body).toEqual(erasedDetail);
    expect(again.headers.etag).toBe(detailBefore.headers.etag);

    await projectionsCaughtUp(t);
    expect((await t.request('GET', `/complaints/${complaintId}/history`, { token: admin })).body).toEqual(historyBefore.body);
    for (const reader of READERS) expect((await readIdentity(complaintId, reader)).status).toBe(410);
  });
});
