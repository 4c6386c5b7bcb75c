import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { IdentityUnreadableError, type ReporterIdentity } from '../reporter-identity.port';

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** One AES-256-GCM message: a fresh random IV each time, so the same key is safe to reuse. */
export interface Sealed {
  ciphertext: Buffer;
  iv: Buffer;
  tag: Buffer;
}

// Distinct additional data per use: a blob sealed for one purpose or one reporter opens for no other.
const identityAad = (reporterRef: string) => Buffer.from(`lacak:reporter-identity:${reporterRef}`);
const keyAad = (reporterRef: string) => Buffer.from(`lacak:reporter-key:${reporterRef}`);
const MASTER_KEY_CHECK_AAD = Buffer.from('lacak:identity-master-key-check');

function seal(plaintext: Buffer, key: Buffer, aad: Buffer): Sealed {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES }).setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ciphertext, iv, tag: cipher.getAuthTag() };
}

/** Throws when the key, the additional data or any byte differs from what was sealed. */
function unseal({ ciphertext, iv, tag }: Sealed, key: Buffer, aad: Buffer): Buffer {
  const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES }).setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

// A wrapped key is stored as one blob: IV, tag, then ciphertext.
const pack = ({ ciphertext, iv, tag }: Sealed): Buffer => Buffer.concat([iv, tag, ciphertext]);
const unpack = (blob: Buffer): Sealed => ({
  iv: blob.subarray(0, IV_BYTES),
  tag: blob.subarray(IV_BYTES, IV_BYTES + TAG_BYTES),
  ciphertext: blob.subarray(IV_BYTES + TAG_BYTES),
});

export function assertKey(key: Buffer, what: string): void {
  if (key.length !== KEY_BYTES) throw new RangeError(`${what} must be ${KEY_BYTES} bytes, got ${key.length}`);
}

export const newDataKey = (): Buffer => randomBytes(KEY_BYTES);

export function encryptIdentity(identity: ReporterIdentity, dataKey: Buffer, reporterRef: string): Sealed {
  return seal(Buffer.from(JSON.stringify(identity)), dataKey, identityAad(reporterRef));
}

export function decryptIdentity(sealed: Sealed, dataKey: Buffer, reporterRef: string): ReporterIdentity {
  try {
    return JSON.parse(unseal(sealed, dataKey, identityAad(reporterRef)).toString()) as ReporterIdentity;
  } catch {
    throw new IdentityUnreadableError(reporterRef, 'the ciphertext was altered or belongs to another reporter');
  }
}

export function wrapDataKey(dataKey: Buffer, masterKey: Buffer, reporterRef: string): Buffer {
  return pack(seal(dataKey, masterKey, keyAad(reporterRef)));
}

export function unwrapDataKey(wrapped: Buffer, masterKey: Buffer, reporterRef: string): Buffer {
  try {
    return unseal(unpack(wrapped), masterKey, keyAad(reporterRef));
  } catch {
    throw new IdentityUnreadableError(reporterRef, 'its key does not open with this master key (wrong key, or altered key data)');
  }
}

/** Sealed nothing under the master key: lets a store tell a wrong master key apart at start. */
export const masterKeyCheck = (masterKey: Buffer): Buffer => pack(seal(Buffer.alloc(0), masterKey, MASTER_KEY_CHECK_AAD));

export function matchesMasterKeyCheck(check: Buffer, masterKey: Buffer): boolean {
  try {
    unseal(unpack(check), masterKey, MASTER_KEY_CHECK_AAD);
    return true;
  } catch {
    return false;
  }
}
