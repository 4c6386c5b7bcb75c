import { ConsoleLogger, type LoggerService } from '@nestjs/common';
import type { LogLevel } from './app-config';

type MessageLevel = 'error' | 'warn' | 'log' | 'debug' | 'verbose';

const LEVELS: Record<Exclude<LogLevel, 'silent'>, MessageLevel[]> = {
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

/** Whether a process at this level writes messages of that one: callers skip building what would be dropped. */
export const logsAt = (level: LogLevel, message: MessageLevel): boolean => level !== 'silent' && LEVELS[level].includes(message);
