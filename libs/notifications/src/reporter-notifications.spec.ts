import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtemp, mkdir, rm, writeFile, cp } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type DeliveryRecord, type PlannedDelivery, deliveryIdFor } from '@lacak/application';
import { type DeadlineContext, loadPolicyBook, loadWorkingDayCalendar } from '@lacak/deadlines';
import { type ComplaintEvent, complaintStreamId } from '@lacak/domain';
import { aComplaint, testOrganisation } from '@lacak/domain/testing';
import type { RecordedEvent } from '@lacak/event-store';
import { COMPLAINTS_COLLECTION } from '@lacak/projections';
import { type TempStores, appendHistory, asComplaint, openTempStores } from '@lacak/projections/testing';
import { SqliteReporterIdentityStore } from '@lacak/reporter-identity';
import { createTransport } from 'nodemailer';
import { EmailChannel } from './email-channel';
import { MessageValues, formatInstant } from './message-values';
import { ReporterMessages } from './reporter-message';
import { ReporterNotificationSource } from './reporter-notification-source';
import { ReporterReachFinder } from './reporter-reach';
import { SmsChannel } from './sms-channel';
import { NotificationTemplateError, NotificationTemplates } from './templates';

const TEMPLATES_DIR = resolve(__dirname, '../templates');
const policies = loadPolicyBook();
const deadlines: DeadlineContext = {
  policies,
  calendar: loadWorkingDayCalendar(),
  tree: testOrganisation,
  zoneOf: () => 'Asia/Makassar',
  policyFor: (version, submittedAt) => (version ? policies.byVersion(version) : policies.inForce(submittedAt)),
};

describe('Reporter notifications', () => {
  let stores: TempStores;
  let dir: string;
  let identities: SqliteReporterIdentityStore;
  let reach: ReporterReachFinder;
  let templates: NotificationTemplates;
  let messages: ReporterMessages;
  const source = (channels: ('email' | 'sms')[] = ['email', 'sms']) => new ReporterNotificationSource(reach, stores.readStore, channels);

  beforeEach(async () => {
    stores = await openTempStores();
    dir = await mkdtemp(join(tmpdir(), 'lacak-notify-'));
    identities = SqliteReporterIdentityStore.open({ identitiesFile: join(dir, 'identities.db'), keysFile: join(dir, 'keys.db'), masterKey: randomBytes(32) });
    reach = new ReporterReachFinder(stores.eventStore, identities);
    templates = NotificationTemplates.load(TEMPLATES_DIR);
    messages = new ReporterMessages(stores.eventStore, reach, new MessageValues(stores.eventStore, deadlines));
  });
  afterEach(async () => {
    await identities.close();
    await stores.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  /** Writes a complaint's history and returns its stored events. */
  async function given(complaintId: string, history: ComplaintEvent[]): Promise<RecordedEvent[]> {
    await appendHistory(stores.eventStore, asComplaint(complaintId, history));
    return stores.eventStore.readStream(complaintStreamId(complaintId));
  }
  const last = (events: RecordedEvent[]) => events[events.length - 1];
  const recordFor = (event: RecordedEvent, planned: PlannedDelivery): DeliveryRecord => ({
    ...planned,
    _id: deliveryIdFor(event.id, planned),
    eventId: event.id,
    eventType: event.type,
    streamId: event.streamId,
    position: event.position.toString(),
    state: 'pending',
    attempts: [],
    nextAttemptAt: null,
    createdAt: event.recordedAt,
    settledAt: null,
  });

  describe('planning', () => {
    it('plans one delivery per channel the reporter left a contact for, to reporter:<complaintId>, the template as topic, ordered per channel', async () => {
      await identities.save('ref-c1', { name: 'Siti Aminah', email: 'siti@example.id', phone: '+6281234567890' });
      const events = await given('c1', aComplaint().submitted({ reporterRef: 'ref-c1' }).events());

      const planned = await source().plan(events[0]);

      expect(planned).toEqual([
        { channel: 'email', target: 'reporter:c1', topic: 'complaint-received', complaintId: 'c1', orderKey: 'email:reporter:c1' },
        { channel: 'sms', target: 'reporter:c1', topic: 'complaint-received', complaintId: 'c1', orderKey: 'sms:reporter:c1' },
      ]);
      expect(JSON.stringify(planned)).not.toMatch(/siti|628123/i);
    });

    it('plans each event a reporter cares about under its topic, and nothing for the others', async () => {
      await identities.save('ref-c1', { email: 'siti@example.id' });
      const events = await given(
        'c1',
        aComplaint()
          .submitted({ reporterRef: 'ref-c1' })
          .verified()
          .disposedTo()
          .accepted()
          .clarificationRequested({ party: 'agency', partyAgencyId: 'agency-y', clarificationId: 'q-agency' })
          .clarificationAnswered('q-agency')
          .clarificationRequested()
          .clarificationAnswered()
          .responded()
          .closed()
          .events(),
      );

      const topics = [];
      for (const event of events) topics.push(...(await source(['email']).plan(event)).map((p) => `${event.type}:${p.topic}`));

      expect(topics).toEqual([
        'ComplaintSubmitted:complaint-received',
        'ComplaintVerified:complaint-verified',
        'ClarificationRequested:clarification-requested',
        'ComplaintResponded:follow-up-recorded',
        'ComplaintClosed:complaint-closed',
      ]);
    });

    it('plans only the channels this engine has configured', async () => {
      await identities.save('ref-c1', { email: 'siti@example.id', phone: '+6281234567890' });
      const events = await given('c1', aComplaint().submitted({ reporterRef: 'ref-c1' }).events());

      expect((await source(['sms']).plan(events[0])).map((p) => p.channel)).toEqual(['sms']);
    });

    it('plans nothing for an erased identity or a reporter who left no identity', async () => {
      await identities.save('ref-c1', { email: 'siti@example.id' });
      await identities.erase('ref-c1');
      const erased = await given('c1', aComplaint().submitted({ reporterRef: 'ref-c1' }).events());
      const none = await given('c2', aComplaint().submitted({ reporterRef: null }).events());

      expect(await source().plan(erased[0])).toEqual([]);
      expect(await source().plan(none[0])).toEqual([]);
    });

    it('reaches an anonymous reporter only through the contact they left for tracking', async () => {
      await identities.save('ref-c1', { name: 'Siti Aminah', email: 'siti@example.id', phone: '+6281234567890' });
      await identities.save('ref-c2', { name: 'Budi', email: 'budi@example.id', trackingContact: { phone: '+6289876543210' } });
      const withoutContact = await given('c1', aComplaint().submitted({ reporterRef: 'ref-c1', anonymous: true }).events());
      const withContact = await given('c2', aComplaint().submitted({ reporterRef: 'ref-c2' }).verified({ anonymous: true }).events());

      expect(await source().plan(withoutContact[0])).toEqual([]);
      expect((await source().plan(last(withContact))).map((p) => p.channel)).toEqual(['sms']);
    });

    it("tells a duplicate's reporter of its marking, then only that the case carrying it on was closed: never its follow-up", async () => {
      const { duplicate, later } = await aDuplicateOf(aComplaint().submitted({ reporterRef: 'ref-orig' }).verified());
      const [responded, closed] = later;

      expect(await source(['email']).plan(last(duplicate))).toEqual([
        { channel: 'email', target: 'reporter:dup', topic: 'complaint-marked-duplicate', complaintId: 'dup', orderKey: 'email:reporter:dup' },
      ]);
      expect((await source(['email']).plan(responded)).map((p) => [p.target, p.topic])).toEqual([['reporter:orig', 'follow-up-recorded']]);
      const onClose = await source(['email']).plan(closed);
      expect(onClose.map((p) => [p.target, p.topic, p.complaintId])).toEqual([
        ['reporter:orig', 'complaint-closed', 'orig'],
        ['reporter:dup', 'original-closed', 'orig'],
      ]);

      const message = await messages.resolve(recordFor(closed, onClose[1]), 'email');
      expect(message).toMatchObject({ address: 'ganda@example.id', values: { trackingId: 'LPR-orig', yourTrackingId: 'LPR-dup', status: 'Selesai' } });
      expect(Object.keys((message as { values: object }).values).sort()).toEqual(['status', 'trackingId', 'yourTrackingId']);
      const email = templates.email('original-closed', 'id', (message as { values: object }).values);
      expect(email).toEqual({
        subject: 'Laporan LPR-orig selesai',
        text: expect.stringContaining('Laporan LPR-orig, yang melanjutkan penanganan laporan Anda LPR-dup, telah ditutup.'),
      });
    });

    it("tells a duplicate's reporter nothing of a confidential case", async () => {
      const { later } = await aDuplicateOf(aComplaint().submitted({ reporterRef: 'ref-orig' }).verified({ confidential: true }));

      expect((await source(['email']).plan(last(later))).map((p) => p.target)).toEqual(['reporter:orig']);
    });

    /** An original (`orig`) with the history given, a duplicate (`dup`) marked of it, then the original responded and closed. */
    async function aDuplicateOf(original: ReturnType<typeof aComplaint>) {
      await identities.save('ref-orig', { email: 'asal@example.id' });
      await identities.save('ref-dup', { email: 'ganda@example.id' });
      await given('orig', original.events());
      const duplicate = await given('dup', aComplaint().submitted({ reporterRef: 'ref-dup' }).markedDuplicate({ originalComplaintId: 'orig' }).events());
      await stores.readStore.collection(COMPLAINTS_COLLECTION).insertOne({ _id: 'dup', duplicateOf: { originalComplaintId: 'orig', note: null, at: 'x' } });
      const later = await appendHistoryOf('orig', aComplaint().responded().closed().events());
      return { duplicate, later };
    }

    /** Appends events to an existing complaint and returns the ones appended. */
    async function appendHistoryOf(complaintId: string, history: ComplaintEvent[]): Promise<RecordedEvent[]> {
      const before = (await stores.eventStore.readStream(complaintStreamId(complaintId))).length;
      await appendHistory(stores.eventStore, asComplaint(complaintId, history));
      return (await stores.eventStore.readStream(complaintStreamId(complaintId))).slice(before);
    }
  });

  describe('rendering', () => {
    it('fills a rejection in Bahasa Indonesia by default: tracking id, status words, the reason', async () => {
      await identities.save('ref-c1', { email: 'siti@example.id' });
      const events = await given('c1', aComplaint().submitted({ reporterRef: 'ref-c1' }).rejected().events());
      const [planned] = await source(['email']).plan(last(events));
      const message = await messages.resolve(recordFor(last(events), planned), 'email');

      expect(message).toMatchObject({ address: 'siti@example.id', topic: 'complaint-rejected', language: 'id' });
      const email = templates.email('complaint-rejected', 'id', (message as { values: object }).values);
      expect(email.subject).toBe('Laporan LPR-c1 tidak dapat diproses');
      expect(email.text).toContain('Alasan: Perkara pidana, bukan pelayanan publik.');
      expect(email.text).toContain('Status: Bukan Wewenang.');
    });

    it("speaks the reporter's language when they chose one, and dates the answer's deadline in the agency's zone", async () => {
      await identities.save('ref-c1', { email: 'siti@example.id', trackingContact: { language: 'en' } });
      const events = await given('c1', aComplaint().submitted({ reporterRef: 'ref-c1', at: '2026-03-02T02:00:00.000Z' }).clarificationRequested({ at: '2026-03-02T03:00:00.000Z' }).events());
      const [planned] = await source(['email']).plan(last(events));
      const message = await messages.resolve(recordFor(last(events), planned), 'email');

      expect(message).toMatchObject({ language: 'en' });
      const email = templates.email('clarification-requested', 'en', (message as { values: object }).values);
      expect(email.subject).toBe('A question about report LPR-c1');
      expect(email.text).toContain('Di ruas jalan mana?');
      expect(email.text).toMatch(/before \d{1,2} \w+ 2026 at 23:59 WITA/);
    });

    it('sends nothing planned before the complaint was made anonymous to an identity address', async () => {
      await identities.save('ref-c1', { name: 'Siti Aminah', email: 'siti@example.id' });
      const [submitted] = await given('c1', aComplaint().submitted({ reporterRef: 'ref-c1' }).events());
      const [planned] = await source(['email']).plan(submitted);
      await appendHistory(stores.eventStore, asComplaint('c1', aComplaint().verified({ anonymous: true }).events()));

      expect(await messages.resolve(recordFor(submitted, planned), 'email')).toEqual({ kind: 'skipped', reason: 'no-email' });
    });

    it('formats an instant with the zone it is read in', () => {
      expect(formatInstant('2026-03-25T16:59:59.999Z', 'Asia/Jakarta', 'id')).toBe('25 Maret 2026 pukul 23.59 WIB');
      expect(formatInstant('2026-03-25T16:59:59.999Z', 'Asia/Jayapura', 'en')).toBe('26 March 2026 at 01:59 WIT');
    });

    it('refuses at load a template with an unknown placeholder or without its Indonesian version', async () => {
      const broken = join(dir, 'templates');
      await cp(TEMPLATES_DIR, broken, { recursive: true });
      await writeFile(join(broken, 'id', 'complaint-closed.txt'), 'Laporan {{nomor}} selesai\n\nSelesai.\n');
      expect(() => NotificationTemplates.load(broken)).toThrow(/Unknown placeholder \{\{nomor\}\}/);

      await rm(join(broken, 'id'), { recursive: true });
      await mkdir(join(broken, 'id'));
      expect(() => NotificationTemplates.load(broken)).toThrow(NotificationTemplateError);
    });
  });

  describe('channels', () => {
    it('e-mails the message to the address read at send time, its Message-ID from the idempotency key', async () => {
      await identities.save('ref-c1', { email: 'siti@example.id' });
      const events = await given('c1', aComplaint().submitted({ reporterRef: 'ref-c1' }).events());
      const [planned] = await source(['email']).plan(events[0]);
      const transport = createTransport({ jsonTransport: true });
      const sent: { envelope: { to: string[] }; subject: string; messageId: string }[] = [];
      const send = transport.sendMail.bind(transport);
      jest.spyOn(transport, 'sendMail').mockImplementation(async (mail) => {
        const info = await send(mail);
        sent.push({ ...JSON.parse(String(info.message)), envelope: info.envelope });
        return info;
      });
      const record = recordFor(events[0], planned);

      expect(await new EmailChannel(messages, templates, transport, 'Lacak <noreply@lacak.test>').deliver(record, new AbortController().signal)).toEqual({ kind: 'delivered' });
      expect(sent).toEqual([expect.objectContaining({ subject: 'Laporan LPR-c1 telah kami terima', messageId: `<${record._id}@lacak>`, envelope: expect.objectContaining({ to: ['siti@example.id'] }) })]);
    });

    it('skips, without sending, a delivery whose identity was erased after it was planned', async () => {
      await identities.save('ref-c1', { email: 'siti@example.id' });
      const events = await given('c1', aComplaint().submitted({ reporterRef: 'ref-c1' }).events());
      const [planned] = await source(['email']).plan(events[0]);
      await identities.erase('ref-c1');
      const transport = createTransport({ jsonTransport: true });
      const sendMail = jest.spyOn(transport, 'sendMail');

      expect(await new EmailChannel(messages, templates, transport, 'noreply@lacak.test').deliver(recordFor(events[0], planned), new AbortController().signal)).toEqual({
        kind: 'skipped',
        reason: 'identity-erased',
      });
      expect(sendMail).not.toHaveBeenCalled();
    });

    describe('SMS gateway', () => {
      let server: Server;
      let answer = 202;
      const received: { headers: IncomingMessage['headers']; body: unknown }[] = [];
      beforeEach(async () => {
        received.length = 0;
        server = createServer((request, response) => {
          let body = '';
          request.on('data', (chunk: Buffer) => (body += chunk.toString()));
          request.on('end', () => {
            received.push({ headers: request.headers, body: JSON.parse(body) });
            response.writeHead(answer).end();
          });
        });
        await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      });
      afterEach(() => new Promise<void>((done) => server.close(() => done())));

      async function deliverSms(complaintId = 'c1') {
        await identities.save(`ref-${complaintId}`, { phone: '+6281234567890' });
        const events = await given(complaintId, aComplaint().submitted({ reporterRef: `ref-${complaintId}` }).events());
        const [planned] = await source(['sms']).plan(events[0]);
        const record = recordFor(events[0], planned);
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`;
        const channel = new SmsChannel(messages, templates, { url, token: 'rahasia-gateway', tokenHeader: 'X-Api-Key', timeoutMs: 2000 });
        return { record, outcome: await channel.deliver(record, new AbortController().signal) };
      }

      it('posts the number, the text and the idempotency key as JSON, with the token header', async () => {
        const { record, outcome } = await deliverSms();

        expect(outcome).toEqual({ kind: 'delivered' });
        expect(received).toEqual([
          {
            headers: expect.objectContaining({ 'x-api-key': 'rahasia-gateway', 'content-type': 'application/json' }),
            body: { to: '+6281234567890', text: 'Laporan Anda diterima. Nomor pelacakan: LPR-c1.', reference: record._id },
          },
        ]);
      });

      it('retries after a gateway error and gives up on a refusal', async () => {
        answer = 503;
        expect((await deliverSms()).outcome).toEqual({ kind: 'failed', reason: 'sms-gateway-503', retryable: true });
        answer = 400;
        expect((await deliverSms('c2')).outcome).toEqual({ kind: 'failed', reason: 'sms-gateway-400', retryable: false });
        answer = 202;
      });
    });
  });
});
