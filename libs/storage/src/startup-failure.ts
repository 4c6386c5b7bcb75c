import { ConfigError } from '@lacak/config';
import { StoreConnectionError } from './open-stores';

/**
 * Ends a process that could not start. Configuration and unreachable stores are the operator's
 * to fix, so they get the message alone and status 2; anything else is a bug, with its stack.
 */
export function exitOnStartupFailure(error: unknown): never {
  if (error instanceof ConfigError || error instanceof StoreConnectionError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
}
