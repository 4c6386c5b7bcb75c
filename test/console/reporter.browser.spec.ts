import type { Page } from 'playwright-core';
import { commandOn, complaintAt, type Fixture, HOLDER } from '../support/complaint-stages';
import { ConsoleUnderTest, describeInBrowser } from './support/console-browser';

const PHONE = { width: 360, height: 740 };

/** A phone-sized page that names the step it is stuck on well before the test's own timeout. */
async function phone(c: ConsoleUnderTest): Promise<Page> {
  const page = await c.newPage({ viewport: PHONE });
  page.setDefaultTimeout(8_000);
  return page;
}

/** Nothing on the page is wider than the phone's screen. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  // A string, evaluated in the page: the test code is typed without the DOM's globals.
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
}

/** Opens a complaint on the tracking page as a reporter without an account would. */
async function openTracking(page: Page, trackingId: string, secret: string): Promise<void> {
  await page.getByLabel('Nomor pelacakan').fill(trackingId);
  await page.getByLabel('Kode rahasia').fill(secret);
  await page.getByRole('button', { name: 'Lihat laporan' }).click();
}

describeInBrowser('The reporter on a phone', () => {
  let c: ConsoleUnderTest;
  beforeAll(async () => {
    c = await ConsoleUnderTest.start();
  }, 60_000);
  afterAll(() => c?.stop());

  it('signs in, files a confidential complaint, then answers a question, sees the follow-up, rates and accepts it without an account', async () => {
    const reporter = await phone(c);
    await reporter.goto('/lapor');
    await reporter.getByRole('heading', { name: 'Masuk untuk membuat laporan' }).waitFor();
    await reporter.getByRole('link', { name: 'Lacak laporan', exact: true }).first().waitFor();
    await expectNoSidewaysScroll(reporter);
    await reporter.getByRole('link', { name: 'Masuk sebagai pelapor' }).click();
    await reporter.getByLabel('Peran').selectOption({ label: 'Pelapor' });
    await reporter.getByRole('button', { name: 'Masuk', exact: true }).click();

    await reporter.getByRole('heading', { name: 'Buat laporan' }).waitFor();
    await reporter.getByLabel('Judul laporan (wajib)').fill('Obat habis di puskesmas');
    await reporter.getByLabel('Isi laporan (wajib)').fill('Sudah tiga minggu obat hipertensi tidak tersedia.');
    await reporter.getByLabel('Lokasi kejadian (tidak wajib)').fill('Puskesmas Cibinong');
    await reporter.getByLabel(/^Rahasia:/).check();
    await reporter.getByText('hanya admin nasional yang dapat melihat identitas Anda.').waitFor();
    await reporter.getByLabel('Nomor telepon').fill('+62 812 3456 7890');
    await expectNoSidewaysScroll(reporter);
    await c.expectAccessible(reporter);
    await reporter.getByText('Siapa yang boleh tahu identitas Anda').evaluate((legend) => legend.scrollIntoView());
    await c.screenshot(reporter, 'report-form');

    await reporter.getByRole('button', { name: 'Kirim laporan' }).click();
    await reporter.getByRole('heading', { name: 'Laporan Anda terkirim' }).waitFor();
    const trackingId = (await reporter.getByTestId('tracking-id').textContent())!;
    const secret = (await reporter.getByTestId('tracking-secret').textContent())!;
    expect(trackingId).toMatch(/^LPR-[0-9A-Z]{12}$/);
    expect(secret.length).toBeGreaterThan(20);
    await reporter.getByText('Kode rahasia hanya ditampilkan sekali.').waitFor();
    await reporter.getByRole('listitem').filter({ hasText: 'Obat habis di puskesmas' }).getByText('Belum Terverifikasi').waitFor();
    await expectNoSidewaysScroll(reporter);
    await c.expectAccessible(reporter);
    await c.screenshot(reporter, 'report-submitted');

    // The officers' side, through the API: verified, disposed, accepted, and a question to the reporter.
    const admin = await c.api.token('national_admin', 'national');
    const officer = await c.api.token('agency_admin', HOLDER);
    const listed = await c.api.eventually(
      () => c.api.request('GET', `/complaints?q=${trackingId}`, { token: admin }),
      (answer) => answer.body.items?.length === 1,
    );
    const fixture: Fixture = { id: listed.body.items[0].id, trackingId, trackingSecret: secret, holder: HOLDER, clarificationId: null, revision: 0 };
    await commandOn(c.api, fixture, admin, 'verify', { classification: 'pengaduan', category: 'kesehatan', slaClass: 'ordinary', confidential: true, anonymous: false });
    await commandOn(c.api, fixture, admin, 'dispose', { agencyId: HOLDER, note: 'Mohon ditindaklanjuti.' });
    await commandOn(c.api, fixture, officer, 'accept', {});
    await commandOn(c.api, fixture, officer, 'request-clarification', { party: 'reporter', question: 'Obat apa saja yang tidak tersedia?' });

    // The reporter, signed out on another phone, opens it with the id and secret; a wrong secret tells nothing.
    const tracker = await phone(c);
    await tracker.goto('/lacak');
    await expectNoSidewaysScroll(tracker);
    await openTracking(tracker, trackingId, 'SALAH');
    await tracker.getByText('Nomor pelacakan atau kode rahasia tidak cocok. Periksa keduanya lalu coba lagi.').waitFor();
    await openTracking(tracker, trackingId.toLowerCase(), secret);
    await tracker.getByRole('heading', { name: 'Pertanyaan untuk Anda' }).waitFor();
    expect(tracker.url()).not.toContain(secret);
    await tracker.getByText('Obat apa saja yang tidak tersedia?').waitFor();
    await expectNoSidewaysScroll(tracker);

    await tracker.getByLabel('Jawaban Anda').fill('Amlodipin dan kaptopril.');
    await tracker.getByRole('button', { name: 'Kirim jawaban' }).click();
    const answered = tracker.getByRole('region', { name: 'Pertanyaan yang sudah dijawab' });
    await answered.getByText('Amlodipin dan kaptopril.').waitFor();
    expect(await tracker.getByRole('heading', { name: 'Pertanyaan untuk Anda' }).count()).toBe(0);

    await commandOn(c.api, fixture, officer, 'respond', { followUp: 'Stok amlodipin dan kaptopril sudah dikirim dari gudang farmasi.' });
    await tracker.reload();
    const followUps = tracker.getByRole('region', { name: 'Tindak lanjut', exact: true });
    await followUps.getByText('Stok amlodipin dan kaptopril sudah dikirim dari gudang farmasi.').waitFor();
    await expectNoSidewaysScroll(tracker);
    await c.expectAccessible(tracker);
    await c.screenshot(tracker, 'tracking', { fullPage: true });

    await tracker.getByRole('radio', { name: '4 Puas' }).check();
    await tracker.getByLabel('Komentar (tidak wajib)').fill('Cepat ditangani.');
    await tracker.getByRole('button', { name: 'Kirim penilaian' }).click();
    await tracker.getByText('4 dari 5 (Puas)').waitFor();
    expect(await tracker.getByRole('button', { name: 'Kirim penilaian' }).count()).toBe(0);

    await tracker.getByRole('button', { name: 'Terima dan tutup laporan' }).click();
    await tracker.getByText('Anda menerima tindak lanjut', { exact: false }).waitFor();
    expect(await tracker.getByTestId('public-status').textContent()).toBe('Selesai');
  }, 45_000);

  it('disputes a follow-up as only a promise, and the complaint goes back to the agency', async () => {
    const fixture = await complaintAt(c.api, 'RESPONDED');
    const tracker = await phone(c);
    await tracker.goto(`/lacak/${fixture.trackingId}`);
    expect(await tracker.getByLabel('Nomor pelacakan').inputValue()).toBe(fixture.trackingId);
    await tracker.getByLabel('Kode rahasia').fill(fixture.trackingSecret);
    await tracker.getByRole('button', { name: 'Lihat laporan' }).click();
    await tracker.getByRole('heading', { name: 'Sanggah tindak lanjut' }).waitFor();
    const before = await tracker.getByTestId('public-status').textContent();

    await tracker.getByLabel(/^Mengapa tindak lanjut/).fill('Jadwal tidak pernah ditambah.');
    await tracker.getByLabel('Tindak lanjut ini hanya janji (jawaban normatif)').check();
    await tracker.getByRole('button', { name: 'Kirim sanggahan' }).click();
    await tracker.getByRole('heading', { name: 'Sanggah tindak lanjut' }).waitFor({ state: 'detached' });
    expect(await tracker.getByTestId('public-status').textContent()).not.toBe(before);
    await expectNoSidewaysScroll(tracker);

    const history = await c.api.request('GET', `/complaints/${fixture.id}/history`, { token: await c.api.token('national_admin', 'national') });
    expect(history.body.map((entry: { type: string }) => entry.type)).toEqual(expect.arrayContaining(['FollowUpDisputed', 'FollowUpMarkedNormative']));
  });
});
