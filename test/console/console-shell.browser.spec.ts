import type { Page } from 'playwright-core';
import { type BrowserStorage, ConsoleUnderTest, describeInBrowser } from './support/console-browser';

/** The JavaScript a navigation loads, as sent over the wire (compressed when the browser accepts it). */
async function javascriptLoadedBy(page: Page, url: string, ready: () => Promise<unknown>) {
  const scripts: Promise<{ bytes: number; encoding: string | undefined }>[] = [];
  page.on('requestfinished', (request) => {
    if (request.resourceType() !== 'script') return;
    scripts.push(
      (async () => {
        const response = await request.response();
        return { bytes: (await request.sizes()).responseBodySize, encoding: response?.headers()['content-encoding'] };
      })(),
    );
  });
  await page.goto(url);
  await ready();
  const loaded = await Promise.all(scripts);
  const largest = loaded.reduce((a, b) => (b.bytes > a.bytes ? b : a), { bytes: 0, encoding: undefined as string | undefined });
  return { total: loaded.reduce((sum, script) => sum + script.bytes, 0), count: loaded.length, largest };
}


describeInBrowser('The console shell in a browser', () => {
  let c: ConsoleUnderTest;
  beforeAll(async () => {
    c = await ConsoleUnderTest.start();
  }, 60_000);
  afterAll(() => c?.stop());

  it('greets a visitor in Bahasa Indonesia and switches to English, keeping the choice', async () => {
    const page = await c.newPage();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Selamat datang di Lacak' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('id');
    await c.expectAccessible(page);
    await page.getByLabel('Bahasa').selectOption('en');
    await page.getByRole('heading', { name: 'Welcome to Lacak' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.reload();
    await page.getByRole('heading', { name: 'Welcome to Lacak' }).waitFor();
  });

  it('loads at most 300 KB of compressed JavaScript at first, signed out or as an officer opening the inbox', async () => {
    const visitor = await c.newPage();
    const landing = await javascriptLoadedBy(visitor, '/', () => visitor.getByRole('heading', { name: 'Selamat datang di Lacak' }).waitFor());
    const officer = await c.newPage({ as: { role: 'agency_admin', agencyId: 'id-32.01-dinkes' } });
    const inbox = await javascriptLoadedBy(officer, '/kotak-masuk', () => officer.locator('main h1').waitFor());
    process.stdout.write(`First load, compressed JavaScript: ${(landing.total / 1024).toFixed(1)} KB signed out, ${(inbox.total / 1024).toFixed(1)} KB for an officer's inbox\n`);
    expect(landing.count).toBeGreaterThan(0);
    expect(landing.total).toBeLessThanOrEqual(300 * 1024);
    expect(inbox.total).toBeLessThanOrEqual(300 * 1024);
    // The sizes are what a browser receives: the API sends the build's compressed copies.
    expect(['br', 'gzip']).toContain(landing.largest.encoding);
  });

  it('signs a newcomer in as an officer of a chosen agency through the development sign-in, and out again', async () => {
    const page = await c.newPage();
    await page.goto('/');
    await page.getByRole('link', { name: 'Masuk', exact: true }).first().click();
    // The national admin comes first, seeing every complaint; an agency's admin is one choice away.
    await page.getByLabel('Peran').selectOption('agency_admin');
    await page.getByLabel('Cari unit').fill('dinas kesehatan kabupaten bogor');
    await page.getByRole('button', { name: /^Dinas Kesehatan Kabupaten Bogor/ }).click();
    await page.getByText('Dipilih: Dinas Kesehatan Kabupaten Bogor').waitFor();
    await c.expectAccessible(page);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.waitForURL('**/kotak-masuk');
    await page.getByText('Masuk sebagai Admin instansi · Dinas Kesehatan Kabupaten Bogor').waitFor();
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.getByRole('heading', { name: 'Selamat datang di Lacak' }).waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as BrowserStorage).sessionStorage.getItem('lacak.session'))).toBeNull();
  });

  it('sends a signed-out visitor of a staff page to sign in, and an unknown page says it is not found', async () => {
    const page = await c.newPage();
    await page.goto('/kotak-masuk');
    await page.getByRole('heading', { name: 'Masuk ke Lacak' }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/kotak-masuk');
    await page.goto('/tidak-ada');
    await page.getByRole('heading', { name: 'Tidak ditemukan' }).waitFor();
  });
});
