import { type JWTPayload, type JWTVerifyGetKey, SignJWT } from 'jose';
import { InvalidTokenError } from './token-verifier';
import { VerifiedTokenCache } from './verified-token-cache';
import { CLOCK_SKEW_SECONDS, type JwtExpectations, verifyJwt } from './verify-jwt';

const EXPECTED: JwtExpectations = { issuer: 'lacak-local', audience: 'lacak-api', algorithms: ['HS256'], signer: 'the test secret', renewal: 'sign a new one' };
const secret = new TextEncoder().encode('a test secret of at least thirty-two bytes');
const keys: JWTVerifyGetKey = async () => secret;

const nowSeconds = () => Math.floor(Date.now() / 1000);
const sign = (subject: string, expiresAt = nowSeconds() + 3600) =>
  new SignJWT({ role: 'reporter' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuer('lacak-local')
    .setAudience('lacak-api')
    .setIssuedAt()
    .setExpirationTime(expiresAt)
    .sign(secret);

/** Moves Date only (jose reads the time from it, as the cache does); timers and ticks stay real. */
function setClock(epochSeconds: number): void {
  jest.useFakeTimers({
    now: epochSeconds * 1000,
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  });
}

describe('VerifiedTokenCache behind verifyJwt', () => {
  afterEach(() => jest.useRealTimers());

  it('answers a repeat of a verified token from the cache', async () => {
    const cache = new VerifiedTokenCache();
    const token = await sign('r');
    const first = await verifyJwt(token, keys, EXPECTED, cache);
    expect(cache.has(token)).toBe(true);
    // The very payload object, not a second verification's.
    await expect(verifyJwt(token, keys, EXPECTED, cache)).resolves.toBe(first);
  });

  it('refuses a cached token once it has expired, at the same instant a full verification does', async () => {
    const expiresAt = nowSeconds() + 120;
    const token = await sign('r', expiresAt);
    const cache = new VerifiedTokenCache();
    await verifyJwt(token, keys, EXPECTED, cache);

    setClock(expiresAt + CLOCK_SKEW_SECONDS - 1);
    await expect(verifyJwt(token, keys, EXPECTED)).resolves.toMatchObject({ sub: 'r' });
    await expect(verifyJwt(token, keys, EXPECTED, cache)).resolves.toMatchObject({ sub: 'r' });

    setClock(expiresAt + CLOCK_SKEW_SECONDS);
    const expired = expect.objectContaining({ name: InvalidTokenError.name, code: 'TOKEN_EXPIRED', message: 'The bearer token has expired; sign a new one' });
    await expect(verifyJwt(token, keys, EXPECTED)).rejects.toThrow(expired);
    await expect(verifyJwt(token, keys, EXPECTED, cache)).rejects.toThrow(expired);
    expect(cache.has(token)).toBe(false);
  });

  it('re-verifies a cached token when its key no longer resolves to the key that verified it', async () => {
    const cache = new VerifiedTokenCache();
    const token = await sign('r');
    await verifyJwt(token, keys, EXPECTED, cache);
    const rotated: JWTVerifyGetKey = async () => new TextEncoder().encode('another secret of at least thirty-two bytes');
    await expect(verifyJwt(token, rotated, EXPECTED, cache)).rejects.toThrow(/signature does not verify/);
    expect(cache.has(token)).toBe(false);
  });

  it('never caches a refused token', async () => {
    const cache = new VerifiedTokenCache();
    const token = await sign('r', nowSeconds() - 2 * CLOCK_SKEW_SECONDS);
    await expect(verifyJwt(token, keys, EXPECTED, cache)).rejects.toThrow(InvalidTokenError);
    expect(cache.has(token)).toBe(false);
  });

  it('holds tokens up to its bound, dropping the least recently used first', async () => {
    const tokens = await Promise.all(['a', 'b', 'c', 'd'].map((subject) => sign(subject)));
    const cache = new VerifiedTokenCache(3 * tokens[0].length);
    const verify = (token: string): Promise<JWTPayload> => verifyJwt(token, keys, EXPECTED, cache);
    for (const token of tokens.slice(0, 3)) await verify(token);
    await verify(tokens[0]);
    await verify(tokens[3]);
    expect(tokens.map((token) => cache.has(token))).toEqual([true, false, true, true]);
  });
});
