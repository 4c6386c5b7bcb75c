/**
 * Reporter notifications end to end: the engine e-mails a real SMTP server started here and posts
 * SMS to a fake gateway, through the delivery outbox, as complaints go through their lifecycle.
 */
import { DELIVERIES_COLLECTION, type DeliveryRecord } from '@lacak/application';
import { READ_STORE, type ReadStore } from '@lacak/read-store';
import { eventually } from '@lacak/testing';
import { projectionsCaughtUp } from '../access/access-support';
import { HOLDER } from '../support/complaint-stages';
import { MailCatcher, SmsGatewayFake } from '../support/notification-catchers';
import { TestApp } from '../support/test-app';

describe('Reporter notifications', () => {
  let t: TestApp;
  let mail: MailCatcher;
  let sms: SmsGatewayFake;
  let admin: string;
  let officer: string;
  /** Every name, e-mail and phone the reporters of this suite gave. */
  const identities: string[] = [];

  beforeAll(async () => {
    mail = await MailCatcher.start();
    sms = await SmsGatewayFake.start();
    t = await TestApp.start({
      RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '100000',
      SMTP_URL: mail.url,
      NOTIFY_FROM: 'Lacak <no-reply@lacak.test>',
      SMS_GATEWAY_URL: sms.url,
      SMS_GATEWAY_TOKEN: 'token-gateway-uji',
      SMS_GATEWAY_TOKEN_HEADER: 'X-Api-Key',
      DELIVERY_POLL_INTERVAL_MS: '20',
      DELIVERY_RETRY_BASE_MS: '10',
      DELIVERY_RETRY_MAX_MS: '50',
    });
    admin = await t.token('national_admin', 'national');
    officer = await t.token('agency_admin', HOLDER);
  });
  afterAll(async () => {
    await t?.stop();
    await mail?.stop();
    await sms?.stop();
  });

  const ok = async (method: 'GET' | 'POST', url: string, token: string, body?: unknown, status = 200) => {
    const response = await t.request(method, url, { token, body });
    if (response.status !== status) throw new Error(`${method} ${url}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const command = (id: string, token: string, name: string, body: unknown = {}) => ok('POST', `/complaints/${id}/${name}`, token, body);

  async function submit(reporter: Record<string, string> | undefined, extra: Record<string, unknown> = {}) {
    identities.push(...Object.values(reporter ?? {}), ...Object.values((extra.trackingContact as Record<string, string>) ?? {}).filter((v) => v.length > 2));
    const token = await t.token('reporter', null, `reporter-${identities.length}`);
    const body = await ok('POST', '/complaints', token, { title: 'Pungutan di puskesmas', description: 'Diminta membayar di luar tarif.', channel: 'web', targetAgencyId: HOLDER, reporter, ...extra }, 201);
    return { id: body.id as string, trackingId: body.trackingId as string, token };
  }
  const verify = (id: string, flags: Record<string, boolean> = {}) =>
    command(id, admin, 'verify', { classification: 'pengaduan', category: 'kesehatan', slaClass: 'ordinary', confidential: false, anonymous: false, ...flags });

  /** Waits until the address has exactly `count` messages and nothing is left pending. */
  const mailTo = (address: string, count: number) =>
    eventually(
      () => mail.to(address),
      (messages) => messages.length >= count,
      { timeoutMs: 15_000, description: `${count} messages to ${address}` },
    );
  const subjects = (address: string) => mail.to(address).map((m) => m.subject);
  const deliveries = async () => (await t.app.get<ReadStore>(READ_STORE).collection(DELIVERIES_COLLECTION).find({}, { sort: { _id: 1 } })) as unknown as DeliveryRecord[];
  const settled = () => eventually(deliveries, (all) => all.length > 0 && all.every((d) => d.state !== 'pending'), { timeoutMs: 15_000, description: 'every delivery settled' });

  it('tells the reporter of each step in Bahasa Indonesia, by e-mail and SMS: received, verified, a question, the follow-up, closed', async () => {
    const reporter = { name: 'Siti Aminah Notif', email: 'siti.notif@example.id', phone: '+6281200001111' };
    const c = await submit(reporter);
    await verify(c.id);
    await command(c.id, admin, 'dispose', { agencyId: HOLDER, note: 'Mohon ditindaklanjuti.' });
    await command(c.id, officer, 'accept');
    const asked = await command(c.id, officer, 'request-clarification', { party: 'reporter', question: 'Jam berapa Anda datang?' });
    await command(c.id, c.token, 'answer-clarification', { clarificationId: asked.clarificationId, answer: 'Pukul delapan.' });
    await command(c.id, officer, 'respond', { followUp: 'Petugas telah ditegur dan biaya dikembalikan.' });
    await command(c.id, c.token, 'close', { reasonCode: 'accepted_by_reporter' });

    const messages = await mailTo(reporter.email, 5);
    expect(messages.map((m) => m.subject)).toEqual([
      `Laporan ${c.trackingId} telah kami terima`,
      `Laporan ${c.trackingId} telah diverifikasi`,
      `Pertanyaan tentang laporan ${c.trackingId}`,
      `Tindak lanjut laporan ${c.trackingId}`,
      `Laporan ${c.trackingId} selesai`,
    ]);
    expect(messages[0].text).toContain(`nomor pelacakan ${c.trackingId}`);
    expect(messages[2].text).toMatch(/Jam berapa Anda datang\?[\s\S]*sebelum \d{1,2} \w+ \d{4} pukul 23\.59 WIB/);
    expect(messages[3].text).toContain('Petugas telah ditegur dan biaya dikembalikan.');
    expect(messages[0].headers.from).toBe('Lacak <no-reply@lacak.test>');

    const texts = await eventually(() => sms.to(reporter.phone), (r) => r.length >= 5, { timeoutMs: 15_000 });
    expect(texts.map((r) => r.body.text)).toEqual([
      `Laporan Anda diterima. Nomor pelacakan: ${c.trackingId}.`,
      `Laporan ${c.trackingId} telah diverifikasi.`,
      expect.stringMatching(new RegExp(`^Petugas bertanya tentang laporan ${c.trackingId}\\. Jawab di halaman pelacakan sebelum .* WIB\\.$`)),
      `Laporan ${c.trackingId} telah ditindaklanjuti. Lihat di halaman pelacakan.`,
      `Laporan ${c.trackingId} telah selesai.`,
    ]);
    expect(texts.every((r) => r.headers['x-api-key'] === 'token-gateway-uji')).toBe(true);
  });

  it('writes in English to a reporter who chose it, and gives the reason of a rejection', async () => {
    const c = await submit({ name: 'Budi Notif', email: 'budi.notif@example.id' }, { trackingContact: { language: 'en' } });
    await command(c.id, admin, 'reject', { reasonCode: 'out_of_scope', reason: 'Perkara pidana, silakan lapor ke kepolisian.' });

    const messages = await mailTo('budi.notif@example.id', 2);
    expect(messages.map((m) => m.subject)).toEqual([`We received your report ${c.trackingId}`, `Report ${c.trackingId} cannot be handled`]);
    expect(messages[1].text).toContain('Reason: Perkara pidana, silakan lapor ke kepolisian.');
    expect(messages[1].headers['content-language']).toBe('en');
  });

  it("tells a duplicate's reporter which case carries it on, then that it closed, never its follow-up", async () => {
    const original = await submit({ email: 'asal.notif@example.id' });
    const duplicate = await submit({ email: 'ganda.notif@example.id' });
    await verify(original.id);
    await command(original.id, admin, 'dispose', { agencyId: HOLDER, note: 'Mohon ditindaklanjuti.' });
    await command(original.id, officer, 'accept');
    await command(duplicate.id, admin, 'mark-duplicate', { originalComplaintId: original.id });
    // The duplicate link is read from the complaints read model when the later event is planned.
    await projectionsCaughtUp(t);
    await command(original.id, officer, 'respond', { followUp: 'Jalan di depan rumah Pak Asal sudah diperbaiki.' });
    await command(original.id, original.token, 'close', { reasonCode: 'accepted_by_reporter' });

    const messages = await mailTo('ganda.notif@example.id', 3);
    await settled();
    expect(subjects('ganda.notif@example.id')).toEqual([
      `Laporan ${duplicate.trackingId} telah kami terima`,
      `Laporan ${duplicate.trackingId} digabungkan`,
      `Laporan ${original.trackingId} selesai`,
    ]);
    expect(messages[1].text).toContain(`sama dengan laporan ${original.trackingId}`);
    expect(messages[2].text).toContain(`melanjutkan penanganan laporan Anda ${duplicate.trackingId}`);
    expect(mail.to('ganda.notif@example.id').filter((m) => m.raw.includes('Pak Asal'))).toEqual([]);
    expect(subjects('asal.notif@example.id')).toContain(`Tindak lanjut laporan ${original.trackingId}`);
  });

  it('reaches an anonymous reporter only through the contact left for tracking', async () => {
    const c = await submit({ name: 'Anonim Notif', email: 'pribadi.notif@example.id' }, { anonymous: true, trackingContact: { email: 'lacak.notif@example.id' } });
    await verify(c.id, { anonymous: true });

    expect((await mailTo('lacak.notif@example.id', 2)).map((m) => m.subject)).toEqual([`Laporan ${c.trackingId} telah kami terima`, `Laporan ${c.trackingId} telah diverifikasi`]);
    await settled();
    expect(mail.to('pribadi.notif@example.id')).toEqual([]);
  });

  it('contacts an erased identity no more', async () => {
    const c = await submit({ name: 'Dihapus Notif', email: 'hapus.notif@example.id', phone: '+6281299990000' });
    await mailTo('hapus.notif@example.id', 1);
    await ok('POST', `/complaints/${c.id}/reporter-identity/erase`, admin, { reason: 'Permintaan pelapor' }, 204);
    await verify(c.id);
    await command(c.id, admin, 'dispose', { agencyId: HOLDER, note: 'Mohon ditindaklanjuti.' });

    await settled();
    const about = (await deliveries()).filter((d) => d.complaintId === c.id);
    expect(about.filter((d) => d.eventType !== 'ComplaintSubmitted')).toEqual([]);
    expect(mail.to('hapus.notif@example.id').map((m) => m.subject)).toEqual([`Laporan ${c.trackingId} telah kami terima`]);
  });

  it('keeps every name, e-mail and phone out of the delivery records; a message names only its own recipient', async () => {
    await settled();
    const records = JSON.stringify(await deliveries());
    expect(records).toContain('reporter:');
    expect(identities.filter((value) => records.toLowerCase().includes(value.toLowerCase()))).toEqual([]);
    for (const message of mail.messages) {
      const others = identities.filter((value) => !message.envelope.to.includes(value));
      expect({ to: message.envelope.to, found: others.filter((value) => message.raw.toLowerCase().includes(value.toLowerCase())) }).toEqual({ to: message.envelope.to, found: [] });
    }
  });
});
