import { createRemoteJWKSet, errors, type JWTVerifyGetKey } from 'jose';
import type { IdentityClaims } from '@lacak/config';
import type { Actor } from '@lacak/domain';
import { actorFromClaims } from './claims';
import { IdentityProviderUnavailableError, type TokenVerifier } from './token-verifier';
import { VerifiedTokenCache } from './verified-token-cache';
import { type JwtExpectations, verifyJwt } from './verify-jwt';

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
  private readonly verified = new VerifiedTokenCache();
  private readonly expected: JwtExpectations;

  constructor(
    settings: JwksSettings,
    private readonly claims: IdentityClaims,
  ) {
    this.expected = {
      issuer: settings.issuer,
      audience: settings.audience,
      algorithms: ALGORITHMS,
      signer: 'the identity provider',
      renewal: 'sign in again at the identity provider to get a new one',
    };
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
    return actorFromClaims(await verifyJwt(token, this.keys, this.expected, this.verified), this.claims);
  }
}
