import { createHmac, timingSafeEqual } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const base32 = (bytes: Buffer): string => {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
};

/**
 * Each complaint's tracking secret is an HMAC of its id under a server key: nothing to store or
 * leak, the same answer for an idempotent repeat of a submission, and checked in constant time.
 * 160 bits, written as 32 Crockford base-32 characters.
 */
export class TrackingSecrets {
  constructor(private readonly key: Buffer) {}

  secretFor(complaintId: string): string {
    return base32(createHmac('sha256', this.key).update(complaintId).digest().subarray(0, 20));
  }

  matches(complaintId: string, presented: string): boolean {
    const expected = Buffer.from(this.secretFor(complaintId));
    const given = Buffer.from(presented.trim().toUpperCase());
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
