import { createHash } from 'node:crypto';
import type { EventToAppend, RecordedEvent } from '@lacak/event-store';
import { canonicalJson } from './canonical-json';

/** The part of an event its hash covers. */
export interface HashableEvent {
  streamId: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata: { hash?: string; previousHash?: string | null };
}

/**
 * The SHA-256 (hex) of an event's canonical form: stream, revision, type, data and metadata
 * without the hash itself. The metadata holds the previous event's hash, so each hash covers the
 * whole history before it.
 */
export function eventHash({ streamId, revision, type, data, metadata }: HashableEvent): string {
  const { hash: _ignored, ...covered } = metadata;
  const form = canonicalJson({ streamId, revision: revision.toString(), type, data, metadata: covered });
  return createHash('sha256').update(form).digest('hex');
}

/** Events about to be appended at `firstRevision`, each carrying the previous event's hash and its own. */
export function chainEvents(streamId: string, firstRevision: bigint, previousHash: string | null, events: EventToAppend[]): EventToAppend[] {
  let previous = previousHash;
  return events.map((event, index) => {
    const metadata = { ...event.metadata, previousHash: previous };
    const hash = eventHash({ streamId, revision: firstRevision + BigInt(index), type: event.type, data: event.data, metadata });
    previous = hash;
    return { ...event, metadata: { ...metadata, hash } };
  });
}

export type ChainFaultKind =
  /** The event's content no longer hashes to the hash it was stored with. */
  | 'content-changed'
  /** The event does not name the hash of the event before it: something was removed, inserted or reordered. */
  | 'link-broken'
  /** The store's revisions skip or repeat a number. */
  | 'revision-gap'
  /** An event without a hash after the chain began: written around the engine. */
  | 'unhashed-event';

export interface ChainFault {
  streamId: string;
  revision: string;
  kind: ChainFaultKind;
  detail: string;
}

export interface ChainVerification {
  /** The hash the next event must name as its previous one; null for an empty stream. */
  head: string | null;
  faults: ChainFault[];
  /** Events stored before hashing began: covered by the hash of the first chained event after them. */
  unhashed: number;
}

/**
 * Checks one stream's events, read in revision order from revision 0. Events stored before this
 * engine hashed them carry no hash: each is given the hash it would have had, so the first chained
 * event after them seals their content too. Each fault names the first event it shows at.
 */
export function verifyChain(events: readonly RecordedEvent[]): ChainVerification {
  const faults: ChainFault[] = [];
  let previous: string | null = null;
  let chained = false;
  let unhashed = 0;
  events.forEach((event, index) => {
    const fault = (kind: ChainFaultKind, detail: string) =>
      faults.push({ streamId: event.streamId, revision: event.revision.toString(), kind, detail });
    // Against the event before, so one missing event is one gap, not a gap at every later event.
    const expected = index === 0 ? 0n : events[index - 1].revision + 1n;
    if (event.revision !== expected) fault('revision-gap', `expected revision ${expected}, found ${event.revision}`);
    const stored = event.metadata.hash;
    if (stored === undefined) {
      if (chained) fault('unhashed-event', 'an event without a hash follows hashed events');
      else unhashed += 1;
      previous = eventHash({ ...event, metadata: { ...event.metadata, previousHash: previous } });
      return;
    }
    chained = true;
    if (event.metadata.previousHash !== previous) {
      fault('link-broken', `names ${event.metadata.previousHash ?? 'no'} previous hash; the event before it hashes to ${previous ?? 'nothing'}`);
    }
    const actual = eventHash(event);
    if (actual !== stored) fault('content-changed', `stored with hash ${stored}, its content hashes to ${actual}`);
    // The stored hash, not the recomputed one: one changed event is one fault, not a fault at every later event.
    previous = stored;
  });
  return { head: previous, faults, unhashed };
}
