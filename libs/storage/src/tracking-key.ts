import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '@lacak/config';

export const TRACKING_KEY_FILE = 'tracking-secret.key';

/** The configured key, or one made once in DATA_DIR (readable by this user only) and reused. */
export function loadTrackingKey(config: AppConfig): Buffer {
  if (config.trackingSecretKey) return Buffer.from(config.trackingSecretKey, 'hex');
  mkdirSync(config.dataDir, { recursive: true });
  const file = join(config.dataDir, TRACKING_KEY_FILE);
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  const hex = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error(`${file} must hold 64 hexadecimal characters`);
  return Buffer.from(hex, 'hex');
}
