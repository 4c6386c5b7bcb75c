import { ConsoleUnderTest, describeInBrowser } from './support/console-browser';

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

  it('sends a signed-out visitor of a staff page to sign in, and an unknown page says it is not found', async () => {
    const page = await c.newPage();
    await page.goto('/kotak-masuk');
    await page.getByRole('heading', { name: 'Masuk ke Lacak' }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/kotak-masuk');
    await page.goto('/tidak-ada');
    await page.getByRole('heading', { name: 'Tidak ditemukan' }).waitFor();
  });
});
