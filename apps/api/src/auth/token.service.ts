import { jwtVerify, SignJWT } from 'jose';
import { ACTOR_ROLES, type Actor, type ActorRole } from '@lacak/domain';

export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
}

const ISSUER = 'lacak-local';
const AUDIENCE = 'lacak-api';

/**
 * Signs and verifies the embedded default's bearer tokens (HS256 with the local development
 * secret). The actor of every command comes from these claims: `sub`, `role`, `agencyId`.
 */
export class TokenService {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  async sign(actor: Actor, expiresIn = '12h'): Promise<string> {
    return new SignJWT({ role: actor.role, agencyId: actor.agencyId })
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
      ({ payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] }));
    } catch (error) {
      throw new InvalidTokenError(`Invalid bearer token: ${(error as Error).message}`);
    }
    const { sub, role, agencyId } = payload;
    if (typeof sub !== 'string' || sub === '') throw new InvalidTokenError('The token has no subject (sub)');
    if (!ACTOR_ROLES.includes(role as ActorRole)) {
      throw new InvalidTokenError(`The token's role must be one of ${ACTOR_ROLES.join(', ')}`);
    }
    if (agencyId !== undefined && agencyId !== null && typeof agencyId !== 'string') {
      throw new InvalidTokenError('The token\'s agencyId must be a string');
    }
    return { id: sub, role: role as ActorRole, agencyId: (agencyId as string | undefined) ?? null };
  }
}
