import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { hostname } from 'node:os';
import { resolve } from 'node:path';

/** The development signing secret: only for the embedded default, never for production tokens. */
export const LOCAL_DEVELOPMENT_JWT_SECRET = 'lacak-local-development-secret-change-me';

const LOG_LEVELS = ['silent', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes'].includes(String(value).toLowerCase());

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

  @IsOptional() @Transform(toInt) @Min(300) @Max(600_000) @IsInt()
  PROJECTOR_LEASE_TTL_MS?: number;

  @IsOptional() @IsString() @MinLength(1)
  PROJECTOR_ID?: string;
}

/** Which event store serves this process: the embedded SQLite file, or a KurrentDB server. */
export type EventStoreSetting = { kind: 'embedded' } | { kind: 'kurrentdb'; connectionString: string };

/** Which read store serves this process: the embedded SQLite file, or MongoDB. */
export type ReadStoreSetting = { kind: 'embedded' } | { kind: 'mongodb'; uri: string };

export interface AppConfig {
  port: number;
  /** Where the embedded SQLite files live. */
  dataDir: string;
  jwtSecret: string;
  logLevel: LogLevel;
  orgTreeFile: string | undefined;
  /** Whether the API process also runs the projections (the embedded default). */
  projectorInProcess: boolean;
  eventStore: EventStoreSetting;
  readStore: ReadStoreSetting;
  /** How long a production store may take to answer at start before the process gives up. */
  storeConnectTimeoutMs: number;
  /** How long a dead projector's lease blocks a takeover. */
  projectorLeaseTtlMs: number;
  /** Names this process as a lease holder; unique per process. */
  projectorId: string;
}

/** What a message may show of a rejected value: never a secret, never a password in a URL. */
function shown(name: string, value: string | undefined): string {
  if (value === undefined) return 'nothing';
  if (name === 'JWT_SECRET') return `${value.length} characters`;
  return JSON.stringify(value.replace(/\/\/[^@/]*@/, '//***@'));
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = plainToInstance(Environment, { ...env }, { excludeExtraneousValues: false });
  const errors = validateSync(parsed, { whitelist: false });
  if (errors.length > 0) {
    // One message per variable: the first broken constraint is the one worth reading.
    throw new ConfigError(errors.map((e) => `${Object.values(e.constraints ?? {})[0]} (got ${shown(e.property, env[e.property])})`));
  }
  const config: AppConfig = {
    port: parsed.PORT ?? 3000,
    dataDir: resolve(parsed.DATA_DIR ?? './data'),
    jwtSecret: parsed.JWT_SECRET ?? LOCAL_DEVELOPMENT_JWT_SECRET,
    logLevel: parsed.LOG_LEVEL ?? 'log',
    orgTreeFile: parsed.ORG_TREE_FILE || undefined,
    projectorInProcess: parsed.PROJECTOR_IN_PROCESS ?? true,
    eventStore: parsed.EVENTSTORE_CONNECTION_STRING
      ? { kind: 'kurrentdb', connectionString: parsed.EVENTSTORE_CONNECTION_STRING }
      : { kind: 'embedded' },
    readStore: parsed.MONGODB_URI ? { kind: 'mongodb', uri: parsed.MONGODB_URI } : { kind: 'embedded' },
    storeConnectTimeoutMs: parsed.STORE_CONNECT_TIMEOUT_MS ?? 5000,
    projectorLeaseTtlMs: parsed.PROJECTOR_LEASE_TTL_MS ?? 15_000,
    projectorId: parsed.PROJECTOR_ID ?? `${hostname()}:${process.pid}`,
  };
  return Object.freeze(config);
}
