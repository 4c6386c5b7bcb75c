import { createHash, randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';

/** Namespace of every name-based UUID Lacak derives (RFC 9562 version 5). */
const LACAK_NAMESPACE = '6f1d3c58-4f7e-4a53-9b2e-1c0a8d1f5e27';

export const newId = (): string => randomUUID();

/** Same name, same UUID: retried commands produce the same event ids and are deduplicated. */
export const nameBasedId = (...parts: string[]): string => uuidv5(parts.join('\u001f'), LACAK_NAMESPACE);

export const eventIdFor = (commandId: string, index: number): string => nameBasedId('event', commandId, String(index));

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The reporter-facing tracking id, `LPR-` and 12 Crockford base-32 characters (60 bits)
 * derived from the complaint id: short enough to read over the phone, unambiguous to type.
 */
/** What a tracking id looks like, as a reporter would read it out (any case). */
export const TRACKING_ID_PATTERN = /^LPR-[0-9A-HJKMNP-TV-Z]{12}$/i;

export function trackingIdFor(complaintId: string): string {
  const digest = createHash('sha256').update(complaintId).digest();
  let value = digest.readBigUInt64BE(0) >> 4n;
  let chars = '';
  for (let i = 0; i < 12; i++) {
    chars = CROCKFORD[Number(value & 31n)] + chars;
    value >>= 5n;
  }
  return `LPR-${chars}`;
}
