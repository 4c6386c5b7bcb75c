import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { EMBEDDED_FILES } from '@lacak/storage';
import { complaintAt, type Fixture } from '../support/complaint-stages';
import { TAMPERINGS } from '../support/event-tampering';
import { ConsoleUnderTest, describeInBrowser } from './support/console-browser';

/*
 * The auditor's view in a browser, on a complaint driven to its close: replaying it to an earlier
 * revision with the keyboard, its record integrity, and its dossier downloaded as JSON and PDF.
 */
describeInBrowser('The auditor view in a browser', () => {
  let c: ConsoleUnderTest;
  let closed: Fixture;

  beforeAll(async () => {
    c = await ConsoleUnderTest.start();
    closed = await complaintAt(c.api, 'CLOSED', { title: 'Pungutan di loket KTP' });
  }, 60_000);
  afterAll(() => c?.stop());

  it('replays a complaint to an earlier revision, says its record is intact, and downloads its dossier', async () => {
    const page = await c.newPage({ as: { role: 'auditor', agencyId: 'national' } });
    await page.goto(`/jejak/${closed.id}`);
    await page.getByRole('heading', { level: 1, name: 'Jejak audit: Pungutan di loket KTP' }).waitFor();
    const slider = page.getByRole('slider', { name: 'Tampilkan pengaduan sebagaimana pada revisi' });
    const state = page.getByRole('region', { name: /^Keadaan pada revisi/ });
    await state.getByText('Selesai', { exact: true }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Utuh' }).waitFor();

    // Revision 1 is the verification: Home goes to the submission, one step right to it.
    await slider.focus();
    await page.keyboard.press('Home');
    await page.getByRole('heading', { name: 'Keadaan pada revisi 0' }).waitFor();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('heading', { name: 'Keadaan pada revisi 1' }).waitFor();
    expect(await slider.getAttribute('aria-valuetext')).toMatch(/^Revisi 1 \(2 dari \d+\): Diverifikasi$/);
    expect(new URL(page.url()).searchParams.get('revisi')).toBe('1');
    await state.getByText('Terverifikasi', { exact: true }).waitFor();
    const changes = page.getByRole('table', { name: 'Yang berubah pada revisi 1' });
    await changes.getByRole('rowheader', { name: 'status' }).waitFor();
    expect(await changes.getByRole('row').filter({ hasText: 'status' }).locator('td').allTextContents()).toEqual(['SUBMITTED', 'VERIFIED']);
    expect(await page.locator('.timeline li[aria-current="step"]').textContent()).toContain('Diverifikasi');
    await c.expectAccessible(page);
    await c.screenshot(page, 'audit-view');

    const json = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Unduh berkas (JSON)' }).click();
    const jsonFile = await json;
    expect(jsonFile.suggestedFilename()).toBe(`dossier-${closed.id}.json`);
    const dossier = JSON.parse(readFileSync((await jsonFile.path())!, 'utf8'));
    expect(dossier.complaintId).toBe(closed.id);

    const pdf = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Unduh berkas (PDF)' }).click();
    const pdfFile = await pdf;
    expect(pdfFile.suggestedFilename()).toBe(`dossier-${closed.id}.pdf`);
    expect(readFileSync((await pdfFile.path())!).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('says where a complaint’s stored record was changed behind the engine’s back', async () => {
    const tampered = await complaintAt(c.api, 'DISPOSED', { title: 'Catatan yang diubah' });
    const db = new Database(join(c.api.config.dataDir, EMBEDDED_FILES.events));
    try {
      TAMPERINGS.find((tampering) => tampering.name === 'an edited event')!.apply(db, `complaint-${tampered.id}`);
    } finally {
      db.close();
    }
    const page = await c.newPage({ as: { role: 'auditor', agencyId: 'national' } });
    await page.goto(`/jejak/${tampered.id}`);
    const status = page.getByRole('status').filter({ hasText: 'Rusak' });
    await status.waitFor();
    expect(await status.getByRole('listitem').allTextContents()).toEqual(['revisi 1: isi peristiwa berubah']);
  });

  it('shows the same not-found page for a complaint outside the reader’s reach', async () => {
    const page = await c.newPage({ as: { role: 'auditor', agencyId: 'id-33' } });
    await page.goto(`/jejak/${closed.id}`);
    await page.getByRole('heading', { level: 1, name: 'Tidak ditemukan' }).waitFor();
  });
});
