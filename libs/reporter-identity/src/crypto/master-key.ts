import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Holds the master key inside DATA_DIR when IDENTITY_MASTER_KEY is not set. */
export const MASTER_KEY_FILE = 'identity-master.key';

const HEX_KEY = /^[0-9a-fA-F]{64}$/;

/** The master key is missing, malformed or not the one the stored keys were wrapped with. */
export class MasterKeyError extends Error {
  override readonly name = 'MasterKeyError';
}

/**
 * The configured master key (64 hex characters) when given; otherwise the key file in `dataDir`,
 * created on first use. A malformed file is refused, never replaced: replacing it would make
 * every stored identity unreadable.
 */
export function resolveMasterKey(options: { configured: string | undefined; dataDir: string }): Buffer {
  if (options.configured !== undefined) return parseHexKey(options.configured, 'IDENTITY_MASTER_KEY');
  const file = join(options.dataDir, MASTER_KEY_FILE);
  createKeyFileIfMissing(file, options.dataDir);
  return parseHexKey(readFileSync(file, 'utf8').trim(), file);
}

function parseHexKey(text: string, source: string): Buffer {
  if (!HEX_KEY.test(text)) {
    throw new MasterKeyError(
      `${source} is not a valid identity master key (expected 64 hexadecimal characters); restore the original, as no stored reporter identity can be read without it`,
    );
  }
  return Buffer.from(text, 'hex');
}

/**
 * Written whole to a private temporary file, then hard-linked into place: the link fails if the
 * key exists, so two processes starting together agree on one key and neither reads a partial one.
 */
function createKeyFileIfMissing(file: string, dir: string): void {
  if (existsSync(file)) return;
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, `${randomBytes(32).toString('hex')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temporary, file);
    // The link itself must survive a crash: identities written next depend on this key.
    const dirFd = openSync(dir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
}
