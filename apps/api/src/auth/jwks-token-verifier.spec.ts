import { exportSPKI, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { JwksTokenVerifier } from './jwks-token-verifier';
import { JwksServer } from './testing/jwks-server';
import { IdentityProviderUnavailableError, InvalidTokenError } from './token-verifier';
import { CLOCK_SKEW_SECONDS } from './verify-jwt';

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

  const refused = (token: string, message: RegExp, code = 'UNAUTHENTICATED') => expect(verifier.verify(token)).rejects.toThrow(
    expect.objectContaining({ name: InvalidTokenError.name, code, message: expect.stringMatching(message) }),
  );
  const now = () => Math.floor(Date.now() / 1000);

  it('accepts a token signed by the provider and maps its claims', async () => {
    await expect(verifier.verify(await idp.sign(KEYCLOAK_CLAIMS))).resolves.toEqual({
      id: 'f3b1c2d4-kc-user',
      role: 'agency_admin',
      agencyId: 'id-32.01-dinkes',
    });
  });

  it('refuses another issuer or another audience', async () => {
    await refused(await idp.sign(KEYCLOAK_CLAIMS, { issuer: 'http://127.0.0.1/realms/other' }), /^The bearer token was issued by another issuer; this API accepts tokens issued by http:\/\/127\.0\.0\.1\/realms\/lacak$/);
    await refused(await idp.sign(KEYCLOAK_CLAIMS, { audience: 'account' }), /^The bearer token is meant for another audience; this API accepts the audience lacak-api$/);
  });

  it('refuses an expired token with its own code, saying where to get a new one', async () => {
    await refused(
      await idp.sign(KEYCLOAK_CLAIMS, { expiresAt: now() - 2 * CLOCK_SKEW_SECONDS }),
      /^The bearer token has expired; sign in again at the identity provider to get a new one$/,
      'TOKEN_EXPIRED',
    );
  });

  it('allows a clock skew of CLOCK_SKEW_SECONDS on iat, nbf and exp, and no more', async () => {
    const skewed = now() + CLOCK_SKEW_SECONDS / 2;
    await expect(verifier.verify(await idp.sign(KEYCLOAK_CLAIMS, { issuedAt: skewed, notBefore: skewed }))).resolves.toMatchObject({ id: KEYCLOAK_CLAIMS.sub });
    await expect(verifier.verify(await idp.sign(KEYCLOAK_CLAIMS, { expiresAt: now() - CLOCK_SKEW_SECONDS / 2 }))).resolves.toMatchObject({ id: KEYCLOAK_CLAIMS.sub });
    const nextYear = now() + 365 * 24 * 3600;
    await refused(await idp.sign(KEYCLOAK_CLAIMS, { issuedAt: nextYear, expiresAt: nextYear + 3600 }), /^The bearer token says it was issued in the future/);
    await refused(await idp.sign(KEYCLOAK_CLAIMS, { notBefore: nextYear, expiresAt: nextYear + 3600 }), /^The bearer token is not valid yet/);
  });

  it('refuses a token without an expiry', async () => {
    const token = await new SignJWT(KEYCLOAK_CLAIMS)
      .setProtectedHeader({ alg: 'RS256', kid: idp.kid })
      .setIssuer(idp.issuer)
      .setAudience(idp.audience)
      .sign(idp.privateKey);
    await refused(token, /^The bearer token has no "exp" claim, which this API requires$/);
  });

  it('refuses a token signed by a key the provider never published', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    await refused(await idp.sign(KEYCLOAK_CLAIMS, { key: privateKey, kid: 'attacker-key' }), /^The bearer token names a signing key \(kid\) that the identity provider does not publish$/);
    // Claiming the provider's kid does not help: the signature does not match its key.
    await refused(await idp.sign(KEYCLOAK_CLAIMS, { key: privateKey }), /^The bearer token's signature does not verify: it was not signed by the identity provider$/);
  });

  it('refuses algorithm confusion before looking a key up: HS256 with the public key, and alg none', async () => {
    const fetchesBefore = idp.fetches;
    const claims = { ...KEYCLOAK_CLAIMS, iss: idp.issuer, aud: idp.audience, exp: Math.floor(Date.now() / 1000) + 3600 };
    for (const secret of [await exportSPKI(idp.publicKey), JSON.stringify(idp.publicJwk)]) {
      const hs256 = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: idp.kid }).sign(new TextEncoder().encode(secret));
      await refused(hs256, /^The bearer token is signed with an algorithm this API does not accept; it accepts RS256, ES256, PS256, EdDSA$/);
    }
    await refused(new UnsecuredJWT(claims).encode(), /an algorithm this API does not accept/);
    expect(idp.fetches).toBe(fetchesBefore);
  });

  it('refuses a verified token whose role list holds no Lacak role', async () => {
    const token = await idp.sign({ ...KEYCLOAK_CLAIMS, realm_access: { roles: ['offline_access'] } });
    await refused(token, /role claim \(realm_access\.roles\) holds no Lacak role/);
  });

  it('stops accepting a cached token once the provider has stopped publishing its key', async () => {
    const rotating = await JwksServer.start();
    try {
      const rotatingVerifier = new JwksTokenVerifier({ jwksUrl: rotating.url, issuer: rotating.issuer, audience: rotating.audience }, CLAIMS);
      const signedWithOldKey = await rotating.sign(KEYCLOAK_CLAIMS);
      await expect(rotatingVerifier.verify(signedWithOldKey)).resolves.toMatchObject({ id: KEYCLOAK_CLAIMS.sub });
      await rotating.rotateKey('lacak-test-key-2');
      // jose refetches the key set for an unknown kid once 30 s have passed since its last fetch.
      jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 31_000);
      await expect(rotatingVerifier.verify(await rotating.sign(KEYCLOAK_CLAIMS))).resolves.toMatchObject({ id: KEYCLOAK_CLAIMS.sub });
      expect(rotating.fetches).toBe(2);
      await expect(rotatingVerifier.verify(signedWithOldKey)).rejects.toThrow(/names a signing key \(kid\) that the identity provider does not publish/);
    } finally {
      jest.restoreAllMocks();
      await rotating.close();
    }
  });

  it('reports an unreachable provider as unavailable, not as a bad token', async () => {
    const gone = await JwksServer.start();
    const url = gone.url;
    await gone.close();
    const orphan = new JwksTokenVerifier({ jwksUrl: url, issuer: idp.issuer, audience: idp.audience }, CLAIMS);
    await expect(orphan.verify(await idp.sign(KEYCLOAK_CLAIMS))).rejects.toThrow(IdentityProviderUnavailableError);
  });
});
