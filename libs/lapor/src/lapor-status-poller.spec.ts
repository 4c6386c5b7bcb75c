import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ComplaintCommandService, ExternalSync } from '@lacak/application';
import { OrganisationTree } from '@lacak/domain';
import { SqliteEventStore } from '@lacak/event-store';
import { SqliteReadStore } from '@lacak/read-store';
import { HttpLaporGateway } from './http-lapor-gateway';
import { LAPOR_POLLS_COLLECTION, type LaporPollDocument, LaporPollSchedule, LaporStatusPoller } from './lapor-status-poller';
import { parseLaporSettings, type LaporSettings } from './lapor-settings';
import { LAPOR_STATUS_MAPPING } from './status-mapping';
import { FakeLaporServer } from './testing/fake-lapor-server';

const tree = new OrganisationTree([
  { id: 'national', name: 'Nasional', kind: 'national', parentId: null },
  { id: 'prov', name: 'Pemerintah Provinsi P', kind: 'province', parentId: 'national' },
]);
const credentials = { authHeader: 'auth', secret: 'secret-for-tests', token: '{0E4B2C59-1A7D-4B53-9F4C-2D9A6E1B7C30}' };
const MINUTE = 60_000;
const complaintId = 'complaint-1';

describe('Polling LAPOR! for what it shows of the complaints pushed there', () => {
  const fake = new FakeLaporServer(credentials);
  let dir: string;
  let eventStore: SqliteEventStore;
  let readStore: SqliteReadStore;
  let settings: LaporSettings;
  let poller: LaporStatusPoller;
  let now: Date;
  let externalId: string;
  let errors: unknown[];

  beforeAll(async () => {
    const baseUrl = await fake.start();
    settings = parseLaporSettings({
      agencies: { prov: { baseUrl, ...credentials, pushComplaints: true, institutionId: 151345 } },
      poll: { minIntervalMs: 10 * MINUTE, maxIntervalMs: 60 * MINUTE },
      requestTimeoutMs: 2000,
    });
  });
  afterAll(() => fake.stop());

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lacak-lapor-poll-'));
    eventStore = SqliteEventStore.open({ file: join(dir, 'events.db') });
    readStore = SqliteReadStore.open({ file: join(dir, 'read.db') });
    now = new Date('2026-12-01T03:00:00.000Z');
    errors = [];
    const commands = new ComplaintCommandService(eventStore, tree);
    const sync = new ExternalSync(eventStore, commands, { now: () => now });
    await commands.execute(
      {
        type: 'SubmitComplaint',
        data: { complaintId, trackingId: 'LPR-000000000001', title: 'Jalan rusak', description: 'Berlubang.', channel: 'web', targetAgencyId: 'prov' },
        actor: { id: 'reporter-1', role: 'reporter', agencyId: null },
        at: now.toISOString(),
      },
      { commandId: 'submit', correlationId: 'test' },
    );
    externalId = (await new HttpLaporGateway(settings.agencies.get('prov')!, 2000).createComplaint({
      title: 'Jalan rusak', content: 'Berlubang.', isAnonymous: false, isSecret: false, dateOfIncident: null, trackingTag: '#LPR-000000000001',
    })).complaintId;
    await sync.recordReference({ complaintId, system: 'sp4n-lapor', externalId, agencyId: 'prov' });
    const schedule = new LaporPollSchedule(readStore);
    await schedule.add(complaintId, externalId, 'prov', now);
    poller = new LaporStatusPoller(settings, schedule, sync, { intervalMs: MINUTE, now: () => now, onError: (e) => errors.push(e) });
  });
  afterEach(async () => {
    await poller.stop();
    await eventStore.close();
    await readStore.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const observations = async () => (await eventStore.readStream(`complaint-${complaintId}`)).filter((e) => e.type === 'ExternalStatusObserved');
  const poll = async () => (await readStore.collection<LaporPollDocument>(LAPOR_POLLS_COLLECTION).findOne({ _id: complaintId }))!;
  const later = (minutes: number) => (now = new Date(now.getTime() + minutes * MINUTE));

  it('records the first observation, mapped through the versioned table', async () => {
    expect(await poller.tick()).toBe(1);
    expect((await observations()).map((e) => e.data)).toEqual([
      expect.objectContaining({
        externalId,
        statusName: 'Belum Terverifikasi',
        mappedStatus: 'SUBMITTED',
        mappingVersion: LAPOR_STATUS_MAPPING.version,
        followUpCount: 0,
        latestFollowUpAt: null,
      }),
    ]);
  });

  it('waits twice as long after each check that saw nothing new, up to the bound, and records nothing then', async () => {
    await poller.tick();
    const waits: number[] = [];
    for (let check = 0; check < 4; check++) {
      const { nextCheckAt } = await poll();
      waits.push((Date.parse(nextCheckAt) - now.getTime()) / MINUTE);
      now = new Date(nextCheckAt);
      expect(await poller.tick()).toBe(0);
    }
    expect(waits).toEqual([10, 20, 40, 60]);
    expect(await observations()).toHaveLength(1);
  });

  it('checks nobody before their time', async () => {
    await poller.tick();
    fake.setStatus(externalId, 'Dalam Proses', '2');
    later(5);
    expect(await poller.tick()).toBe(0);
  });

  it('records a change of status or a new follow-up and starts again from the shortest wait', async () => {
    await poller.tick();
    later(10);
    await poller.tick();
    fake.setStatus(externalId, 'Dalam Proses', '2');
    later(20);
    expect(await poller.tick()).toBe(1);
    fake.addAgencyFollowUp(externalId, 'Sudah diperbaiki', '02-12-2026 08:30:00');
    later(10);
    expect(await poller.tick()).toBe(1);
    expect((await observations()).slice(1).map((e) => [e.data.statusName, e.data.mappedStatus, e.data.followUpCount, e.data.latestFollowUpAt])).toEqual([
      ['Dalam Proses', 'IN_PROGRESS', 0, null],
      ['Dalam Proses', 'IN_PROGRESS', 1, '2026-12-02T01:30:00.000Z'],
    ]);
    expect(await poll()).toMatchObject({ unchangedChecks: 0, nextCheckAt: new Date(now.getTime() + 10 * MINUTE).toISOString() });
  });

  it('tries again after the shortest wait when LAPOR! fails', async () => {
    fake.failNext('status', { status: 502 });
    expect(await poller.tick()).toBe(0);
    expect(errors).toEqual([expect.objectContaining({ code: 'lapor-status-server-502' })]);
    expect(await poll()).toMatchObject({ nextCheckAt: new Date(now.getTime() + 10 * MINUTE).toISOString() });
    later(10);
    expect(await poller.tick()).toBe(1);
  });
});
