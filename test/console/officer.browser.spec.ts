import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { complaintAt, HOLDER, OTHER_HOLDER, OWNER } from '../support/complaint-stages';
import { ConsoleUnderTest, describeInBrowser } from './support/console-browser';

const OFFICER = { role: 'agency_admin', agencyId: HOLDER } as const;

/** The case view's status line once it shows `status` (the read model follows commands shortly after). */
const statusShown = (page: Page, status: string) => page.getByText(`Status: ${status}`, { exact: true }).waitFor();

/** Opens a command's form from its button and sends it once `fill` has filled it. */
async function runCommand(page: Page, button: string, fill: () => Promise<void> = async () => undefined) {
  await page.getByRole('button', { name: button, exact: true }).click();
  await fill();
  await page.getByRole('button', { name: 'Kirim', exact: true }).click();
}

describeInBrowser('The officer’s inbox and case view in a browser', () => {
  let c: ConsoleUnderTest;
  beforeAll(async () => {
    c = await ConsoleUnderTest.start({ RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '1000' });
  }, 60_000);
  afterAll(() => c?.stop());

  it('takes a case from submission through disposition, a clarification and a follow-up', async () => {
    const reporter = await c.api.token('reporter', null, OWNER);
    const submitted = await c.api.request('POST', '/complaints', {
      token: reporter,
      body: {
        title: 'Obat kosong di puskesmas Cibinong',
        description: 'Sudah tiga minggu obat hipertensi tidak tersedia.',
        channel: 'web',
        location: 'Cibinong',
        targetAgencyId: HOLDER,
        reporter: { name: 'Siti Aminah', phone: '+6281234567890' },
      },
    });
    expect(submitted.status).toBe(201);
    const { id, trackingId } = submitted.body as { id: string; trackingId: string };

    // The national admin verifies and disposes it, choosing the agency in the tree.
    const admin = await c.newPage({ as: { role: 'national_admin', agencyId: 'national' } });
    await admin.goto(`/kasus/${id}`);
    await statusShown(admin, 'Diterima');
    await runCommand(admin, 'Verifikasi', async () => {
      await admin.getByRole('textbox', { name: 'Kategori' }).fill('kesehatan');
      await admin.getByRole('combobox', { name: 'Kelas SLA' }).selectOption('ordinary');
    });
    await statusShown(admin, 'Terverifikasi');
    await runCommand(admin, 'Disposisikan', async () => {
      await admin.getByLabel('Cari unit').fill('Dinas Kesehatan Kabupaten Bogor');
      await admin.getByRole('button', { name: /^Dinas Kesehatan Kabupaten Bogor/ }).click();
      await admin.getByText('Dipilih: Dinas Kesehatan Kabupaten Bogor').waitFor();
      await admin.getByRole('textbox', { name: 'Catatan' }).fill('Mohon segera ditindaklanjuti.');
    });
    await statusShown(admin, 'Didisposisikan');

    // The agency admin finds it in the inbox and opens it.
    const officer = await c.newPage({ as: OFFICER });
    await officer.goto('/kotak-masuk');
    await officer.getByRole('searchbox', { name: /Cari nomor pelacakan/ }).fill(trackingId);
    await officer.getByRole('button', { name: 'Cari', exact: true }).click();
    const row = officer.getByRole('table', { name: 'Daftar pengaduan' }).getByRole('row').filter({ hasText: trackingId });
    await row.getByText('Didisposisikan').waitFor();
    expect(new URL(officer.url()).searchParams.get('q')).toBe(trackingId);
    await c.expectAccessible(officer);
    await row.getByRole('link', { name: 'Obat kosong di puskesmas Cibinong' }).click();
    await statusShown(officer, 'Didisposisikan');
    // The identity is opened on request, with a reason the API records.
    await officer.getByRole('textbox', { name: 'Alasan membuka identitas pelapor' }).fill('Menghubungi pelapor untuk klarifikasi.');
    await officer.getByRole('button', { name: 'Tampilkan identitas' }).click();
    await officer.getByRole('region', { name: 'Pelapor' }).getByText('Siti Aminah').waitFor();

    await runCommand(officer, 'Terima disposisi');
    await statusShown(officer, 'Diproses');
    await officer.getByRole('button', { name: 'Minta klarifikasi', exact: true }).click();
    await officer.getByRole('textbox', { name: 'Pertanyaan' }).fill('Puskesmas mana dan sejak tanggal berapa?');
    // The case view with a command's form open.
    await c.expectAccessible(officer);
    await officer.getByRole('button', { name: 'Kirim', exact: true }).click();
    await statusShown(officer, 'Menunggu pelapor');

    // The reporter answers through the API, with their own account.
    const detail = await c.api.request('GET', `/complaints/${id}`, { token: reporter });
    const clarificationId = (detail.body as { questions: { clarificationId: string }[] }).questions[0]!.clarificationId;
    const answered = await c.api.request('POST', `/complaints/${id}/answer-clarification`, {
      token: reporter,
      body: { clarificationId, answer: 'Puskesmas Cibinong, sejak 1 November.' },
    });
    expect(answered.status).toBe(200);

    await officer.reload();
    await statusShown(officer, 'Diproses');
    // Each step is named, and its particulars given, in Bahasa Indonesia.
    const history = officer.getByRole('list', { name: 'Riwayat' });
    await history.getByText('Klarifikasi dijawab', { exact: true }).waitFor();
    await history.getByText('Klarifikasi dijawab oleh pelapor', { exact: true }).waitFor();
    await officer.getByText('Puskesmas Cibinong, sejak 1 November.', { exact: false }).waitFor();
    await c.screenshot(officer, 'case-view');

    await runCommand(officer, 'Beri tindak lanjut', () =>
      officer.getByRole('textbox', { name: 'Tindak lanjut' }).fill('Stok obat hipertensi sudah dikirim dari gudang farmasi kabupaten.'),
    );
    await statusShown(officer, 'Ditindaklanjuti');
    await history.getByText('Tindak lanjut diberikan', { exact: true }).waitFor();

    // A photo as evidence: uploaded from the case view and listed there, described in words.
    const photo = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#2a6' } }).png().toBuffer();
    const attachments = officer.getByRole('region', { name: 'Lampiran' });
    await attachments.getByLabel('Berkas').setInputFiles({ name: 'stok-obat.png', mimeType: 'image/png', buffer: photo });
    await attachments.getByRole('button', { name: 'Unggah', exact: true }).click();
    await attachments.getByText('Lampiran stok-obat.png ditambahkan.').waitFor();
    await attachments.getByRole('listitem').filter({ hasText: 'stok-obat.png' }).getByText(/Gambar PNG, \d+ byte, ditambahkan oleh petugas/).waitFor();
    await attachments.getByRole('button', { name: 'Unduh stok-obat.png' }).waitFor();
  });

  it('shows the officer who changed a case meanwhile, keeps the typed text, and sends it after a reload', async () => {
    const fixture = await complaintAt(c.api, 'IN_PROGRESS', { title: 'Loket pengaduan tutup lebih awal' });
    const first = await c.newPage({ as: { ...OFFICER, sub: 'officer-first' } });
    const second = await c.newPage({ as: { ...OFFICER, sub: 'officer-second' } });
    await Promise.all(
      [first, second].map(async (page) => {
        await page.goto(`/kasus/${fixture.id}`);
        await statusShown(page, 'Diproses');
      }),
    );

    const question = 'Pada jam berapa loket ditutup?';
    await second.getByRole('button', { name: 'Minta klarifikasi', exact: true }).click();
    await second.getByRole('textbox', { name: 'Pertanyaan' }).fill(question);

    await runCommand(first, 'Minta klarifikasi', async () => {
      await first.getByRole('combobox', { name: 'Ditujukan kepada' }).selectOption('respondent');
      await first.getByRole('textbox', { name: 'Pertanyaan' }).fill('Mohon tanggapan kepala loket.');
    });
    await first.getByText('Berhasil: Minta klarifikasi.').waitFor();

    await second.getByRole('button', { name: 'Kirim', exact: true }).click();
    const conflict = second.getByRole('alert').filter({ hasText: 'Pengaduan sudah diubah orang lain' });
    await conflict.getByText(/Klarifikasi diminta — Admin instansi, Dinas Kesehatan Kabupaten Bogor/).waitFor();
    await c.expectAccessible(second);
    await conflict.getByRole('button', { name: 'Muat ulang pengaduan' }).click();
    await conflict.waitFor({ state: 'detached' });
    expect(await second.getByRole('textbox', { name: 'Pertanyaan' }).inputValue()).toBe(question);

    await second.getByRole('button', { name: 'Kirim', exact: true }).click();
    await second.getByText('Berhasil: Minta klarifikasi.').waitFor();
    await second.getByRole('region', { name: 'Klarifikasi' }).getByText(question, { exact: false }).waitFor();
  });

  it('says a case outside the officer’s reach is not found', async () => {
    const elsewhere = await complaintAt(c.api, 'DISPOSED', { holder: OTHER_HOLDER, title: 'Pengaduan di Cilacap' });
    const officer = await c.newPage({ as: OFFICER });
    await officer.goto(`/kasus/${elsewhere.id}`);
    await officer.getByRole('heading', { name: 'Tidak ditemukan' }).waitFor();
    expect(await officer.getByText('Pengaduan di Cilacap').count()).toBe(0);
  });

  it('lists fifty complaints of the officer’s subtree on one page', async () => {
    // Seeded in parallel batches through the ordinary command path; each complaint takes three commands.
    // One more than a page, so the queue has a second page whatever the other tests added.
    for (let batch = 0; batch < 3; batch++) {
      await Promise.all(Array.from({ length: 17 }, (_, n) => complaintAt(c.api, 'DISPOSED', { title: `Antrean panjang ${batch * 17 + n + 1}` })));
    }
    const officer = await c.newPage({ as: OFFICER });
    // Noted in the page when the 50th row first exists, counted from the navigation's start.
    await officer.addInitScript({
      content: `new MutationObserver((_, observer) => {
        if (document.querySelectorAll('table tbody tr').length >= 50) {
          window.fiftyRowsAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });`,
    });
    await officer.goto('/kotak-masuk');
    const shownAt = await officer.waitForFunction(() => (globalThis as { fiftyRowsAt?: number }).fiftyRowsAt, null, { timeout: 15_000 });
    process.stdout.write(`Inbox: 50 rows shown ${Math.round((await shownAt.jsonValue()) as number)} ms after navigation start\n`);
    expect(await officer.getByRole('table', { name: 'Daftar pengaduan' }).locator('tbody tr').count()).toBe(50);
    await officer.getByText(/^Halaman 1 dari [2-9]$/).waitFor();
    await c.screenshot(officer, 'inbox');

    await officer.getByRole('button', { name: 'Berikutnya' }).click();
    await officer.getByText(/^Halaman 2 dari/).waitFor();
    expect(new URL(officer.url()).searchParams.get('page')).toBe('2');
    await officer.goBack();
    await officer.getByText(/^Halaman 1 dari/).waitFor();
  });
});
