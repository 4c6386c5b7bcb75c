import { createHash } from 'node:crypto';

/**
 * Where attachment files are kept, by the SHA-256 of their bytes: the same bytes are stored once,
 * and the key in an event names exactly the content it was decided on.
 */
export interface AttachmentStore {
  /** Stores the bytes durably (done before the event naming them is appended) and answers their key. */
  put(bytes: Buffer): Promise<string>;
  /** The bytes stored under the key; null when there are none (never stored, or deleted). */
  get(sha256: string): Promise<Buffer | null>;
  /** Deletes the bytes; deleting what is not there is no error. */
  delete(sha256: string): Promise<void>;
  close(): Promise<void>;
}

export const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** A key is 64 lower-case hex digits; anything else never reaches a path or a query. */
export const isAttachmentKey = (key: string): boolean => /^[0-9a-f]{64}$/.test(key);
