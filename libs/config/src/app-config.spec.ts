import { ConfigError, LOCAL_DEVELOPMENT_JWT_SECRET, allowsDevelopmentSignIn, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('defaults to the embedded setup on port 3000 with ./data', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.dataDir).toMatch(/data$/);
    expect(config.jwtSecret).toBe(LOCAL_DEVELOPMENT_JWT_SECRET);
    expect(config.projectorInProcess).toBe(true);
    expect(config.projectorThread).toBe('worker');
  });

  it('keeps the projector on the main thread with a production store unless told otherwise', () => {
    const key = 'ab'.repeat(32);
    const mongo = { MONGODB_URI: 'mongodb://mongodb:27017/lacak', IDENTITY_MASTER_KEY: key, TRACKING_SECRET_KEY: key };
    expect(loadConfig(mongo).projectorThread).toBe('inline');
    expect(loadConfig({ EVENTSTORE_CONNECTION_STRING: 'kurrentdb://kurrentdb:2113?tls=false', SINGLE_REPLICA: 'true' }).projectorThread).toBe('inline');
    expect(loadConfig({ ...mongo, PROJECTOR_THREAD: 'worker' }).projectorThread).toBe('worker');
    expect(loadConfig({ PROJECTOR_THREAD: 'inline' }).projectorThread).toBe('inline');
  });

  it('names the allowed values of PROJECTOR_THREAD', () => {
    expect(() => loadConfig({ PROJECTOR_THREAD: 'process' })).toThrow('PROJECTOR_THREAD must be worker or inline (got "process")');
  });

  it('reads the Open311 client applications, and never shows a key in its refusal', () => {
    const key = 'k'.repeat(24);
    expect(loadConfig({}).open311Clients).toEqual([]);
    expect(loadConfig({ OPEN311_API_KEYS: `warga-app:${key}:app,kota-bot:${key}x:api` }).open311Clients).toEqual([
      { name: 'warga-app', apiKey: key, channel: 'app' },
      { name: 'kota-bot', apiKey: `${key}x`, channel: 'api' },
    ]);
    const refusal = () => loadConfig({ OPEN311_API_KEYS: 'warga-app:short-secret:app' });
    expect(refusal).toThrow('OPEN311_API_KEYS must list client applications as name:key:channel');
    expect(refusal).not.toThrow('short-secret');
  });

  it('reads and coerces the environment', () => {
    const config = loadConfig({ PORT: '8080', DATA_DIR: '/tmp/x', PROJECTOR_IN_PROCESS: 'false', LOG_LEVEL: 'warn' });
    expect(config).toMatchObject({ port: 8080, dataDir: '/tmp/x', projectorInProcess: false, logLevel: 'warn' });
  });

  it('reports every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', JWT_SECRET: 'short' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toHaveLength(3);
    expect((error as ConfigError).problems.join('\n')).toContain('PORT');
    expect((error as ConfigError).message).not.toContain('short');
    expect((error as ConfigError).message).toContain('5 characters');
  });

  it('demands both keys with MONGODB_URI, where identities are shared by every replica', () => {
    const error = (() => {
      try {
        loadConfig({ MONGODB_URI: 'mongodb://mongodb:27017/lacak' });
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(error?.problems).toEqual([
      expect.stringContaining('IDENTITY_MASTER_KEY is required with MONGODB_URI'),
      expect.stringContaining('TRACKING_SECRET_KEY is required with MONGODB_URI'),
    ]);
    const key = 'ab'.repeat(32);
    expect(loadConfig({ MONGODB_URI: 'mongodb://mongodb:27017/lacak', IDENTITY_MASTER_KEY: key, TRACKING_SECRET_KEY: key })).toMatchObject({
      identityMasterKey: key,
      trackingSecretKey: key,
    });
  });

  it('refuses identities in DATA_DIR behind events on KurrentDB unless this is the only replica', () => {
    const kurrentDb = { EVENTSTORE_CONNECTION_STRING: 'kurrentdb://kurrentdb:2113?tls=false' };
    const problems = (env: NodeJS.ProcessEnv) => {
      try {
        loadConfig(env);
        return [];
      } catch (e) {
        return (e as ConfigError).problems;
      }
    };
    expect(problems(kurrentDb)).toEqual([expect.stringMatching(/^SINGLE_REPLICA=true is required with EVENTSTORE_CONNECTION_STRING and no MONGODB_URI: .* \(got nothing\)$/)]);
    expect(problems({ ...kurrentDb, SINGLE_REPLICA: 'false' })).toEqual([expect.stringContaining('SINGLE_REPLICA=true is required')]);
    expect(problems({ ...kurrentDb, SINGLE_REPLICA: 'true' })).toEqual([]);
    // Identities in MongoDB are shared like the events; the embedded default shares nothing beyond DATA_DIR.
    const key = 'ab'.repeat(32);
    expect(problems({ ...kurrentDb, MONGODB_URI: 'mongodb://mongodb:27017/lacak', IDENTITY_MASTER_KEY: key, TRACKING_SECRET_KEY: key })).toEqual([]);
    expect(problems({})).toEqual([]);
  });

  it('tells the console where to sign in: the issuer by default, a client id only when given, openid profile', () => {
    const provider = { JWT_JWKS_URL: 'https://sso.example.go.id/realms/lacak/protocol/openid-connect/certs', JWT_ISSUER: 'https://sso.example.go.id/realms/lacak', JWT_AUDIENCE: 'lacak-api' };
    expect(loadConfig(provider).oidc).toEqual({ authority: 'https://sso.example.go.id/realms/lacak', clientId: undefined, scope: 'openid profile' });
    expect(loadConfig({ ...provider, OIDC_AUTHORITY: 'https://login.example.go.id', OIDC_CLIENT_ID: 'lacak-console', OIDC_SCOPE: 'openid profile email' }).oidc).toEqual({
      authority: 'https://login.example.go.id',
      clientId: 'lacak-console',
      scope: 'openid profile email',
    });
  });

  it('names what is wrong with the sign-in settings', () => {
    const problems = (env: NodeJS.ProcessEnv) => {
      try {
        loadConfig(env);
        return [];
      } catch (e) {
        return (e as ConfigError).problems;
      }
    };
    expect(problems({ OIDC_AUTHORITY: 'sso.example.go.id', OIDC_CLIENT_ID: 'two words', OIDC_SCOPE: 'profile email' })).toEqual([
      'OIDC_AUTHORITY must be an http(s) URL (got "sso.example.go.id")',
      'OIDC_CLIENT_ID must be a client id without spaces (got "two words")',
      'OIDC_SCOPE must be scopes separated by single spaces, openid among them (got "profile email")',
    ]);
  });

  it('serves the console from dist/console under the working directory unless CONSOLE_DIR says otherwise', () => {
    expect(loadConfig({}).consoleDir).toBe(`${process.cwd()}/dist/console`);
    expect(loadConfig({ CONSOLE_DIR: '/srv/console' }).consoleDir).toBe('/srv/console');
  });

  it('allows development sign-in only with the local development secret', () => {
    expect(allowsDevelopmentSignIn(loadConfig({}))).toBe(true);
    expect(allowsDevelopmentSignIn(loadConfig({ JWT_SECRET: 'x'.repeat(40) }))).toBe(false);
    expect(allowsDevelopmentSignIn(loadConfig({ JWT_JWKS_URL: 'https://sso.example.go.id/certs', JWT_ISSUER: 'https://sso.example.go.id', JWT_AUDIENCE: 'lacak-api' }))).toBe(false);
  });

  it('sends reporter notifications only over the channels configured, and names a missing sender', () => {
    expect(loadConfig({}).notifications).toEqual({ templatesDir: expect.stringMatching(/libs\/notifications\/templates$/), email: null, sms: null });
    expect(loadConfig({ SMTP_HOST: 'mail.example.go.id', SMTP_PORT: '465', SMTP_USER: 'lacak', SMTP_PASS: 'rahasia', NOTIFY_FROM: 'no-reply@example.go.id', SMS_GATEWAY_URL: 'https://sms.example.go.id/send', SMS_GATEWAY_TOKEN: 't' }).notifications).toMatchObject({
      email: { smtp: { host: 'mail.example.go.id', port: 465, secure: true, user: 'lacak', pass: 'rahasia' }, from: 'no-reply@example.go.id' },
      sms: { url: 'https://sms.example.go.id/send', token: 't', tokenHeader: 'Authorization', timeoutMs: 10_000 },
    });
    expect(() => loadConfig({ SMTP_URL: 'smtp://lacak:rahasia@mail.example.go.id:587' })).toThrow(/NOTIFY_FROM is required with SMTP_URL or SMTP_HOST/);
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.go.id', NOTIFY_FROM: 'x@y.id' })).toThrow(/SMTP_URL must be an SMTP URL/);
  });

  it('keeps webhooks off private addresses and on https in production unless told otherwise', () => {
    expect(loadConfig({}).webhooks).toEqual({ httpsOnly: false, allowPrivateAddresses: false, disableAfterMs: 259_200_000 });
    expect(loadConfig({ NODE_ENV: 'production', WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true', WEBHOOK_DISABLE_AFTER_MS: '60000' }).webhooks).toEqual({
      httpsOnly: true,
      allowPrivateAddresses: true,
      disableAfterMs: 60_000,
    });
  });
});
