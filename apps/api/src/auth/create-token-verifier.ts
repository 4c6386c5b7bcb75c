import type { AppConfig } from '@lacak/config';
import { JwksTokenVerifier } from './jwks-token-verifier';
import { TokenService } from './token.service';
import type { TokenVerifier } from './token-verifier';

/** The local development secret by default; the identity provider's JWKS once JWT_JWKS_URL is set. */
export function createTokenVerifier(config: Pick<AppConfig, 'tokens' | 'claims'>): TokenVerifier {
  const { tokens, claims } = config;
  return tokens.kind === 'jwks' ? new JwksTokenVerifier(tokens, claims) : new TokenService(tokens.secret, claims);
}
