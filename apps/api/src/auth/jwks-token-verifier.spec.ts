import { exportSPKI, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { JwksTokenVerifier } from './jwks-token-verifier';
import { JwksServer } from './testing/jwks-server';
import { IdentityProviderUnavailableError, InvalidTokenError } from './token-verifier';

const CLAIMS = { role: 'realm_access.roles', agencyId: 'lacak.agency' };
const KEYCLOAK_CLAIMS = {
  sub: 'f3b1c2d4-kc-user',
  realm_access: { roles: ['offline_access', 'default-roles-lacak', 'agency_admin'] },
  lacak: { agency: 'id-32.01-dinkes' },
};

describe('JwksTokenVerifier against a JWKS served on 127.0.0.1', () => {
  let idp: JwksServer;
  let verifier: JwksTokenVerifier;

  beforeAll(async () => {
    idp = await JwksServer.start();
    verifier = new JwksTokenVerifier({ jwksUrl: idp.url, issuer: idp.issuer, audience: idp.audience }, CLAIMS);
  });
  afterAll(() => idp.close());

  const refused = (token: string, message: RegExp) => expect(verifier.verify(token)).rejects.toThrow(
    expect.objectContaining({ name: InvalidTokenError.name, message: expect.stringMatching(message) }),
  );

  it('accepts a token signed by the provider and maps its claims', async () => {
    await expect(verifier.verify(await idp.sign(KEYCLOAK_CLAIMS))).resolves.toEqual({
      id: 'f3b1c2d4-kc-user',
      role: 'agency_admin',
      agencyId: 'id-32.01-dinkes',
    });
  });

  it('refuses another issuer or another audience', async () => {
    await refused(await idp.sign(KEYCLOAK_CLAIMS, { issuer: 'http://127.0.0.1/realms/other' }), /unexpected "iss" claim value/);
    await refused(await idp.sign(KEYCLOAK_CLAIMS, { audience: 'account' }), /unexpected "aud" claim value/);
  });

  it('refuses an expired token', async () => {
    await refused(await idp.sign(KEYCLOAK_CLAIMS, { expiresAt: Math.floor(Date.now() / 1000) - 60 }), /"exp" claim timestamp check failed/);
  });

  it('refuses a token without an expiry', async () => {
    const token = await new SignJWT(KEYCLOAK_CLAIMS)
      .setProtectedHeader({ alg: 'RS256', kid: idp.kid })
      .setIssuer(idp.issuer)
      .setAudience(idp.audience)
      .sign(idp.privateKey);
    await refused(token, /missing required "exp" claim/);
  });

  it('refuses a token signed by a key the provider never published', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    await refused(await idp.sign(KEYCLOAK_CLAIMS, { key: privateKey, kid: 'attacker-key' }), /no applicable key found/);
    // Claiming the provider's kid does not help: the signature does not match its key.
    await refused(await idp.sign(KEYCLOAK_CLAIMS, { key: privateKey }), /signature verification failed/);
  });

  it('refuses algorithm confusion before looking a key up: HS256 with the public key, and alg none', async () => {
    const fetchesBefore = idp.fetches;
    const claims = { ...KEYCLOAK_CLAIMS, iss: idp.issuer, aud: idp.audience, exp: Math.floor(Date.now() / 1000) + 3600 };
    for (const secret of [await exportSPKI(idp.publicKey), JSON.stringify(idp.publicJwk)]) {
      const hs256 = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: idp.kid }).sign(new TextEncoder().encode(secret));
      await refused(hs256, /"alg" \(Algorithm\) Header Parameter value not allowed/);
    }
    await refused(new UnsecuredJWT(claims).encode(), /"alg" \(Algorithm\) Header Parameter value not allowed/);
    expect(idp.fetches).toBe(fetchesBefore);
  });

  it('refuses a verified token whose role list holds no Lacak role', async () => {
    const token = await idp.sign({ ...KEYCLOAK_CLAIMS, realm_access: { roles: ['offline_access'] } });
    await refused(token, /role claim \(realm_access\.roles\) holds no Lacak role/);
  });

  it('reports an unreachable provider as unavailable, not as a bad token', async () => {
    const gone = await JwksServer.start();
    const url = gone.url;
    await gone.close();
    const orphan = new JwksTokenVerifier({ jwksUrl: url, issuer: idp.issuer, audience: idp.audience }, CLAIMS);
    await expect(orphan.verify(await idp.sign(KEYCLOAK_CLAIMS))).rejects.toThrow(IdentityProviderUnavailableError);
  });
});
