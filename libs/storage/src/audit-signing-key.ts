import { type KeyObject, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '@lacak/config';

export const AUDIT_SIGNING_KEY_FILE = 'audit-signing.key';

/**
 * The notary's Ed25519 key: AUDIT_SIGNING_KEY (PKCS#8 DER, base64), or a PEM file made once in
 * DATA_DIR (readable by this user only) and reused, like the tracking key.
 */
export function loadAuditSigningKey(config: AppConfig): KeyObject {
  if (config.auditSigningKey) {
    const key = createPrivateKey({ key: Buffer.from(config.auditSigningKey, 'base64'), format: 'der', type: 'pkcs8' });
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`AUDIT_SIGNING_KEY holds a ${key.asymmetricKeyType} key, not an Ed25519 one`);
    return key;
  }
  mkdirSync(config.dataDir, { recursive: true });
  const file = join(config.dataDir, AUDIT_SIGNING_KEY_FILE);
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  }
  const key = createPrivateKey(readFileSync(file));
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${file} must hold an Ed25519 private key`);
  return key;
}
