import { ConsoleUnderTest, describeInBrowser } from './support/console-browser';
import { FakeOidcProvider } from './support/fake-oidc-provider';

describeInBrowser('Signing in to the console with an identity provider', () => {
  let c: ConsoleUnderTest;
  let provider: FakeOidcProvider;
  beforeAll(async () => {
    // Keycloak's shape: the role in realm_access.roles among the provider's own roles.
    provider = await FakeOidcProvider.start({ sub: 'kc-4821', realm_access: { roles: ['offline_access', 'agency_admin'] }, agencyId: 'id-32.01-dinkes' });
    c = await ConsoleUnderTest.start({
      JWT_JWKS_URL: provider.jwksUrl,
      JWT_ISSUER: provider.issuer,
      JWT_AUDIENCE: provider.audience,
      JWT_ROLE_CLAIM: 'realm_access.roles',
      OIDC_CLIENT_ID: 'lacak-console',
    });
  }, 60_000);
  afterAll(async () => {
    await c?.stop();
    await provider?.close();
  });

  it('signs in with the authorization code and PKCE, reads the role and agency claims, and the API accepts the token', async () => {
    const page = await c.newPage();
    await page.goto('/kotak-masuk');
    await page.getByRole('heading', { name: 'Masuk ke Lacak' }).waitFor();
    // No development sign-in while an identity provider is configured.
    expect(await page.getByLabel('Peran').count()).toBe(0);
    await page.getByRole('button', { name: 'Masuk dengan penyedia identitas' }).click();
    await page.waitForURL('**/kotak-masuk');
    await page.getByText('Masuk sebagai Admin instansi · Dinas Kesehatan Kabupaten Bogor').waitFor();
    // The inbox's own request went through with the provider's token.
    await page.getByRole('heading', { name: 'Kotak masuk' }).waitFor();
    await page.getByText(/pengaduan$/).first().waitFor();
    expect(provider.verifiedExchanges).toBe(1);
  });
});
