import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { WebhookSecrets } from '@lacak/application';

const PREFIX = 'whsec_';
/** Standard Webhooks secrets: 24 to 64 random bytes, base64 after `whsec_`. */
const SECRET_PATTERN = /^whsec_[A-Za-z0-9+/]+={0,2}$/;

/**
 * Signing secrets in the Standard Webhooks form, sealed with AES-256-GCM under a key derived from the
 * engine's own key (HKDF), so the event that registers an endpoint keeps the secret without the
 * event log ever holding it in the clear, and the channel can open it to sign.
 */
export class WebhookSecretBox implements WebhookSecrets {
  private readonly key: Buffer;

  constructor(engineKey: Buffer) {
    this.key = Buffer.from(hkdfSync('sha256', engineKey, Buffer.alloc(0), 'lacak webhook signing secrets', 32));
  }

  generate(): string {
    return `${PREFIX}${randomBytes(32).toString('base64')}`;
  }

  problem(secret: string): string | null {
    if (!SECRET_PATTERN.test(secret)) return 'secret must be whsec_ followed by base64';
    const bytes = Buffer.from(secret.slice(PREFIX.length), 'base64').length;
    return bytes >= 24 && bytes <= 64 ? null : 'secret must hold 24 to 64 bytes';
  }

  seal(secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return `v1.${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64')}`;
  }

  open(sealed: string): string {
    const bytes = Buffer.from(sealed.slice('v1.'.length), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
  }
}
