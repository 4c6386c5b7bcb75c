import { SignJWT } from 'jose';
import { DEFAULT_CLAIMS, actorFromClaims, claimAt } from './claims';
import { TokenService } from './token.service';
import { InvalidTokenError } from './token-verifier';
import { CLOCK_SKEW_SECONDS } from './verify-jwt';

const KEYCLOAK = { role: 'realm_access.roles', agencyId: 'lacak.agency' };

describe('claim mapping', () => {
  it('maps a flat string role and agency', () => {
    expect(actorFromClaims({ sub: 'u1', role: 'unit_officer', agencyId: 'id-32.01-dinkes' }, DEFAULT_CLAIMS)).toEqual({
      id: 'u1',
      role: 'unit_officer',
      agencyId: 'id-32.01-dinkes',
    });
  });

  it('takes the first known role of a Keycloak role list and reads a nested agency', () => {
    const payload = {
      sub: 'kc-user',
      realm_access: { roles: ['offline_access', 'default-roles-lacak', 'agency_admin', 'auditor'] },
      lacak: { agency: 'id-32.01-dinkes' },
    };
    expect(actorFromClaims(payload, KEYCLOAK)).toEqual({ id: 'kc-user', role: 'agency_admin', agencyId: 'id-32.01-dinkes' });
  });

  it('skips entries of a role list that are not strings', () => {
    expect(actorFromClaims({ sub: 'u', role: [7, null, { r: 1 }, 'auditor'] }, DEFAULT_CLAIMS).role).toBe('auditor');
  });

  it('treats a missing or null agency as none', () => {
    expect(actorFromClaims({ sub: 'r', role: 'reporter' }, DEFAULT_CLAIMS).agencyId).toBeNull();
    expect(actorFromClaims({ sub: 'r', role: 'reporter', agencyId: null }, DEFAULT_CLAIMS).agencyId).toBeNull();
    expect(actorFromClaims({ sub: 'r', realm_access: { roles: ['reporter'] } }, KEYCLOAK).agencyId).toBeNull();
  });

  it.each([
    ['no sub', { role: 'reporter' }, /no subject/],
    ['an empty sub', { sub: '', role: 'reporter' }, /no subject/],
    ['a numeric sub', { sub: 7, role: 'reporter' }, /no subject/],
    ['no role claim', { sub: 'u' }, /no role claim \(role\)/],
    ['an unknown role', { sub: 'u', role: 'mayor' }, /holds no Lacak role/],
    ['a role list without a Lacak role', { sub: 'u', role: ['offline_access', 'uma_authorization'] }, /holds no Lacak role/],
    ['an empty role list', { sub: 'u', role: [] }, /holds no Lacak role/],
    ['a numeric role', { sub: 'u', role: 1 }, /must be a string or an array/],
    ['an object role', { sub: 'u', role: { name: 'reporter' } }, /must be a string or an array/],
    ['a numeric agency', { sub: 'u', role: 'reporter', agencyId: 32 }, /agency claim \(agencyId\) must be a string/],
    ['an array agency', { sub: 'u', role: 'reporter', agencyId: ['a'] }, /must be a string/],
  ])('refuses a token with %s', (_label, payload, message) => {
    expect(() => actorFromClaims(payload as never, DEFAULT_CLAIMS)).toThrow(InvalidTokenError);
    expect(() => actorFromClaims(payload as never, DEFAULT_CLAIMS)).toThrow(message);
  });

  it('names the configured path when a nested role is not an array or string', () => {
    expect(() => actorFromClaims({ sub: 'u', realm_access: { roles: 5 } } as never, KEYCLOAK)).toThrow(
      "The token's role claim (realm_access.roles) must be a string or an array of strings",
    );
  });

  it('walks own properties only, and stops at non-objects', () => {
    expect(claimAt({ a: { b: 'x' } }, 'a.b')).toBe('x');
    expect(claimAt({ a: 'not-an-object' }, 'a.b')).toBeUndefined();
    expect(claimAt({ a: ['x'] }, 'a.0')).toBeUndefined();
    expect(claimAt({}, 'constructor')).toBeUndefined();
    expect(claimAt({ role: 'reporter' }, 'toString')).toBeUndefined();
  });
});

describe('the local secret signer', () => {
  const secret = 'a-test-secret-that-is-long-enough-0123456789';

  it('round-trips an actor through the default claims', async () => {
    const tokens = new TokenService(secret);
    const actor = { id: 'admin', role: 'national_admin' as const, agencyId: 'national' };
    await expect(tokens.verify(await tokens.sign(actor))).resolves.toEqual(actor);
  });

  it('writes and reads configured nested claim paths', async () => {
    const tokens = new TokenService(secret, { role: 'lacak.role', agencyId: 'lacak.agency' });
    const token = await tokens.sign({ id: 'o', role: 'unit_officer', agencyId: 'id-32.01-dinkes' });
    expect(JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString())).toMatchObject({
      lacak: { role: 'unit_officer', agency: 'id-32.01-dinkes' },
    });
    await expect(tokens.verify(token)).resolves.toEqual({ id: 'o', role: 'unit_officer', agencyId: 'id-32.01-dinkes' });
  });

  const refused = (token: string, message: RegExp, code = 'UNAUTHENTICATED') =>
    expect(new TokenService(secret).verify(token)).rejects.toThrow(
      expect.objectContaining({ name: InvalidTokenError.name, code, message: expect.stringMatching(message) }),
    );

  it('refuses a token signed with another secret', async () => {
    const other = await new TokenService(`${secret}-other`).sign({ id: 'x', role: 'reporter', agencyId: null });
    await refused(other, /^The bearer token's signature does not verify: it was not signed by this API's local development secret \(JWT_SECRET\)$/);
  });

  it('refuses what is not a JWT in words of its own', async () => {
    await refused('not-a-jwt', /^The bearer token is not a well-formed signed JWT/);
  });

  describe('times, with a clock skew of CLOCK_SKEW_SECONDS', () => {
    const now = () => Math.floor(Date.now() / 1000);
    const nextYear = () => now() + 365 * 24 * 3600;
    /** A token of the local signer's shape with the given times, which `sign` does not let a caller choose. */
    const withTimes = (times: { iat?: number; nbf?: number; exp?: number }) =>
      new SignJWT({ role: 'reporter', iat: now(), exp: now() + 3600, ...times })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('r')
        .setIssuer('lacak-local')
        .setAudience('lacak-api')
        .sign(new TextEncoder().encode(secret));

    it('refuses an expired token with its own code, saying how to get a new one', async () => {
      await refused(await withTimes({ exp: now() - 2 * CLOCK_SKEW_SECONDS }), /^The bearer token has expired; get a new one with `npm run token/, 'TOKEN_EXPIRED');
    });

    it('refuses a token issued, or valid from, a year ahead', async () => {
      await refused(await withTimes({ iat: nextYear(), exp: nextYear() + 3600 }), /^The bearer token says it was issued in the future/);
      await refused(await withTimes({ nbf: nextYear(), exp: nextYear() + 3600 }), /^The bearer token is not valid yet/);
    });

    it('accepts clocks that differ by less than the skew', async () => {
      const tokens = new TokenService(secret);
      const skewed = now() + CLOCK_SKEW_SECONDS / 2;
      await expect(tokens.verify(await withTimes({ iat: skewed, nbf: skewed }))).resolves.toMatchObject({ id: 'r' });
      await expect(tokens.verify(await withTimes({ exp: now() - CLOCK_SKEW_SECONDS / 2 }))).resolves.toMatchObject({ id: 'r' });
    });
  });
});
