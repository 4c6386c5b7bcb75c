import { errors, type JWTHeaderParameters, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { IdentityProviderUnavailableError, InvalidTokenError } from './token-verifier';
import type { VerifiedTokenCache } from './verified-token-cache';

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
 * stays what it is. With a cache, a token verified before skips the signature and claim checks while
 * its times hold and its key is unchanged; anything else gets the full verification.
 */
export async function verifyJwt(token: string, keys: JWTVerifyGetKey, expected: JwtExpectations, cache?: VerifiedTokenCache): Promise<JWTPayload> {
  const cached = await cache?.get(token, keys);
  if (cached && timesHold(cached)) return cached;
  let verified: { payload: JWTPayload; key: unknown; protectedHeader: JWTHeaderParameters };
  try {
    verified = await jwtVerify(token, keys, {
      issuer: expected.issuer,
      audience: expected.audience,
      algorithms: expected.algorithms,
      requiredClaims: ['exp'],
      clockTolerance: CLOCK_SKEW_SECONDS,
    });
  } catch (error) {
    cache?.forget(token);
    throw refusal(error, expected);
  }
  if (issuedInTheFuture(verified.payload)) {
    throw new InvalidTokenError('The bearer token says it was issued in the future; check the clock of whoever issued it');
  }
  cache?.remember(token, verified);
  return verified.payload;
}

const nowSeconds = () => Date.now() / 1000;

/** jose checks `iat` only against a maximum age; a token dated in the future is refused here. */
const issuedInTheFuture = ({ iat }: JWTPayload): boolean => typeof iat === 'number' && iat > nowSeconds() + CLOCK_SKEW_SECONDS;

/** The time rules of a full verification, applied again now: jose's for `exp` and `nbf`, with the same skew, and ours for `iat`. */
function timesHold(payload: JWTPayload): boolean {
  const now = Math.floor(nowSeconds());
  const { exp, nbf } = payload;
  return typeof exp === 'number' && exp > now - CLOCK_SKEW_SECONDS && !(typeof nbf === 'number' && nbf > now + CLOCK_SKEW_SECONDS) && !issuedInTheFuture(payload);
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
