import { errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { IdentityProviderUnavailableError, InvalidTokenError } from './token-verifier';

/**
 * How far the issuer's clock may run ahead of ours (`iat`, `nbf`) or behind it (`exp`): enough for
 * clocks kept by NTP, far too little to make a token dated a year ahead usable.
 */
export const CLOCK_SKEW_SECONDS = 60;

/** What a verifier accepts, and how its refusals tell the caller what to do. */
export interface JwtExpectations {
  issuer: string | undefined;
  audience: string | undefined;
  algorithms: string[];
  /** Who signs acceptable tokens, for the detail of a bad signature. */
  signer: string;
  /** How to get a fresh token, for the detail of an expired one. */
  renewal: string;
}

/**
 * Checks a token's signature, issuer, audience and times, and returns its claims. Every refusal is an
 * InvalidTokenError whose message is ours, never the JWT library's; an unavailable identity provider
 * stays what it is.
 */
export async function verifyJwt(token: string, keys: JWTVerifyGetKey, expected: JwtExpectations): Promise<JWTPayload> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keys, {
      issuer: expected.issuer,
      audience: expected.audience,
      algorithms: expected.algorithms,
      requiredClaims: ['exp'],
      clockTolerance: CLOCK_SKEW_SECONDS,
    }));
  } catch (error) {
    throw refusal(error, expected);
  }
  // jose checks `iat` only against a maximum age; a token dated in the future is refused here.
  if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000 + CLOCK_SKEW_SECONDS) {
    throw new InvalidTokenError('The bearer token says it was issued in the future; check the clock of whoever issued it');
  }
  return payload;
}

function refusal(error: unknown, expected: JwtExpectations): Error {
  if (error instanceof IdentityProviderUnavailableError) return error;
  if (error instanceof errors.JWTExpired) return new InvalidTokenError(`The bearer token has expired; ${expected.renewal}`, 'TOKEN_EXPIRED');
  if (error instanceof errors.JWTClaimValidationFailed) return new InvalidTokenError(claimRefusal(error, expected));
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new InvalidTokenError(`The bearer token's signature does not verify: it was not signed by ${expected.signer}`);
  }
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return new InvalidTokenError(`The bearer token names a signing key (kid) that ${expected.signer} does not publish`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return new InvalidTokenError(`The bearer token is signed with an algorithm this API does not accept; it accepts ${expected.algorithms.join(', ')}`);
  }
  return new InvalidTokenError('The bearer token is not a well-formed signed JWT (three base64url parts separated by dots)');
}

function claimRefusal(error: errors.JWTClaimValidationFailed, expected: JwtExpectations): string {
  const { claim, reason } = error;
  if (reason === 'missing') return `The bearer token has no "${claim}" claim, which this API requires`;
  if (reason !== 'check_failed') return `The bearer token's "${claim}" claim is malformed`;
  switch (claim) {
    case 'iss':
      return `The bearer token was issued by another issuer; this API accepts tokens issued by ${expected.issuer}`;
    case 'aud':
      return `The bearer token is meant for another audience; this API accepts the audience ${expected.audience}`;
    case 'nbf':
      return 'The bearer token is not valid yet (its "nbf" lies in the future); check the clock of whoever issued it';
    default:
      return `The bearer token's "${claim}" claim is not acceptable`;
  }
}
