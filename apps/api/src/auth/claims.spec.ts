import { DEFAULT_CLAIMS, actorFromClaims, claimAt } from './claims';
import { TokenService } from './token.service';
import { InvalidTokenError } from './token-verifier';

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

  it('refuses a token signed with another secret', async () => {
    const other = await new TokenService(`${secret}-other`).sign({ id: 'x', role: 'reporter', agencyId: null });
    await expect(new TokenService(secret).verify(other)).rejects.toThrow(InvalidTokenError);
  });
});
