import { createHmac } from 'node:crypto';

/** JSON with object members sorted by name at every level and undefined ones left out: one text per value. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, member]) => `${JSON.stringify(name)}:${canonicalJson(member)}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * What tells a retry (same Idempotency-Key, same request) from another request under a reused key.
 * Keyed: a submission holds the reporter's identity, and a plain hash of a 16-digit NIK stored in an
 * event could be guessed back from it.
 */
export class RequestFingerprints {
  private readonly key: Buffer;

  /** `serverKey` is a secret every API replica shares; the fingerprint key is derived from it. */
  constructor(serverKey: Buffer) {
    this.key = createHmac('sha256', serverKey).update('lacak:request-fingerprint').digest();
  }

  of(request: unknown): string {
    return createHmac('sha256', this.key).update(canonicalJson(request)).digest('base64url');
  }
}
