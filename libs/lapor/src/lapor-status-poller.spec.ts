import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ComplaintCommandService, ExternalSync } from '@lacak/application';
import { type ComplaintStatus, OrganisationTree } from '@lacak/domain';
import { COMPLAINTS_COLLECTION, type ComplaintDocument } from '@lacak/projections';
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

  it('waits twice as long after each failure in a row, as after a check that saw nothing new', async () => {
    fake.failNext('status', { status: 502 });
    expect(await poller.tick()).toBe(0);
    expect(errors).toEqual([expect.objectContaining({ code: 'lapor-status-server-502' })]);
    expect(await poll()).toMatchObject({ unchangedChecks: 1, nextCheckAt: new Date(now.getTime() + 20 * MINUTE).toISOString() });
    later(20);
    fake.failNext('status', { status: 502 });
    expect(await poller.tick()).toBe(0);
    expect(await poll()).toMatchObject({ unchangedChecks: 2, nextCheckAt: new Date(now.getTime() + 40 * MINUTE).toISOString() });
    later(40);
    expect(await poller.tick()).toBe(1);
    expect(await poll()).toMatchObject({ unchangedChecks: 0, nextCheckAt: new Date(now.getTime() + 10 * MINUTE).toISOString() });
  });

  it('stops reading a complaint once it is at an end both here and in LAPOR!', async () => {
    fake.setStatus(externalId, 'Selesai', '4');
    expect(await poller.tick()).toBe(1);
    // Closed there, still open here: LAPOR! may yet show more.
    expect(await poll()).toBeDefined();
    await new ComplaintCommandService(eventStore, tree).execute(
      {
        type: 'RejectComplaint',
        data: { complaintId, reasonCode: 'out_of_scope', reason: 'Bukan ranah pelayanan publik.' },
        actor: { id: 'admin-1', role: 'national_admin', agencyId: 'national' },
        at: now.toISOString(),
      },
      { commandId: 'reject', correlationId: 'test' },
    );
    later(10);
    expect(await poller.tick()).toBe(0);
    expect(await readStore.collection<LaporPollDocument>(LAPOR_POLLS_COLLECTION).findOne({ _id: complaintId })).toBeNull();
  });

  it('schedules at start only the referenced complaints without a schedule that are not settled on both sides', async () => {
    const complaints = readStore.collection<ComplaintDocument>(COMPLAINTS_COLLECTION);
    const synced = (id: string, status: ComplaintStatus, mappedStatus: ComplaintStatus | null) =>
      ({ _id: id, status, externalSync: [{ system: 'sp4n-lapor', externalId: `x-${id}`, agencyId: 'prov', recordedAt: now.toISOString(), observed: mappedStatus && { mappedStatus } }] }) as unknown as ComplaintDocument;
    // complaint-1 is scheduled already; 'lost' lost its schedule to a crash; 'settled' had its own removed.
    for (const document of [synced(complaintId, 'SUBMITTED', null), synced('lost', 'IN_PROGRESS', 'IN_PROGRESS'), synced('settled', 'CLOSED', 'CLOSED'), synced('closed-here', 'CLOSED', 'IN_PROGRESS')]) {
      await complaints.insertOne(document);
    }
    const schedule = new LaporPollSchedule(readStore);
    expect(await schedule.discover(now)).toBe(2);
    const ids = (await readStore.collection<LaporPollDocument>(LAPOR_POLLS_COLLECTION).find({})).map((p) => p._id).sort();
    expect(ids).toEqual(['closed-here', complaintId, 'lost'].sort());
  });
});
