import type { Actor } from '@lacak/domain';

/** The problem code a refused token gets: an expired one and one naming an unusable agency have their own. */
export type InvalidTokenCode = 'UNAUTHENTICATED' | 'TOKEN_EXPIRED' | 'TOKEN_AGENCY_INVALID';

/** The token is not acceptable (signature, issuer, audience, expiry or claims): the guard answers 401. */
export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
  constructor(
    message: string,
    readonly code: InvalidTokenCode = 'UNAUTHENTICATED',
  ) {
    super(message);
  }
}

/** The identity provider's keys could not be fetched: not the caller's fault, so the guard answers 503. */
export class IdentityProviderUnavailableError extends Error {
  override readonly name = 'IdentityProviderUnavailableError';
}

/**
 * Turns a bearer token into the actor it names. An abstract class rather than an interface so that
 * it can also be the guard's injection token; which implementation serves is a configuration choice.
 */
export abstract class TokenVerifier {
  abstract verify(token: string): Promise<Actor>;
}
