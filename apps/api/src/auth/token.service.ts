import { type JWTVerifyGetKey, SignJWT } from 'jose';
import type { IdentityClaims } from '@lacak/config';
import type { Actor } from '@lacak/domain';
import { actorFromClaims, DEFAULT_CLAIMS, setClaimAt } from './claims';
import type { TokenVerifier } from './token-verifier';
import { VerifiedTokenCache } from './verified-token-cache';
import { type JwtExpectations, verifyJwt } from './verify-jwt';

const ISSUER = 'lacak-local';
const AUDIENCE = 'lacak-api';
const EXPECTED: JwtExpectations = {
  issuer: ISSUER,
  audience: AUDIENCE,
  algorithms: ['HS256'],
  signer: "this API's local development secret (JWT_SECRET)",
  renewal: 'get a new one with `npm run token -- --role <role> --agency <node id>`',
};

/**
 * The local development secret (HS256): verifies the embedded default's bearer tokens and also signs
 * them, for tests and `npm run token`. Signing writes the same claim paths verification reads.
 */
export class TokenService implements TokenVerifier {
  private readonly key: Uint8Array;
  private readonly keys: JWTVerifyGetKey = async () => this.key;
  private readonly verified = new VerifiedTokenCache();

  constructor(
    secret: string,
    private readonly claims: IdentityClaims = DEFAULT_CLAIMS,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async sign(actor: Actor, expiresIn = '12h'): Promise<string> {
    const payload: Record<string, unknown> = {};
    setClaimAt(payload, this.claims.role, actor.role);
    setClaimAt(payload, this.claims.agencyId, actor.agencyId);
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(actor.id)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(this.key);
  }

  async verify(token: string): Promise<Actor> {
    return actorFromClaims(await verifyJwt(token, this.keys, EXPECTED, this.verified), this.claims);
  }
}
