import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, type KeyLike, SignJWT } from 'jose';

interface PendingCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  nonce: string | undefined;
}

const base64url = (bytes: Buffer) => bytes.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/**
 * A stand-in OpenID Connect provider for the browser suites: discovery, an authorization endpoint that
 * signs the user in at once as `user`, a token endpoint that insists on the PKCE verifier (S256) of
 * the code's challenge, and the key set. Browsers call it from the console's origin, so it answers CORS.
 */
export class FakeOidcProvider {
  /** Token requests whose PKCE verifier matched the challenge the authorization request carried. */
  verifiedExchanges = 0;
  private readonly codes = new Map<string, PendingCode>();
  private readonly server = createServer((req, res) => void this.answer(req, res));

  private constructor(
    private readonly privateKey: KeyLike,
    private readonly publicJwk: JWK,
    private readonly user: JWTPayload,
    readonly audience: string,
  ) {}

  static async start(user: JWTPayload, audience = 'lacak-api'): Promise<FakeOidcProvider> {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const provider = new FakeOidcProvider(privateKey, { ...(await exportJWK(publicKey)), kid: 'oidc-test', alg: 'RS256', use: 'sig' }, user, audience);
    await new Promise<void>((done) => provider.server.listen(0, '127.0.0.1', done));
    return provider;
  }

  get issuer(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get jwksUrl(): string {
    return `${this.issuer}/jwks`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((done) => this.server.close(() => done()));
  }

  private sign(payload: JWTPayload, audience: string): Promise<string> {
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.publicJwk.kid })
      .setIssuer(this.issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(this.privateKey);
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.issuer);
    const cors = { 'access-control-allow-origin': req.headers.origin ?? '*', 'access-control-allow-headers': 'content-type, authorization' };
    const json = (status: number, body: unknown): void => void res.writeHead(status, { ...cors, 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.method === 'OPTIONS') return void res.writeHead(204, { ...cors, 'access-control-allow-methods': 'GET, POST' }).end();
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer: this.issuer,
        authorization_endpoint: `${this.issuer}/authorize`,
        token_endpoint: `${this.issuer}/token`,
        jwks_uri: this.jwksUrl,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
      });
    }
    if (url.pathname === '/jwks') return json(200, { keys: [this.publicJwk] });
    if (url.pathname === '/authorize') {
      const challenge = url.searchParams.get('code_challenge');
      if (url.searchParams.get('response_type') !== 'code' || url.searchParams.get('code_challenge_method') !== 'S256' || !challenge) {
        return json(400, { error: 'invalid_request', error_description: 'authorization code with PKCE (S256) only' });
      }
      const code = randomUUID();
      const redirectUri = url.searchParams.get('redirect_uri')!;
      this.codes.set(code, { clientId: url.searchParams.get('client_id')!, redirectUri, challenge, nonce: url.searchParams.get('nonce') ?? undefined });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      return void res.writeHead(302, { location: back.toString() }).end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      const form = new URLSearchParams(raw);
      const pending = this.codes.get(form.get('code') ?? '');
      this.codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      if (!pending || form.get('redirect_uri') !== pending.redirectUri || base64url(createHash('sha256').update(verifier).digest()) !== pending.challenge) {
        return json(400, { error: 'invalid_grant' });
      }
      this.verifiedExchanges += 1;
      return json(200, {
        token_type: 'Bearer',
        expires_in: 3600,
        access_token: await this.sign(this.user, this.audience),
        id_token: await this.sign({ sub: this.user.sub, nonce: pending.nonce }, pending.clientId),
      });
    }
    json(404, { error: 'not_found' });
  }
}
