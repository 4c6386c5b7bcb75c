import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, type KeyLike, SignJWT } from 'jose';

export interface SignOptions {
  issuer?: string;
  audience?: string;
  /** Seconds since the epoch; the default is an hour from now. */
  expiresAt?: number;
  /** Seconds since the epoch; the default is now. */
  issuedAt?: number;
  /** Seconds since the epoch; none by default. */
  notBefore?: number;
  /** Another private key, to sign tokens the provider never issued. */
  key?: KeyLike;
  kid?: string;
}

interface PublishedKey {
  privateKey: KeyLike;
  publicKey: KeyLike;
  publicJwk: JWK;
}

async function publishedKey(kid: string): Promise<PublishedKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  return { privateKey, publicKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

/** A stand-in identity provider: one RS256 key at a time published as a JWKS on 127.0.0.1, and a signer for it. */
export class JwksServer {
  /** How many times the key set was fetched. */
  fetches = 0;

  private readonly server = createServer((_req, res) => {
    this.fetches += 1;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [this.key.publicJwk] }));
  });

  private constructor(
    private key: PublishedKey,
    readonly issuer: string,
    readonly audience: string,
  ) {}

  static async start(issuer = 'http://127.0.0.1/realms/lacak', audience = 'lacak-api'): Promise<JwksServer> {
    const jwks = new JwksServer(await publishedKey('lacak-test-key'), issuer, audience);
    await new Promise<void>((resolve) => jwks.server.listen(0, '127.0.0.1', resolve));
    return jwks;
  }

  /** Replaces the signing key: from now on the key set publishes the new key only, and `sign` uses it. */
  async rotateKey(kid: string): Promise<void> {
    this.key = await publishedKey(kid);
  }

  get privateKey(): KeyLike {
    return this.key.privateKey;
  }

  get publicKey(): KeyLike {
    return this.key.publicKey;
  }

  get publicJwk(): JWK {
    return this.key.publicJwk;
  }

  get kid(): string {
    return this.key.publicJwk.kid!;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/protocol/openid-connect/certs`;
  }

  sign(payload: JWTPayload, options: SignOptions = {}): Promise<string> {
    const jwt = new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: options.kid ?? this.kid })
      .setIssuer(options.issuer ?? this.issuer)
      .setAudience(options.audience ?? this.audience)
      .setIssuedAt(options.issuedAt)
      .setExpirationTime(options.expiresAt ?? Math.floor(Date.now() / 1000) + 3600);
    if (options.notBefore !== undefined) jwt.setNotBefore(options.notBefore);
    return jwt.sign(options.key ?? this.privateKey);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }
}
