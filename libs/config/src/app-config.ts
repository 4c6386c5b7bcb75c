import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength, validateSync } from 'class-validator';
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
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(65535)
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
    throw new ConfigError(
      errors.map((e) => `${Object.values(e.constraints ?? {})[0]} (got ${JSON.stringify(env[e.property])})`),
    );
  }
  return Object.freeze({
    port: parsed.PORT ?? 3000,
    dataDir: resolve(parsed.DATA_DIR ?? './data'),
    jwtSecret: parsed.JWT_SECRET ?? LOCAL_DEVELOPMENT_JWT_SECRET,
    logLevel: parsed.LOG_LEVEL ?? 'log',
    orgTreeFile: parsed.ORG_TREE_FILE || undefined,
    projectorInProcess: parsed.PROJECTOR_IN_PROCESS ?? true,
  });
}
