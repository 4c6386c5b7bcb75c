import { createHash } from 'node:crypto';
import type { EventToAppend, RecordedEvent } from '@lacak/event-store';
import { canonicalJson, canonicalObject } from './canonical-json';
import { MerkleFrontier, leafHash } from './merkle-tree';
import type { SignedTreeHead } from './tree-head';

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
  // canonicalJson({ streamId, revision, type, data, metadata without hash }), its keys written in
  // their sorted order by hand: this runs for every event appended or verified.
  const form = `{"data":${canonicalJson(data)},"metadata":${canonicalObject(metadata as Record<string, unknown>, 'hash')},"revision":"${revision}","streamId":${JSON.stringify(streamId)},"type":${JSON.stringify(type)}}`;
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
  | 'unhashed-event'
  /** The log's positions go back, repeat, or (on a store numbering them one by one) skip one. */
  | 'position-gap'
  /** The log's first `size` events no longer hash to the root a signed tree head states. */
  | 'tree-head-mismatch'
  /** A signed tree head covers more events than the log holds: events were removed from its end. */
  | 'log-truncated'
  /** A tree head's signature does not verify with the notary's public key. */
  | 'tree-head-signature'
  /** A stream sealed at the upgrade to hashing no longer has the history its seal names. */
  | 'seal-mismatch';

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

/** What a verifier knows of a stream between two of its events: enough to check the next one. */
interface StreamState {
  streamId: string;
  lastRevision: bigint | null;
  head: string | null;
  chained: boolean;
  unhashed: number;
  sealed: boolean;
}

const emptyStream = (streamId: string): StreamState => ({ streamId, lastRevision: null, head: null, chained: false, unhashed: 0, sealed: false });

/**
 * Where the upgrade to hashing seals the streams stored before it: `HistorySealed` events, each
 * naming streams with their last revision and the hash their history then had (`chainHash`).
 */
export const HISTORY_SEALS_STREAM = 'history-seals';

/** A stream stored before hashing began, with no chained event after: what a seal names. */
export interface UnsealedStream {
  streamId: string;
  revision: string;
  chainHash: string;
}

/**
 * Checks the next event of a stream against what came before it, adding its faults; returns the
 * hash of its content as stored (its leaf in the log's Merkle tree).
 */
function checkNext(state: StreamState, event: RecordedEvent, faults: ChainFault[]): string {
  const fault = (kind: ChainFaultKind, detail: string) => faults.push({ streamId: event.streamId, revision: event.revision.toString(), kind, detail });
  // Against the event before, so one missing event is one gap, not a gap at every later event.
  const expected = state.lastRevision === null ? 0n : state.lastRevision + 1n;
  if (event.revision !== expected) fault('revision-gap', `expected revision ${expected}, found ${event.revision}`);
  state.lastRevision = event.revision;
  const stored = event.metadata.hash;
  if (stored === undefined) {
    if (state.chained) fault('unhashed-event', 'an event without a hash follows hashed events');
    else state.unhashed += 1;
    state.head = eventHash({ ...event, metadata: { ...event.metadata, previousHash: state.head } });
    return eventHash(event);
  }
  state.chained = true;
  if (event.metadata.previousHash !== state.head) {
    fault('link-broken', `names ${event.metadata.previousHash ?? 'no'} previous hash; the event before it hashes to ${state.head ?? 'nothing'}`);
  }
  const actual = eventHash(event);
  if (actual !== stored) fault('content-changed', `stored with hash ${stored}, its content hashes to ${actual}`);
  // The stored hash, not the recomputed one: one changed event is one fault, not a fault at every later event.
  state.head = stored;
  return actual;
}

/**
 * Checks one stream's events, read in revision order from revision 0. Events stored before this
 * engine hashed them carry no hash: each is given the hash it would have had, so the first chained
 * event after them seals their content too. Each fault names the first event it shows at.
 */
export function verifyChain(events: readonly RecordedEvent[]): ChainVerification {
  const state = emptyStream(events[0]?.streamId ?? '');
  const faults: ChainFault[] = [];
  for (const event of events) checkNext(state, event, faults);
  return { head: state.head, faults, unhashed: state.unhashed };
}

export interface LogVerificationReport {
  events: number;
  streams: number;
  /** Events stored before the engine hashed them (sealed by the first chained event after them, if any). */
  unhashedEvents: number;
  faults: ChainFault[];
}

/** A signed tree head as the log holds it: in its stream, at a revision. */
export interface RecordedTreeHead {
  streamId: string;
  revision: string;
  head: SignedTreeHead;
}

export interface LogVerifierOptions {
  /** The store numbers positions 1, 2, 3, …: a missing one is a removed event. */
  contiguousPositions: boolean;
  /** The signed tree heads to hold the log against: its first `size` events must hash to each root. */
  treeHeads?: readonly RecordedTreeHead[];
}

/**
 * Checks a whole log fed in global order, one event at a time, holding one small state per stream
 * rather than the events: every stream's chain and revisions, that positions only grow (with
 * `contiguousPositions`, that none is missing), and that the log's Merkle tree (RFC 9162) has the
 * root each signed tree head states at its size, which shows events removed from the end too.
 */
export class LogVerifier {
  private readonly streams = new Map<string, StreamState>();
  private readonly faults: ChainFault[] = [];
  private events = 0;
  private lastPosition: bigint | null = null;
  private readonly tree = MerkleFrontier.empty();
  private readonly heads: RecordedTreeHead[];

  constructor(private readonly options: LogVerifierOptions) {
    this.heads = [...(options.treeHeads ?? [])].sort((a, b) => b.head.size - a.head.size);
  }

  add(event: RecordedEvent): void {
    this.events += 1;
    const previous = this.lastPosition;
    if (previous !== null && (event.position <= previous || (this.options.contiguousPositions && event.position !== previous + 1n))) {
      this.faults.push({
        streamId: event.streamId,
        revision: event.revision.toString(),
        kind: 'position-gap',
        detail: `position ${event.position} follows position ${previous}`,
      });
    }
    this.lastPosition = event.position;
    if (event.streamId === HISTORY_SEALS_STREAM && event.type === 'HistorySealed') this.checkSeal(event);
    let state = this.streams.get(event.streamId);
    if (!state) {
      state = emptyStream(event.streamId);
      this.streams.set(event.streamId, state);
    }
    this.tree.append(leafHash(Buffer.from(checkNext(state, event, this.faults), 'hex')));
    // Heads sorted by size, largest first: the next one due is at the end.
    while (this.heads.length > 0 && this.heads[this.heads.length - 1].head.size === this.tree.size) {
      const { streamId, revision, head } = this.heads.pop()!;
      const root = this.tree.root().toString('hex');
      if (root !== head.rootHash) {
        this.faults.push({ streamId, revision, kind: 'tree-head-mismatch', detail: `the first ${head.size} events hash to ${root}, the head signed ${head.signedAt} states ${head.rootHash}` });
      }
    }
  }

  /** A seal comes after the events it seals: the streams it names must be as it says, then. */
  private checkSeal(event: RecordedEvent): void {
    for (const sealed of (event.data.streams ?? []) as unknown as UnsealedStream[]) {
      const state = this.streams.get(sealed.streamId);
      const revision = state?.lastRevision?.toString();
      if (!state || revision !== sealed.revision || state.head !== sealed.chainHash) {
        this.faults.push({
          streamId: sealed.streamId,
          revision: sealed.revision,
          kind: 'seal-mismatch',
          detail: `sealed at revision ${sealed.revision} with hash ${sealed.chainHash}; its history up to then hashes to ${state?.head ?? 'nothing'} (revision ${revision ?? 'none'})`,
        });
      }
      if (state) state.sealed = true;
    }
  }

  /** Streams holding only events stored before hashing began, and no seal yet. */
  unsealedStreams(): UnsealedStream[] {
    return [...this.streams.values()]
      .filter((state) => state.unhashed > 0 && !state.chained && !state.sealed && state.head !== null)
      .map((state) => ({ streamId: state.streamId, revision: state.lastRevision!.toString(), chainHash: state.head! }));
  }

  report(): LogVerificationReport {
    for (const { streamId, revision, head } of this.heads) {
      if (head.size > this.tree.size) {
        this.faults.push({ streamId, revision, kind: 'log-truncated', detail: `the head signed ${head.signedAt} covers ${head.size} events; the log holds ${this.tree.size}` });
      }
    }
    this.heads.length = 0;
    let unhashedEvents = 0;
    for (const state of this.streams.values()) unhashedEvents += state.unhashed;
    return { events: this.events, streams: this.streams.size, unhashedEvents, faults: [...this.faults] };
  }
}
