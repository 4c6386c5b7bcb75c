import type { FlattenedJWSInput, JWTHeaderParameters, JWTPayload, JWTVerifyGetKey } from 'jose';

/** Room for some thousands of tokens of an identity provider's size (1–2 KB each), or tens of thousands of local ones; the memory held is a small multiple of it (each entry also keeps the decoded claims). */
export const DEFAULT_MAX_TOKEN_CHARS = 4 * 1024 * 1024;

interface Verified {
  payload: JWTPayload;
  /** The key that verified the token: a hit must resolve the very same key again. */
  key: unknown;
  /** What the key set is asked with, kept so that a hit does not decode the token again. */
  header: JWTHeaderParameters;
  parts: FlattenedJWSInput;
}

/**
 * Tokens that passed verification, so a client's repeat requests skip the signature and claim checks.
 * Keyed by the whole token, signature included, so only the very token verified can hit; one cache per
 * verifier, so the issuer and audience it was checked against are fixed. Bounded by the total length of
 * the tokens held, the least recently used going first. Refusals are never cached.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Verified>();
  private chars = 0;

  constructor(private readonly maxChars = DEFAULT_MAX_TOKEN_CHARS) {}

  /**
   * The payload of a token verified before, if its key still resolves to the key that verified it
   * (after a key rotation the key set holds new key objects, or none for the token's kid); otherwise
   * undefined. The caller checks the payload's times, which a cache hit does not make any younger.
   */
  async get(token: string, keys: JWTVerifyGetKey): Promise<JWTPayload | undefined> {
    const verified = this.entries.get(token);
    if (!verified) return undefined;
    if ((await currentKey(verified, keys)) !== verified.key) {
      this.forget(token);
      return undefined;
    }
    // Move to the most recently used end: a Map iterates in insertion order.
    this.entries.delete(token);
    this.entries.set(token, verified);
    return verified.payload;
  }

  remember(token: string, verified: { payload: JWTPayload; key: unknown; protectedHeader: JWTHeaderParameters }): void {
    if (token.length > this.maxChars) return;
    this.forget(token);
    const [protectedHeader, payload, signature] = token.split('.');
    this.entries.set(token, { payload: verified.payload, key: verified.key, header: verified.protectedHeader, parts: { protected: protectedHeader, payload, signature } });
    this.chars += token.length;
    for (const oldest of this.entries.keys()) {
      if (this.chars <= this.maxChars) break;
      this.forget(oldest);
    }
  }

  has(token: string): boolean {
    return this.entries.has(token);
  }

  forget(token: string): void {
    if (this.entries.delete(token)) this.chars -= token.length;
  }
}

/** The key the verifier's key set resolves for the token now; undefined when it resolves none. */
async function currentKey({ header, parts }: Verified, keys: JWTVerifyGetKey): Promise<unknown> {
  try {
    return await keys(header, parts);
  } catch {
    // An unpublished kid or an unreachable provider: the full verification says which, to the caller.
    return undefined;
  }
}
