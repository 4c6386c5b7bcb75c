import { JwksServer } from '../../apps/api/src/auth/testing/jwks-server';
import { TestApp } from '../support/test-app';
import { aSubmission, aVerification } from '../support/http-steps';

/** Keycloak's shape: realm roles in a list among Keycloak's own, the agency in a nested custom claim. */
const keycloakClaims = (sub: string, role: string, agency?: string) => ({
  sub,
  realm_access: { roles: ['offline_access', 'uma_authorization', 'default-roles-lacak', role] },
  ...(agency ? { lacak: { agency } } : {}),
});

describe('Bearer tokens from an OIDC provider (JWKS)', () => {
  let idp: JwksServer;
  let t: TestApp;

  beforeAll(async () => {
    idp = await JwksServer.start();
    t = await TestApp.start({
      JWT_JWKS_URL: idp.url,
      JWT_ISSUER: idp.issuer,
      JWT_AUDIENCE: idp.audience,
      JWT_ROLE_CLAIM: 'realm_access.roles',
      JWT_AGENCY_CLAIM: 'lacak.agency',
    });
  });
  afterAll(async () => {
    await t?.stop();
    await idp?.close();
  });

  it('serves a request with a token the provider signed', async () => {
    const token = await idp.sign(keycloakClaims('kc-auditor', 'auditor', 'national'));
    const response = await t.request('GET', '/complaints', { token });
    expect(response.status).toBe(200);
  });

  it('refuses a token signed with the local development secret', async () => {
    const response = await t.request('GET', '/complaints', { token: await t.token('national_admin', 'national') });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('UNAUTHENTICATED');
  });

  it("records the provider's subject, first Lacak role and nested agency as the actor", async () => {
    const reporter = await idp.sign(keycloakClaims('kc-reporter', 'reporter'));
    const admin = await idp.sign(keycloakClaims('kc-admin', 'national_admin', 'national'));
    const submitted = await t.request('POST', '/complaints', { token: reporter, body: aSubmission() });
    expect(submitted.status).toBe(201);
    const verified = await t.request('POST', `/complaints/${submitted.body.id}/verify`, { token: admin, body: aVerification });
    expect(verified.status).toBe(200);
    const actors = (await t.allEvents()).map((e) => e.metadata.actor);
    expect(actors).toEqual(
      expect.arrayContaining([
        { id: 'kc-reporter', role: 'reporter', agencyId: null },
        { id: 'kc-admin', role: 'national_admin', agencyId: 'national' },
      ]),
    );
  });
});

describe('An unreachable OIDC provider', () => {
  it('answers 503, not 401: the token may well be good', async () => {
    const idp = await JwksServer.start();
    const token = await idp.sign(keycloakClaims('kc-auditor', 'auditor', 'national'));
    const url = idp.url;
    await idp.close();
    const t = await TestApp.start({ JWT_JWKS_URL: url, JWT_ISSUER: idp.issuer, JWT_AUDIENCE: idp.audience, JWT_ROLE_CLAIM: 'realm_access.roles' });
    try {
      const response = await t.request('GET', '/complaints', { token });
      expect(response.status).toBe(503);
      expect(response.body.detail).toBe('The identity provider is unavailable; try again shortly');
    } finally {
      await t.stop();
    }
  });
});
