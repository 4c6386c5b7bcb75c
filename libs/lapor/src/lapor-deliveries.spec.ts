import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ComplaintCommandService, type DeliveryRecord, ExternalSync, type PlannedDelivery, deliveryIdFor } from '@lacak/application';
import { type Actor, OrganisationTree, type SubmitComplaint } from '@lacak/domain';
import { SqliteEventStore } from '@lacak/event-store';
import { LaporDeliveryChannel, LaporDeliverySource, httpLaporGateways } from './lapor-deliveries';
import { parseLaporSettings, type LaporSettings } from './lapor-settings';
import { FakeLaporServer } from './testing/fake-lapor-server';

const tree = new OrganisationTree([
  { id: 'national', name: 'Nasional', kind: 'national', parentId: null },
  { id: 'prov', name: 'Pemerintah Provinsi P', kind: 'province', parentId: 'national' },
  { id: 'kota', name: 'Pemerintah Kota K', kind: 'city', parentId: 'prov' },
  { id: 'dinkes-kota', name: 'Dinas Kesehatan Kota K', kind: 'regional_agency', parentId: 'kota' },
  { id: 'other', name: 'Provinsi Lain', kind: 'province', parentId: 'national' },
]);
const credentials = { authHeader: 'auth', secret: 'secret-for-tests', token: '{0E4B2C59-1A7D-4B53-9F4C-2D9A6E1B7C30}' };
const reporter: Actor = { id: 'reporter-1', role: 'reporter', agencyId: null };
const officer: Actor = { id: 'officer-1', role: 'agency_admin', agencyId: 'prov' };

describe('Pushing complaints to LAPOR! through the outbox', () => {
  const fake = new FakeLaporServer(credentials);
  let dir: string;
  let eventStore: SqliteEventStore;
  let commands: ComplaintCommandService;
  let sync: ExternalSync;
  let settings: LaporSettings;
  let source: LaporDeliverySource;
  let channel: LaporDeliveryChannel;
  let sequence = 0;

  beforeAll(async () => {
    const baseUrl = await fake.start();
    settings = parseLaporSettings({
      agencies: { prov: { baseUrl, ...credentials, pushComplaints: true, institutionId: 151345, userId: 77 } },
      institutions: { kota: 12838 },
      // Long enough for a slow machine, short enough for the scripted hangs.
      requestTimeoutMs: 1500,
    });
  });
  afterAll(() => fake.stop());

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lacak-lapor-'));
    eventStore = SqliteEventStore.open({ file: join(dir, 'events.db') });
    commands = new ComplaintCommandService(eventStore, tree);
    sync = new ExternalSync(eventStore, commands, { now: () => new Date('2026-12-01T03:00:00.000Z') });
    source = new LaporDeliverySource(settings, tree, sync);
    channel = new LaporDeliveryChannel(settings, tree, sync, httpLaporGateways);
  });
  afterEach(async () => {
    await eventStore.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function submitted(data: Partial<SubmitComplaint['data']> = {}): Promise<string> {
    const complaintId = `complaint-${++sequence}`;
    await commands.execute(
      {
        type: 'SubmitComplaint',
        data: { complaintId, trackingId: `LPR-00000000000${sequence}`, title: 'Puskesmas tutup', description: 'Tutup saat jam layanan.', channel: 'web', targetAgencyId: 'prov', ...data },
        actor: reporter,
        at: '2026-12-01T02:00:00.000Z',
      },
      { commandId: `submit-${complaintId}`, correlationId: 'test' },
    );
    return complaintId;
  }

  const eventsOf = (complaintId: string) => eventStore.readStream(`complaint-${complaintId}`);

  async function planned(complaintId: string): Promise<PlannedDelivery[]> {
    const plans = await Promise.all((await eventsOf(complaintId)).map((event) => source.plan(event)));
    return plans.flat();
  }

  const record = (plannedDelivery: PlannedDelivery): DeliveryRecord => ({
    ...plannedDelivery,
    _id: deliveryIdFor('event', plannedDelivery),
    eventId: 'event',
    eventType: 'ComplaintSubmitted',
    streamId: `complaint-${plannedDelivery.complaintId}`,
    position: '1',
    state: 'pending',
    attempts: [],
    nextAttemptAt: null,
    createdAt: '2026-12-01T02:00:00.000Z',
    settledAt: null,
  });
  const deliver = (plannedDelivery: PlannedDelivery) => channel.deliver(record(plannedDelivery), new AbortController().signal);
  const references = async (complaintId: string) => (await eventsOf(complaintId)).filter((e) => e.type === 'ExternalReferenceRecorded');

  describe('the source', () => {
    it('plans a create, ordered per complaint, for a complaint addressed below an agency that pushes', async () => {
      const complaintId = await submitted({ targetAgencyId: 'dinkes-kota' });
      expect(await planned(complaintId)).toEqual([
        { channel: 'lapor', target: 'lapor:prov', topic: 'lapor-create', complaintId, orderKey: `lapor:${complaintId}`, details: { agencyId: 'prov' } },
      ]);
    });

    it('plans nothing for complaints no pushing agency holds', async () => {
      expect(await planned(await submitted({ targetAgencyId: 'other' }))).toEqual([]);
      expect(await planned(await submitted({ targetAgencyId: null }))).toEqual([]);
    });
  });

  describe('the channel', () => {
    it('creates at the agency’s own institution and records LAPOR!’s id on the complaint, forwarding nothing when the agency holds it', async () => {
      const complaintId = await submitted({ targetAgencyId: 'prov' });
      const [create] = await planned(complaintId);
      const forwardsBefore = fake.callsTo('forward').length;
      expect(await deliver(create)).toEqual({ kind: 'delivered' });
      const [reference] = await references(complaintId);
      expect(reference.data).toMatchObject({ system: 'sp4n-lapor', agencyId: 'prov' });
      expect(fake.complaints.get(String(reference.data.externalId))?.dispositionId).toBe('151345');
      expect(fake.callsTo('forward')).toHaveLength(forwardsBefore);
    });

    it('forwards as bukan wewenang to the institution of the node holding it (or the nearest above)', async () => {
      const complaintId = await submitted({ targetAgencyId: 'dinkes-kota' });
      const [create] = await planned(complaintId);
      expect(await deliver(create)).toEqual({ kind: 'delivered' });
      const externalId = String((await references(complaintId))[0].data.externalId);
      expect(fake.callsTo('forward').at(-1)).toMatchObject({ path: `/complaints/process/${externalId}/reject`, body: { reason: '12838', not_authority: 1 } });
    });

    it('after a create that succeeded before a failed forward, the retry only forwards', async () => {
      const complaintId = await submitted({ targetAgencyId: 'dinkes-kota' });
      const [create] = await planned(complaintId);
      const creates = fake.callsTo('create').length;
      fake.failNext('forward', { status: 503 });
      expect(await deliver(create)).toEqual({ kind: 'failed', reason: 'lapor-forward-server-503', retryable: true });
      expect(await references(complaintId)).toHaveLength(1);
      expect(await deliver(create)).toEqual({ kind: 'delivered' });
      expect(fake.callsTo('create')).toHaveLength(creates + 1);
      const externalId = String((await references(complaintId))[0].data.externalId);
      expect(fake.complaints.get(externalId)?.dispositionId).toBe('12838');
    });

    it('does not forward again when LAPOR! already holds the forward a lost answer hid', async () => {
      const complaintId = await submitted({ targetAgencyId: 'dinkes-kota' });
      const [create] = await planned(complaintId);
      fake.failNext('forward', { hangAfterEffect: true });
      expect(await deliver(create)).toMatchObject({ kind: 'failed', reason: 'lapor-forward-timeout', retryable: true });
      const forwards = fake.callsTo('forward').length;
      expect(await deliver(create)).toEqual({ kind: 'delivered' });
      expect(fake.callsTo('forward')).toHaveLength(forwards);
    });

    it('never repeats a create that timed out: it may have happened, so an admin settles it from the dead-letter list', async () => {
      const complaintId = await submitted();
      const [create] = await planned(complaintId);
      fake.failNext('create', { hangAfterEffect: true });
      expect(await deliver(create)).toEqual({ kind: 'failed', reason: 'lapor-create-timeout-unconfirmed', retryable: false });
      expect(await references(complaintId)).toEqual([]);
    });

    it('retries a create refused with a 500 and gives up on a 4xx', async () => {
      const complaintId = await submitted();
      const [create] = await planned(complaintId);
      fake.failNext('create', { status: 500 });
      expect(await deliver(create)).toEqual({ kind: 'failed', reason: 'lapor-create-server-500', retryable: true });
      fake.failNext('create', { status: 422 });
      expect(await deliver(create)).toEqual({ kind: 'failed', reason: 'lapor-create-client-422', retryable: false });
    });

    it('sends a confidential complaint’s notice instead of its text', async () => {
      const complaintId = await submitted({ confidential: true, description: 'Kepala puskesmas meminta uang.' });
      const [create] = await planned(complaintId);
      await deliver(create);
      const call = fake.callsTo('create').at(-1)!;
      expect(call.raw).not.toContain('meminta uang');
      expect(call.body).toMatchObject({ is_secret: true, title: expect.stringContaining('LPR-') });
    });

    it('pushes a follow-up from the template, naming no officer’s words, once the create has recorded the id', async () => {
      const complaintId = await submitted({ targetAgencyId: 'prov' });
      const [create] = await planned(complaintId);
      const followUp: PlannedDelivery = {
        ...create,
        topic: 'lapor-follow-up',
        details: { agencyId: 'prov', followUpAgencyId: 'prov', followUpAt: '2026-12-03T02:00:00.000Z' },
      };
      expect(await deliver(followUp)).toEqual({ kind: 'failed', reason: 'lapor-reference-missing', retryable: true });
      await deliver(create);
      expect(await deliver(followUp)).toEqual({ kind: 'delivered' });
      const call = fake.callsTo('follow-up').at(-1)!;
      expect(call.body).toMatchObject({ institution_from_id: '151345', template_code: 'reply' });
      expect(call.body?.content).toContain('Pemerintah Provinsi P');
      expect(call.body?.content).toContain('2026-12-03');
      expect(call.raw).not.toContain('Tutup saat jam layanan');
    });

    it('skips a delivery for an agency that no longer pushes', async () => {
      const complaintId = await submitted();
      const [create] = await planned(complaintId);
      expect(await deliver({ ...create, details: { agencyId: 'other' } })).toEqual({ kind: 'skipped', reason: 'lapor-agency-not-pushing' });
    });
  });

  it('plans a follow-up when a follow-up is given', async () => {
    const complaintId = await submitted({ targetAgencyId: 'prov' });
    const admin: Actor = { id: 'admin', role: 'national_admin', agencyId: 'national' };
    const step = (type: string, data: object, actor: Actor) =>
      commands.execute({ type, data: { complaintId, ...data }, actor, at: '2026-12-02T02:00:00.000Z' } as never, { commandId: `${type}-${complaintId}`, correlationId: 't' });
    await step('VerifyComplaint', { classification: 'pengaduan', category: 'kesehatan', slaClass: 'ordinary', anonymous: false, confidential: false }, admin);
    await step('DisposeComplaint', { agencyId: 'prov', note: '-' }, admin);
    await step('AcceptDisposition', {}, officer);
    await step('RespondToComplaint', { followUp: 'Sudah kami tangani.' }, officer);
    expect((await planned(complaintId)).map((p) => [p.topic, p.details])).toEqual([
      ['lapor-create', { agencyId: 'prov' }],
      ['lapor-follow-up', { agencyId: 'prov', followUpAgencyId: 'prov', followUpAt: '2026-12-02T02:00:00.000Z' }],
    ]);
  });
});
