import { createRemoteJWKSet, errors, type JWTVerifyGetKey, jwtVerify } from 'jose';
import type { IdentityClaims } from '@lacak/config';
import type { Actor } from '@lacak/domain';
import { actorFromClaims } from './claims';
import { IdentityProviderUnavailableError, InvalidTokenError, type TokenVerifier } from './token-verifier';

/** Asymmetric only: an HS* token "signed" with a public key, or an unsigned one, never gets to a key. */
const ALGORITHMS = ['RS256', 'ES256', 'PS256', 'EdDSA'];

export interface JwksSettings {
  jwksUrl: string;
  issuer: string | undefined;
  audience: string | undefined;
}

/**
 * Verifies tokens from an OIDC provider (Keycloak) against its published keys. jose caches the key
 * set and refetches it for an unknown `kid` at most every 30 s, so key rotation needs no restart.
 */
export class JwksTokenVerifier implements TokenVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(
    private readonly settings: JwksSettings,
    private readonly claims: IdentityClaims,
  ) {
    const remote = createRemoteJWKSet(new URL(settings.jwksUrl));
    this.keys = async (header, token) => {
      try {
        return await remote(header, token);
      } catch (error) {
        // No (single) key for the token's kid and alg is the token's problem; anything else is the provider's.
        if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) throw error;
        throw new IdentityProviderUnavailableError(`The identity provider's keys could not be fetched from ${settings.jwksUrl}`, { cause: error });
      }
    };
  }

  async verify(token: string): Promise<Actor> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        algorithms: ALGORITHMS,
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      if (error instanceof IdentityProviderUnavailableError) throw error;
      throw new InvalidTokenError(`Invalid bearer token: ${(error as Error).message}`);
    }
    return actorFromClaims(payload, this.claims);
  }
}
