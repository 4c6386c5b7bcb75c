import { plainToInstance, Transform } from 'class-transformer';
import { Equals, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, ValidateIf, validateSync } from 'class-validator';
import { hostname } from 'node:os';
import { resolve } from 'node:path';

/** The development signing secret: only for the embedded default, never for production tokens. */
export const LOCAL_DEVELOPMENT_JWT_SECRET = 'lacak-local-development-secret-change-me';

const LOG_LEVELS = ['silent', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const PROJECTOR_THREADS = ['worker', 'inline'] as const;
/** Where the API runs its projections: in a worker thread of its own, or on the event loop that serves requests. */
export type ProjectorThread = (typeof PROJECTOR_THREADS)[number];

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes'].includes(String(value).toLowerCase());

const OPEN311_CLIENT = '[a-z0-9][a-z0-9-]{0,39}:[A-Za-z0-9_-]{24,200}:[a-z-]{1,20}';
const OPEN311_API_KEYS_PATTERN = new RegExp(`^${OPEN311_CLIENT}(,${OPEN311_CLIENT})*$`);

/** A client application allowed to submit over Open311: its name, its API key and the channel its submissions are recorded with. */
export interface Open311Client {
  name: string;
  apiKey: string;
  channel: string;
}

const open311Clients = (value: string | undefined): Open311Client[] =>
  (value ?? '')
    .split(',')
    .filter((entry) => entry !== '')
    .map((entry) => {
      const [name, apiKey, channel] = entry.split(':');
      return { name, apiKey, channel };
    });

/** Environment variables, validated once at start. */
class Environment {
  @IsOptional() @Transform(toInt) @Min(0) @Max(65535) @IsInt()
  PORT?: number;

  @IsOptional() @IsString() @MinLength(1)
  DATA_DIR?: string;

  @IsOptional() @IsString() @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsOptional() @IsIn(LOG_LEVELS)
  LOG_LEVEL?: LogLevel;

  @IsOptional() @IsString()
  ORG_TREE_FILE?: string;

  @IsOptional() @Transform(toBool)
  PROJECTOR_IN_PROCESS?: boolean;

  @IsOptional() @IsIn(PROJECTOR_THREADS, { message: 'PROJECTOR_THREAD must be worker or inline' })
  PROJECTOR_THREAD?: ProjectorThread;

  @IsOptional()
  @Matches(/^(kurrentdb|esdb|eventstoredb)(\+discover)?:\/\/[^/?#\s]+/, {
    message: 'EVENTSTORE_CONNECTION_STRING must be a KurrentDB connection string such as kurrentdb://localhost:2113?tls=false',
  })
  EVENTSTORE_CONNECTION_STRING?: string;

  @IsOptional()
  @Matches(/^mongodb(\+srv)?:\/\/[^/?#\s]+/, {
    message: 'MONGODB_URI must be a MongoDB connection string such as mongodb://localhost:27017/lacak?replicaSet=rs0',
  })
  MONGODB_URI?: string;

  @IsOptional() @Transform(toInt) @Min(100) @Max(120_000) @IsInt()
  STORE_CONNECT_TIMEOUT_MS?: number;

  // Identities and the key files follow the read store: without MONGODB_URI they stay in this
  // DATA_DIR. The embedded event store is local too, but KurrentDB is shared: a second replica on it
  // would serve complaints whose identities and tracking secrets it cannot read, and sweep its own.
  @ValidateIf((env: Environment) => Boolean(env.EVENTSTORE_CONNECTION_STRING) && !env.MONGODB_URI)
  @Equals(true, {
    message:
      'SINGLE_REPLICA=true is required with EVENTSTORE_CONNECTION_STRING and no MONGODB_URI: reporter identities and their keys stay in this DATA_DIR while the events are shared, so another replica could not read them; set MONGODB_URI (with IDENTITY_MASTER_KEY and TRACKING_SECRET_KEY) to share them, or SINGLE_REPLICA=true when every process runs on this one DATA_DIR',
  })
  @Transform(toBool)
  SINGLE_REPLICA?: boolean;

  @IsOptional() @Transform(toInt) @Min(300) @Max(600_000) @IsInt()
  PROJECTOR_LEASE_TTL_MS?: number;

  @IsOptional() @IsString() @MinLength(1)
  PROJECTOR_ID?: string;

  @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'JWT_JWKS_URL must be an http(s) URL' })
  JWT_JWKS_URL?: string;

  // With an identity provider, tokens must name it and this API, or any token it signs would do.
  @ValidateIf((env: Environment) => env.JWT_JWKS_URL !== undefined || env.JWT_ISSUER !== undefined)
  @IsString({ message: 'JWT_ISSUER is required with JWT_JWKS_URL' }) @MinLength(1)
  JWT_ISSUER?: string;

  @ValidateIf((env: Environment) => env.JWT_JWKS_URL !== undefined || env.JWT_AUDIENCE !== undefined)
  @IsString({ message: 'JWT_AUDIENCE is required with JWT_JWKS_URL' }) @MinLength(1)
  JWT_AUDIENCE?: string;

  @IsOptional() @Matches(/^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/, { message: 'JWT_ROLE_CLAIM must be a claim name or a dotted path such as realm_access.roles' })
  JWT_ROLE_CLAIM?: string;

  @IsOptional() @Matches(/^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/, { message: 'JWT_AGENCY_CLAIM must be a claim name or a dotted path' })
  JWT_AGENCY_CLAIM?: string;

  // The console signs in at the identity provider itself: where (the issuer by default), as which client, asking for what.
  @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'OIDC_AUTHORITY must be an http(s) URL' })
  OIDC_AUTHORITY?: string;

  @IsOptional() @Matches(/^[\x21-\x7e]{1,200}$/, { message: 'OIDC_CLIENT_ID must be a client id without spaces' })
  OIDC_CLIENT_ID?: string;

  @IsOptional() @Matches(/^(\S+ )*openid( \S+)*$/, { message: 'OIDC_SCOPE must be scopes separated by single spaces, openid among them' })
  OIDC_SCOPE?: string;

  @IsOptional() @IsString() @MinLength(1)
  CONSOLE_DIR?: string;

  // With MongoDB the identities are shared by every replica and outlive any container: a key file
  // made in one container's DATA_DIR would differ per replica and vanish with the container.
  @ValidateIf((env: Environment) => env.MONGODB_URI !== undefined || env.IDENTITY_MASTER_KEY !== undefined)
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'IDENTITY_MASTER_KEY must be 64 hexadecimal characters (32 bytes)' })
  @IsString({ message: 'IDENTITY_MASTER_KEY is required with MONGODB_URI, the same on every process' })
  IDENTITY_MASTER_KEY?: string;

  @ValidateIf((env: Environment) => env.MONGODB_URI !== undefined || env.TRACKING_SECRET_KEY !== undefined)
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'TRACKING_SECRET_KEY must be 64 hexadecimal characters (32 bytes)' })
  @IsString({ message: 'TRACKING_SECRET_KEY is required with MONGODB_URI, the same on every process' })
  TRACKING_SECRET_KEY?: string;

  // Every process that signs tree heads must sign with the same key, or an auditor holds heads
  // that the published public key does not verify: set it wherever processes share the read models.
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{40,}={0,2}$/, { message: 'AUDIT_SIGNING_KEY must be an Ed25519 private key, PKCS#8 DER in base64 (openssl genpkey -algorithm ed25519 -outform DER | base64 -w0)' })
  AUDIT_SIGNING_KEY?: string;

  @IsOptional() @Transform(toInt) @Min(1_000) @Max(86_400_000) @IsInt()
  AUDIT_TREE_HEAD_INTERVAL_MS?: number;

  @IsOptional()
  @Matches(/^(true|false|\d{1,2}|[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*)$/, {
    message: 'TRUST_PROXY must be true, false, a hop count, or a comma-separated list of proxy addresses/CIDRs',
  })
  TRUST_PROXY?: string;

  @IsOptional() @IsString() @MinLength(1)
  SLA_POLICY_FILE?: string;

  @IsOptional() @IsString() @MinLength(1)
  HOLIDAY_FILE?: string;

  @IsOptional() @Transform(toInt) @Min(100) @Max(3_600_000) @IsInt()
  DEADLINE_CHECK_INTERVAL_MS?: number;

  @IsOptional() @IsString() @MinLength(1)
  NOTIFICATION_TEMPLATES_DIR?: string;

  @IsOptional() @Matches(/^smtps?:\/\/[^/?#\s]+/, { message: 'SMTP_URL must be an SMTP URL such as smtp://user:pass@mail.example.go.id:587 or smtps://…:465' })
  SMTP_URL?: string;

  @IsOptional() @IsString() @MinLength(1)
  SMTP_HOST?: string;

  @IsOptional() @Transform(toInt) @Min(1) @Max(65535) @IsInt()
  SMTP_PORT?: number;

  @IsOptional() @Transform(toBool)
  SMTP_SECURE?: boolean;

  @IsOptional() @IsString()
  SMTP_USER?: string;

  @IsOptional() @IsString()
  SMTP_PASS?: string;

  // Mail with no sender is refused by most servers, and a made-up one is worse: name it.
  @ValidateIf((env: Environment) => Boolean(env.SMTP_URL || env.SMTP_HOST) || env.NOTIFY_FROM !== undefined)
  @MinLength(3) @IsString({ message: 'NOTIFY_FROM is required with SMTP_URL or SMTP_HOST' })
  NOTIFY_FROM?: string;

  @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'SMS_GATEWAY_URL must be an http(s) URL' })
  SMS_GATEWAY_URL?: string;

  @IsOptional() @IsString() @MinLength(1)
  SMS_GATEWAY_TOKEN?: string;

  @IsOptional() @Matches(/^[A-Za-z0-9-]{1,100}$/, { message: 'SMS_GATEWAY_TOKEN_HEADER must be a header name' })
  SMS_GATEWAY_TOKEN_HEADER?: string;

  @IsOptional() @Transform(toInt) @Min(100) @Max(120_000) @IsInt()
  SMS_GATEWAY_TIMEOUT_MS?: number;

  @IsOptional() @Transform(toInt) @Min(100) @Max(86_400_000) @IsInt()
  PENDING_IDENTITY_TIMEOUT_MS?: number;

  @IsOptional() @Transform(toInt) @Min(1_000) @Max(604_800_000) @IsInt()
  INTEGRITY_CHECK_INTERVAL_MS?: number;

  @IsOptional() @Transform(toInt) @Min(1) @Max(100_000) @IsInt()
  RATE_LIMIT_SUBMISSIONS_PER_MINUTE?: number;

  @IsOptional() @Transform(toInt) @Min(1) @Max(100_000) @IsInt()
  RATE_LIMIT_TRACKING_PER_MINUTE?: number;

  @IsOptional() @IsString() @MinLength(1)
  LAPOR_AGENCIES_FILE?: string;

  @IsOptional() @Transform(toInt) @Min(10) @Max(3_600_000) @IsInt()
  LAPOR_POLL_INTERVAL_MS?: number;

  @IsOptional() @Transform(toInt) @Min(1) @Max(3_600_000) @IsInt()
  DELIVERY_RETRY_BASE_MS?: number;

  @IsOptional() @Transform(toInt) @Min(1) @Max(86_400_000) @IsInt()
  DELIVERY_RETRY_MAX_MS?: number;

  @IsOptional() @Transform(toInt) @Min(1) @Max(100) @IsInt()
  DELIVERY_MAX_ATTEMPTS?: number;

  @IsOptional() @Transform(toInt) @Min(100) @Max(600_000) @IsInt()
  DELIVERY_TIMEOUT_MS?: number;

  @IsOptional() @Transform(toInt) @Min(1) @Max(64) @IsInt()
  DELIVERY_CONCURRENCY?: number;

  @IsOptional() @Transform(toInt) @Min(10) @Max(600_000) @IsInt()
  DELIVERY_POLL_INTERVAL_MS?: number;

  @IsOptional()
  @Matches(OPEN311_API_KEYS_PATTERN, {
    message: 'OPEN311_API_KEYS must list client applications as name:key:channel, comma-separated, each key of at least 24 letters, digits, - or _',
  })
  OPEN311_API_KEYS?: string;

  @IsOptional() @IsString()
  NODE_ENV?: string;

  @IsOptional() @Transform(toBool)
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES?: boolean;

  @IsOptional() @Transform(toInt) @Min(0) @Max(2_592_000_000) @IsInt()
  WEBHOOK_DISABLE_AFTER_MS?: number;
  @IsOptional() @Transform(toInt) @Min(1_024) @Max(104_857_600) @IsInt()
  ATTACHMENT_MAX_BYTES?: number;

  @IsOptional() @Transform(toInt) @Min(1) @Max(268_402_689) @IsInt()
  ATTACHMENT_MAX_PIXELS?: number;
}

/** How bearer tokens are verified: the local development secret, or an OIDC provider's JWKS. */
export type TokenVerification =
  | { kind: 'local-secret'; secret: string }
  | { kind: 'jwks'; jwksUrl: string; issuer: string | undefined; audience: string | undefined };

export interface IdentityClaims {
  /** Claim (or dotted path) holding the role: a string, or an array whose first known role counts. */
  role: string;
  /** Claim (or dotted path) holding the actor's organisation node id. */
  agencyId: string;
}

/** What the web console needs to sign in at the identity provider (OpenID Connect, authorization code with PKCE). */
export interface OidcClientSetting {
  /** The provider's issuer URL, where its discovery document is; by default JWT_ISSUER. */
  authority: string | undefined;
  /** The console's public client id at the provider; unset, the console cannot sign in. */
  clientId: string | undefined;
  scope: string;
}

/** Which event store serves this process: the embedded SQLite file, or a KurrentDB server. */
export type EventStoreSetting = { kind: 'embedded' } | { kind: 'kurrentdb'; connectionString: string };

/** Which read store serves this process: the embedded SQLite file, or MongoDB. */
export type ReadStoreSetting = { kind: 'embedded' } | { kind: 'mongodb'; uri: string };

export type SmtpSetting = { url: string } | { host: string; port: number; secure: boolean; user?: string; pass?: string };

export interface NotificationSettings {
  templatesDir: string;
  email: { smtp: SmtpSetting; from: string } | null;
  sms: { url: string; token?: string; tokenHeader: string; timeoutMs: number } | null;
}

export interface AppConfig {
  port: number;
  /** Where the embedded SQLite files live. */
  dataDir: string;
  jwtSecret: string;
  logLevel: LogLevel;
  orgTreeFile: string | undefined;
  /** Whether the API process also runs the projections (the embedded default). */
  projectorInProcess: boolean;
  /**
   * With `projectorInProcess`: `worker` runs the projections in a worker thread, so catching up
   * takes no time from the requests (the embedded default); `inline` on the API's own event loop.
   */
  projectorThread: ProjectorThread;
  eventStore: EventStoreSetting;
  readStore: ReadStoreSetting;
  /** How long a production store may take to answer at start before the process gives up. */
  storeConnectTimeoutMs: number;
  /** How long a dead projector's lease blocks a takeover. */
  projectorLeaseTtlMs: number;
  /** Names this process as a lease holder; unique per process. */
  projectorId: string;
  tokens: TokenVerification;
  claims: IdentityClaims;
  oidc: OidcClientSetting;
  /** Where the built web console is (index.html and assets/), served at / by the API. */
  consoleDir: string;
  /** Wraps every reporter's key; without it, a key file in DATA_DIR is made and used. */
  identityMasterKey: string | undefined;
  /** Derives each complaint's tracking secret; without it, a key file in DATA_DIR is made and used. */
  trackingSecretKey: string | undefined;
  /** The notary's Ed25519 key (PKCS#8 DER, base64); without it, a key file in DATA_DIR. */
  auditSigningKey: string | undefined;
  /** How often the notary signs a tree head when the log has grown. */
  auditTreeHeadIntervalMs: number;
  /**
   * How long a reporter identity may stay pending (stored, its complaint not yet) before a sweep
   * settles it; far longer than any submission takes. Also how often the sweep runs.
   */
  pendingIdentityTimeoutMs: number;
  rateLimits: { submissionsPerMinute: number; trackingPerMinute: number };
  /** Versioned SLA policies and the holiday calendar; unset: the files shipped with libs/deadlines. */
  slaPolicyFile: string | undefined;
  holidayFile: string | undefined;
  /** How often the deadline process looks for clocks that ran out. */
  deadlineCheckIntervalMs: number;
  /** Reporter notifications: the templates, and each channel when configured (null: not sent). */
  notifications: NotificationSettings;
  /** How often the engine verifies the whole event log after the verification at start. */
  integrityCheckIntervalMs: number;
  /** Fastify's `trustProxy`: whether, how many, or which proxies may name the client address. */
  trustProxy: boolean | number | string[];
  /** SP4N-LAPOR! sync: the agencies' settings file (none: no sync) and how often the poller looks for complaints due a check. */
  lapor: { agenciesFile: string | undefined; pollIntervalMs: number };
  /** The delivery outbox: backoff, attempts, each attempt's timeout, deliveries at once, polling. */
  deliveries: DeliverySettings;
  /** The client applications that may submit over Open311 (`POST /open311/v2/requests`); none by default. */
  open311Clients: Open311Client[];
  webhooks: WebhookSettings;
  /** The largest attachment taken, in bytes, and the most pixels an image may decode to (decompression bombs). */
  attachments: { maxBytes: number; maxPixels: number };
}

export interface WebhookSettings {
  /** With NODE_ENV=production: endpoints must use https. */
  httpsOnly: boolean;
  /** Lets loopback, private and link-local receivers (and plain http) through: tests and closed networks only. */
  allowPrivateAddresses: boolean;
  /** An endpoint whose delivery keeps failing for longer than this is disabled. */
  disableAfterMs: number;
}

export interface DeliverySettings {
  /** The first retry waits up to this long; each next one up to twice as long (full jitter). */
  retryBaseMs: number;
  /** No retry waits longer. */
  retryMaxMs: number;
  /** Attempts in all before a delivery is dead (dead-letter list). */
  maxAttempts: number;
  /** One attempt's time limit. */
  timeoutMs: number;
  /** Deliveries of different complaints or targets carried at once, at most. */
  concurrency: number;
  /** How often due deliveries are looked for when nothing new was planned. */
  pollIntervalMs: number;
}

function notificationSettings(env: Environment): NotificationSettings {
  const smtp: SmtpSetting | null = env.SMTP_URL
    ? { url: env.SMTP_URL }
    : env.SMTP_HOST
      ? { host: env.SMTP_HOST, port: env.SMTP_PORT ?? 587, secure: env.SMTP_SECURE ?? env.SMTP_PORT === 465, user: env.SMTP_USER || undefined, pass: env.SMTP_PASS || undefined }
      : null;
  return {
    templatesDir: resolve(env.NOTIFICATION_TEMPLATES_DIR ?? 'libs/notifications/templates'),
    email: smtp && env.NOTIFY_FROM ? { smtp, from: env.NOTIFY_FROM } : null,
    sms: env.SMS_GATEWAY_URL
      ? { url: env.SMS_GATEWAY_URL, token: env.SMS_GATEWAY_TOKEN, tokenHeader: env.SMS_GATEWAY_TOKEN_HEADER ?? 'Authorization', timeoutMs: env.SMS_GATEWAY_TIMEOUT_MS ?? 10_000 }
      : null,
  };
}

function parseTrustProxy(value: string | undefined): boolean | number | string[] {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value.split(',');
}

/** What a message may show of a rejected value: never a secret, never a password in a URL. */
function shown(name: string, value: string | undefined): string {
  if (value === undefined) return 'nothing';
  if (['JWT_SECRET', 'IDENTITY_MASTER_KEY', 'TRACKING_SECRET_KEY', 'AUDIT_SIGNING_KEY', 'OPEN311_API_KEYS', 'SMTP_PASS', 'SMS_GATEWAY_TOKEN'].includes(name)) return `${value.length} characters`;
  return JSON.stringify(value.replace(/\/\/[^@/]*@/, '//***@'));
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Whether anyone may get a token from the API itself (`POST /auth/dev-token`): only while it verifies
 * tokens with the local development secret, which is public, so such tokens prove nothing anyway.
 */
export const allowsDevelopmentSignIn = (config: Pick<AppConfig, 'tokens'>): boolean =>
  config.tokens.kind === 'local-secret' && config.tokens.secret === LOCAL_DEVELOPMENT_JWT_SECRET;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = plainToInstance(Environment, { ...env }, { excludeExtraneousValues: false });
  const errors = validateSync(parsed, { whitelist: false });
  if (errors.length > 0) {
    // One message per variable: the first broken constraint is the one worth reading.
    throw new ConfigError(errors.map((e) => `${Object.values(e.constraints ?? {})[0]} (got ${shown(e.property, env[e.property])})`));
  }
  const eventStore: EventStoreSetting = parsed.EVENTSTORE_CONNECTION_STRING
    ? { kind: 'kurrentdb', connectionString: parsed.EVENTSTORE_CONNECTION_STRING }
    : { kind: 'embedded' };
  const readStore: ReadStoreSetting = parsed.MONGODB_URI ? { kind: 'mongodb', uri: parsed.MONGODB_URI } : { kind: 'embedded' };
  // SQLite computes on the calling thread, so the embedded projector gets a thread of its own; with the
  // production stores it stays inline (or runs as apps/projector), as the worker is tested on SQLite only.
  const embedded = eventStore.kind === 'embedded' && readStore.kind === 'embedded';
  const config: AppConfig = {
    port: parsed.PORT ?? 3000,
    dataDir: resolve(parsed.DATA_DIR ?? './data'),
    jwtSecret: parsed.JWT_SECRET ?? LOCAL_DEVELOPMENT_JWT_SECRET,
    logLevel: parsed.LOG_LEVEL ?? 'log',
    orgTreeFile: parsed.ORG_TREE_FILE || undefined,
    projectorInProcess: parsed.PROJECTOR_IN_PROCESS ?? true,
    projectorThread: parsed.PROJECTOR_THREAD ?? (embedded ? 'worker' : 'inline'),
    eventStore,
    readStore,
    storeConnectTimeoutMs: parsed.STORE_CONNECT_TIMEOUT_MS ?? 5000,
    projectorLeaseTtlMs: parsed.PROJECTOR_LEASE_TTL_MS ?? 15_000,
    projectorId: parsed.PROJECTOR_ID ?? `${hostname()}:${process.pid}`,
    tokens: parsed.JWT_JWKS_URL
      ? { kind: 'jwks', jwksUrl: parsed.JWT_JWKS_URL, issuer: parsed.JWT_ISSUER, audience: parsed.JWT_AUDIENCE }
      : { kind: 'local-secret', secret: parsed.JWT_SECRET ?? LOCAL_DEVELOPMENT_JWT_SECRET },
    claims: { role: parsed.JWT_ROLE_CLAIM ?? 'role', agencyId: parsed.JWT_AGENCY_CLAIM ?? 'agencyId' },
    oidc: { authority: parsed.OIDC_AUTHORITY ?? parsed.JWT_ISSUER, clientId: parsed.OIDC_CLIENT_ID, scope: parsed.OIDC_SCOPE ?? 'openid profile' },
    consoleDir: resolve(parsed.CONSOLE_DIR ?? 'dist/console'),
    identityMasterKey: parsed.IDENTITY_MASTER_KEY,
    trackingSecretKey: parsed.TRACKING_SECRET_KEY,
    auditSigningKey: parsed.AUDIT_SIGNING_KEY,
    auditTreeHeadIntervalMs: parsed.AUDIT_TREE_HEAD_INTERVAL_MS ?? 600_000,
    pendingIdentityTimeoutMs: parsed.PENDING_IDENTITY_TIMEOUT_MS ?? 300_000,
    trustProxy: parseTrustProxy(parsed.TRUST_PROXY),
    slaPolicyFile: parsed.SLA_POLICY_FILE,
    holidayFile: parsed.HOLIDAY_FILE,
    deadlineCheckIntervalMs: parsed.DEADLINE_CHECK_INTERVAL_MS ?? 60_000,
    notifications: notificationSettings(parsed),
    integrityCheckIntervalMs: parsed.INTEGRITY_CHECK_INTERVAL_MS ?? 21_600_000,
    rateLimits: {
      submissionsPerMinute: parsed.RATE_LIMIT_SUBMISSIONS_PER_MINUTE ?? 20,
      trackingPerMinute: parsed.RATE_LIMIT_TRACKING_PER_MINUTE ?? 60,
    },
    lapor: { agenciesFile: parsed.LAPOR_AGENCIES_FILE, pollIntervalMs: parsed.LAPOR_POLL_INTERVAL_MS ?? 60_000 },
    deliveries: {
      retryBaseMs: parsed.DELIVERY_RETRY_BASE_MS ?? 30_000,
      retryMaxMs: parsed.DELIVERY_RETRY_MAX_MS ?? 3_600_000,
      maxAttempts: parsed.DELIVERY_MAX_ATTEMPTS ?? 10,
      timeoutMs: parsed.DELIVERY_TIMEOUT_MS ?? 10_000,
      concurrency: parsed.DELIVERY_CONCURRENCY ?? 4,
      pollIntervalMs: parsed.DELIVERY_POLL_INTERVAL_MS ?? 1_000,
    },
    open311Clients: open311Clients(parsed.OPEN311_API_KEYS),
    webhooks: {
      httpsOnly: parsed.NODE_ENV === 'production',
      allowPrivateAddresses: parsed.WEBHOOK_ALLOW_PRIVATE_ADDRESSES ?? false,
      disableAfterMs: parsed.WEBHOOK_DISABLE_AFTER_MS ?? 259_200_000,
    },
    attachments: { maxBytes: parsed.ATTACHMENT_MAX_BYTES ?? 10 * 1024 * 1024, maxPixels: parsed.ATTACHMENT_MAX_PIXELS ?? 50_000_000 },
  };
  return Object.freeze(config);
}
