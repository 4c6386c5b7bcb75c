import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Actor, OrganisationTree } from '@lacak/domain';
import { SqliteEventStore } from '@lacak/event-store';
import { ComplaintCommandService } from '../complaint-command.service';
import { CommandRefusedError } from '../errors';
import { ExternalSync } from './external-sync';

const tree = new OrganisationTree([
  { id: 'national', name: 'Nasional', kind: 'national', parentId: null },
  { id: 'agency-x', name: 'Dinas X', kind: 'regional_agency', parentId: 'national' },
]);
const reporter: Actor = { id: 'reporter-1', role: 'reporter', agencyId: null };
const admin: Actor = { id: 'admin-1', role: 'national_admin', agencyId: 'national' };
const complaintId = 'complaint-1';
const observation = {
  complaintId,
  system: 'sp4n-lapor',
  externalId: '5010653',
  statusCode: '0',
  statusName: 'Belum Terverifikasi',
  mappedStatus: 'SUBMITTED',
  mappingVersion: 'v1',
  followUpCount: 0,
  latestFollowUpAt: null,
} as const;

describe('ExternalSync', () => {
  let dir: string;
  let eventStore: SqliteEventStore;
  let commands: ComplaintCommandService;
  let sync: ExternalSync;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lacak-external-sync-'));
    eventStore = SqliteEventStore.open({ file: join(dir, 'events.db') });
    commands = new ComplaintCommandService(eventStore, tree);
    sync = new ExternalSync(eventStore, commands, { now: () => new Date('2026-12-01T03:00:00.000Z') });
    await commands.execute(
      {
        type: 'SubmitComplaint',
        data: { complaintId, trackingId: 'LPR-000000000001', title: 'Puskesmas tutup', description: 'Tutup saat jam layanan.', channel: 'web', targetAgencyId: 'agency-x', reporterRef: 'ref-1' },
        actor: reporter,
        at: '2026-12-01T02:00:00.000Z',
      },
      { commandId: 'submit', correlationId: 'test' },
    );
  });
  afterEach(async () => {
    await eventStore.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const types = async () => (await eventStore.readStream(`complaint-${complaintId}`)).map((e) => e.type);

  it('tells a push the complaint’s words and flags as verification left them, and nothing of its reporter', async () => {
    await commands.execute(
      {
        type: 'VerifyComplaint',
        data: { complaintId, classification: 'pengaduan', category: 'kesehatan', slaClass: 'ordinary', anonymous: false, confidential: true },
        actor: admin,
        at: '2026-12-01T02:30:00.000Z',
      },
      { commandId: 'verify', correlationId: 'test' },
    );
    const pushed = await sync.complaintToPush(complaintId, 'sp4n-lapor');
    expect(pushed).toMatchObject({ title: 'Puskesmas tutup', confidential: true, anonymous: false, targetAgencyId: 'agency-x', externalId: null, status: 'VERIFIED' });
    expect(JSON.stringify(pushed)).not.toContain('ref-1');
    expect(await sync.complaintToPush('unknown', 'sp4n-lapor')).toBeNull();
  });

  it('records the reference once: a repeat is done already, another id is refused', async () => {
    const reference = { complaintId, system: 'sp4n-lapor', externalId: '5010653', agencyId: 'agency-x' } as const;
    await sync.recordReference(reference);
    await sync.recordReference(reference);
    expect((await types()).filter((t) => t === 'ExternalReferenceRecorded')).toHaveLength(1);
    expect((await sync.complaintToPush(complaintId, 'sp4n-lapor'))?.externalId).toBe('5010653');
    await expect(sync.recordReference({ ...reference, externalId: '999' })).rejects.toBeInstanceOf(CommandRefusedError);
  });

  it('records an observation only when something changed', async () => {
    await sync.recordReference({ complaintId, system: 'sp4n-lapor', externalId: '5010653', agencyId: 'agency-x' });
    expect(await sync.recordObservation(observation)).toBe(true);
    expect(await sync.recordObservation(observation)).toBe(false);
    expect(await sync.recordObservation({ ...observation, statusName: 'Dalam Proses', mappedStatus: 'IN_PROGRESS' })).toBe(true);
    expect((await types()).filter((t) => t === 'ExternalStatusObserved')).toHaveLength(2);
  });
});
