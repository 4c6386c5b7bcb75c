import { commandOn, complaintAt, HOLDER, OTHER_HOLDER, OWNER } from '../support/complaint-stages';
import { OTHER_AGENCY } from '../support/http-steps';
import { ConsoleUnderTest, describeInBrowser } from './support/console-browser';

/*
 * The monev dashboard in a browser, on complaints in two regencies of Jawa Barat (and one in Jawa
 * Tengah, outside an inspector of Jawa Barat's reach): indicators, the regencies ranked, a disputed
 * follow-up among the exceptions, drilling down to a regency and to a case, an export, and English.
 */
const PROVINCE = 'id-32';
const REGENCY = 'id-32.01';

describeInBrowser('The monev dashboard in a browser', () => {
  let c: ConsoleUnderTest;
  let disputed: string;
  const year = String(new Date(Date.now() + 7 * 3_600_000).getUTCFullYear());

  beforeAll(async () => {
    c = await ConsoleUnderTest.start();
    await complaintAt(c.api, 'CLOSED', { title: 'Antrean puskesmas panjang' });
    const responded = await complaintAt(c.api, 'RESPONDED', { title: 'Obat puskesmas kosong' });
    await commandOn(c.api, responded, await c.api.token('reporter', null, OWNER), 'dispute', { reason: 'Jawaban tidak menjawab keluhan.' });
    disputed = responded.id;
    await complaintAt(c.api, 'RESPONDED', { holder: OTHER_AGENCY, title: 'Layanan ambulans terlambat' });
    await complaintAt(c.api, 'DISPOSED', { holder: OTHER_AGENCY, title: 'Petugas tidak ramah' });
    await complaintAt(c.api, 'RESPONDED', { holder: OTHER_HOLDER, title: 'Di provinsi lain' });
    const inspector = await c.api.token('apip_inspector', PROVINCE);
    await c.api.eventually(
      () => c.api.request('GET', `/monev/exceptions?node=${PROVINCE}`, { token: inspector }),
      (response) => response.body?.kinds?.disputed?.count === 1,
    );
  }, 60_000);
  afterAll(() => c?.stop());

  it('shows an APIP inspector the province’s indicators, ranking and exceptions, and drills down to a regency and a case', async () => {
    const page = await c.newPage({ as: { role: 'apip_inspector', agencyId: PROVINCE }, viewport: { width: 1280, height: 1800 } });
    await page.goto('/dasbor');
    await page.getByRole('heading', { level: 1, name: /Dasbor monev: .*Jawa Barat/ }).waitFor();
    expect(new URL(page.url()).searchParams.get('period')).toBeNull();

    const received = page.locator('[data-indicator="received"]');
    await received.getByText('4', { exact: true }).waitFor();
    await page.locator('[data-indicator="followUpRate"] .indicator-value').getByText('75%').waitFor();

    const ranking = page.getByRole('table', { name: /Peringkat unit di bawah .*Jawa Barat/ });
    await ranking.waitFor();
    await expect(page.getByRole('img', { name: /Diagram batang skor/ }).isVisible()).resolves.toBe(true);
    const bogor = ranking.getByRole('link', { name: /Kabupaten Bogor/ });
    // Columns: rank, unit, score, complaints received, trend.
    expect(await ranking.getByRole('row').filter({ has: page.getByRole('link', { name: /Kabupaten Bogor/ }) }).locator('td').nth(2).textContent()).toBe('2');

    const disputes = page.getByRole('region', { name: /Tindak lanjut disanggah/ });
    await disputes.getByRole('link', { name: 'Obat puskesmas kosong', exact: true }).waitFor();
    await c.expectAccessible(page);
    await c.screenshot(page, 'dashboard');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Indikator (CSV)' }).click();
    expect((await download).suggestedFilename()).toBe(`monev-indicators-${PROVINCE}-${year}.csv`);

    await bogor.click();
    await page.getByRole('heading', { level: 1, name: /Kabupaten Bogor/ }).waitFor();
    expect(new URL(page.url()).searchParams.get('node')).toBe(REGENCY);
    await page.locator('[data-indicator="received"] .indicator-value').getByText('2', { exact: true }).waitFor();
    await page.getByRole('navigation', { name: 'Posisi dalam struktur organisasi' }).getByRole('link', { name: /Jawa Barat/ }).waitFor();

    await page.getByRole('region', { name: /Tindak lanjut disanggah/ }).getByRole('link', { name: 'Obat puskesmas kosong', exact: true }).click();
    await page.waitForURL(`**/kasus/${disputed}`);
  });

  it('keeps the period in the address, and says plainly when a unit is out of reach', async () => {
    const page = await c.newPage({ as: { role: 'apip_inspector', agencyId: PROVINCE } });
    await page.goto(`/dasbor?node=${PROVINCE}&period=${year}`);
    await page.getByLabel('Jenis periode').selectOption('quarter');
    await page.getByLabel('Triwulan', { exact: true }).waitFor();
    expect(new URL(page.url()).searchParams.get('period')).toBe(`${year}-Q1`);
    await page.getByRole('heading', { name: `Indikator periode ${year}-Q1` }).waitFor();

    await page.goto(`/dasbor?node=id-33&period=${year}`);
    await page.getByRole('alert').getByText('Tidak ditemukan.').waitFor();
    await page.getByRole('link', { name: /^Kembali ke .*Jawa Barat/ }).click();
    await page.locator('[data-indicator="received"] .indicator-value').getByText('4', { exact: true }).waitFor();
  });

  it('shows a national admin the national figures, in English once the language is switched', async () => {
    const page = await c.newPage({ as: { role: 'national_admin', agencyId: 'national' } });
    await page.goto('/dasbor');
    await page.getByRole('heading', { level: 1, name: /^Dasbor monev: / }).waitFor();
    await page.locator('[data-indicator="received"] .indicator-value').getByText('5', { exact: true }).waitFor();
    await page.getByLabel('Bahasa').selectOption('en');
    await page.getByRole('heading', { level: 1, name: /^Monev dashboard: / }).waitFor();
    await page.getByRole('heading', { name: 'Complaints received' }).waitFor();
    await page.getByRole('heading', { name: 'Ranking of the units below' }).waitFor();
    await page.getByRole('region', { name: /Follow-up disputed/ }).getByText(/\d+ days? since/).waitFor();
  });
});
