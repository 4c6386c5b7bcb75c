import { decodeJwt } from 'jose';
import { TestApp } from '../support/test-app';

const PROVIDER = {
  JWT_JWKS_URL: 'https://sso.example.go.id/realms/lacak/protocol/openid-connect/certs',
  JWT_ISSUER: 'https://sso.example.go.id/realms/lacak',
  JWT_AUDIENCE: 'lacak-api',
  JWT_ROLE_CLAIM: 'realm_access.roles',
};

describe('Development sign-in, on the local development secret', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t?.stop());

  it('says the console signs in for development', async () => {
    const response = await t.request('GET', '/auth/config');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ mode: 'development' });
  });

  it('signs a token as npm run token does, for 8 hours, that the API then accepts', async () => {
    const before = Date.now();
    const response = await t.request('POST', '/auth/dev-token', { body: { role: 'agency_admin', agencyId: 'id-32.01-dinkes' } });
    expect(response.status).toBe(201);
    const claims = decodeJwt(response.body.token);
    expect(claims).toMatchObject({ sub: 'agency_admin@id-32.01-dinkes', role: 'agency_admin', agencyId: 'id-32.01-dinkes', iss: 'lacak-local', aud: 'lacak-api' });
    expect(response.body.expiresAt).toBe(new Date(claims.exp! * 1000).toISOString());
    const hours = (Date.parse(response.body.expiresAt) - before) / 3_600_000;
    expect(hours).toBeGreaterThan(7.99);
    expect(hours).toBeLessThanOrEqual(8);
    const queue = await t.request('GET', '/complaints?agency=id-32.01-dinkes', { token: response.body.token });
    expect(queue.status).toBe(200);
  });

  it('names the actor by sub when given, and signs a reporter for no agency', async () => {
    const response = await t.request('POST', '/auth/dev-token', { body: { role: 'reporter', agencyId: null, sub: 'warga-001' } });
    expect(response.status).toBe(201);
    expect(decodeJwt(response.body.token)).toMatchObject({ sub: 'warga-001', role: 'reporter', agencyId: null });
  });

  it.each([
    [{ role: 'agency_admin' }, 'the role agency_admin acts for an agency, and none is given'],
    [{ role: 'reporter', agencyId: 'id-32.01-dinkes' }, 'the role reporter acts for no agency, yet agency "id-32.01-dinkes" is given'],
    [{ role: 'auditor', agencyId: 'id-99-nowhere' }, 'agency "id-99-nowhere" is not in the organisation tree'],
  ])('refuses to sign %j: 422 AGENCY_DOES_NOT_FIT_ROLE', async (body, why) => {
    const response = await t.request('POST', '/auth/dev-token', { body });
    expect(response.status).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ code: 'AGENCY_DOES_NOT_FIT_ROLE', detail: expect.stringContaining(why) });
  });

  it('never signs the system role, nor an unknown one', async () => {
    for (const role of ['system', 'superuser']) {
      const response = await t.request('POST', '/auth/dev-token', { body: { role } });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'role', messages: [expect.stringContaining('role must be one of: reporter')] }] });
      expect(response.body.errors[0].messages[0]).not.toContain('system');
    }
  });
});

describe('Development sign-in, rate limited like submissions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '2' });
  });
  afterAll(() => t?.stop());

  it('answers 429 with Retry-After past the limit', async () => {
    const responses = [];
    for (let i = 0; i < 3; i++) responses.push(await t.request('POST', '/auth/dev-token', { body: { role: 'reporter' } }));
    expect(responses.map((r) => r.status)).toEqual([201, 201, 429]);
    expect(responses[2].body.code).toBe('RATE_LIMITED');
    expect(Number(responses[2].headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('Sign-in with a JWT_SECRET of the deployment', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ JWT_SECRET: 'a-deployment-secret-of-at-least-32-characters' });
  });
  afterAll(() => t?.stop());

  it('offers none: tokens are handed out elsewhere', async () => {
    expect((await t.request('GET', '/auth/config')).body).toEqual({ mode: 'none' });
    const response = await t.request('POST', '/auth/dev-token', { body: { role: 'reporter' } });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'DEV_SIGN_IN_DISABLED', detail: expect.stringContaining('JWT_SECRET is set') });
  });
});

describe('Sign-in at an identity provider', () => {
  it('tells the console the provider, client and claims, and refuses development tokens', async () => {
    const t = await TestApp.start({ ...PROVIDER, OIDC_CLIENT_ID: 'lacak-console' });
    try {
      expect((await t.request('GET', '/auth/config')).body).toEqual({
        mode: 'oidc',
        authority: 'https://sso.example.go.id/realms/lacak',
        clientId: 'lacak-console',
        scope: 'openid profile',
        roleClaim: 'realm_access.roles',
        agencyClaim: 'agencyId',
      });
      const response = await t.request('POST', '/auth/dev-token', { body: { role: 'national_admin' } });
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ code: 'DEV_SIGN_IN_DISABLED', detail: expect.stringContaining('identity provider') });
    } finally {
      await t.stop();
    }
  });

  it('answers clientId null when no client is configured, so the console can say sign-in is not set up', async () => {
    const t = await TestApp.start({ ...PROVIDER, OIDC_AUTHORITY: 'https://login.example.go.id', OIDC_SCOPE: 'openid profile email' });
    try {
      expect((await t.request('GET', '/auth/config')).body).toMatchObject({ mode: 'oidc', authority: 'https://login.example.go.id', clientId: null, scope: 'openid profile email' });
    } finally {
      await t.stop();
    }
  });
});
