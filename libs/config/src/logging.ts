import { ConsoleLogger, type LoggerService } from '@nestjs/common';
import type { LogLevel } from './app-config';

const LEVELS: Record<Exclude<LogLevel, 'silent'>, ('error' | 'warn' | 'log' | 'debug' | 'verbose')[]> = {
  error: ['error'],
  warn: ['error', 'warn'],
  log: ['error', 'warn', 'log'],
  debug: ['error', 'warn', 'log', 'debug'],
  verbose: ['error', 'warn', 'log', 'debug', 'verbose'],
};

/** Structured JSON logs, one object per line, for every process. */
export function createLogger(level: LogLevel): LoggerService | false {
  return level === 'silent' ? false : new ConsoleLogger({ json: true, logLevels: LEVELS[level] });
}
