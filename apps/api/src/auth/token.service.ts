import { jwtVerify, SignJWT } from 'jose';
import type { IdentityClaims } from '@lacak/config';
import type { Actor } from '@lacak/domain';
import { actorFromClaims, DEFAULT_CLAIMS, setClaimAt } from './claims';
import { InvalidTokenError, type TokenVerifier } from './token-verifier';

const ISSUER = 'lacak-local';
const AUDIENCE = 'lacak-api';

/**
 * The local development secret (HS256): verifies the embedded default's bearer tokens and also signs
 * them, for tests and `npm run token`. Signing writes the same claim paths verification reads.
 */
export class TokenService implements TokenVerifier {
  private readonly key: Uint8Array;

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
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      throw new InvalidTokenError(`Invalid bearer token: ${(error as Error).message}`);
    }
    return actorFromClaims(payload, this.claims);
  }
}
