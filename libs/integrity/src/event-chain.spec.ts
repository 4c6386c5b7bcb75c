import type { EventToAppend, RecordedEvent } from '@lacak/event-store';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { LogVerifier, chainEvents, eventHash, verifyChain } from './event-chain';
import { MerkleFrontier, leafHash } from './merkle-tree';
import { signTreeHead } from './tree-head';

const STREAM = 'complaint-1';

const anEvent = (n: number): EventToAppend => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  type: n === 0 ? 'ComplaintSubmitted' : 'ComplaintVerified',
  data: { complaintId: '1', n },
  metadata: {
    correlationId: 'c',
    causationId: `command-${n}`,
    actor: { id: 'officer', role: 'agency_officer', agencyId: 'id-32' },
    occurredAt: '2026-12-05T01:00:00.000Z',
    schemaVersion: 1,
  },
});

const recorded = (events: EventToAppend[], firstRevision = 0): RecordedEvent[] =>
  events.map((event, index) => ({
    ...event,
    streamId: STREAM,
    revision: BigInt(firstRevision + index),
    position: BigInt(100 + firstRevision + index),
    recordedAt: '2026-12-05T01:00:00.000Z',
  }));

/** A stream of `n` events, hashed as the engine appends them, one command at a time. */
function chainedStream(n: number): RecordedEvent[] {
  const stream: RecordedEvent[] = [];
  for (let i = 0; i < n; i++) {
    const [event] = chainEvents(STREAM, BigInt(i), stream.at(-1)?.metadata.hash ?? null, [anEvent(i)]);
    stream.push(...recorded([event], i));
  }
  return stream;
}

const renumbered = (events: RecordedEvent[]) => events.map((event, index) => ({ ...event, revision: BigInt(index) }));

describe('the hash chain of a stream', () => {
  it('hashes the canonical JSON of stream, revision, type, data and metadata without the hash', () => {
    const [event] = recorded(chainEvents(STREAM, 0n, null, [anEvent(0)]));
    const { hash, ...covered } = event.metadata;
    const form = canonicalJson({ streamId: STREAM, revision: '0', type: event.type, data: event.data, metadata: covered });
    expect(eventHash(event)).toBe(createHash('sha256').update(form).digest('hex'));
    expect(eventHash(event)).toBe(hash);
  });

  it('verifies a stream appended by the engine and names its head', () => {
    const stream = chainedStream(5);
    expect(verifyChain(stream)).toEqual({ head: stream[4].metadata.hash, faults: [], unhashed: 0 });
    expect(stream[0].metadata.previousHash).toBeNull();
    expect(stream[3].metadata.previousHash).toBe(stream[2].metadata.hash);
  });

  it('chains the events of one append to each other', () => {
    const stream = recorded(chainEvents(STREAM, 0n, null, [anEvent(0), anEvent(1), anEvent(2)]));
    expect(verifyChain(stream).faults).toEqual([]);
    expect(stream[2].metadata.previousHash).toBe(stream[1].metadata.hash);
  });

  it('finds an edited event by its content', () => {
    const stream = chainedStream(4);
    stream[2] = { ...stream[2], data: { complaintId: '1', n: 99 } };
    expect(verifyChain(stream).faults).toEqual([expect.objectContaining({ revision: '2', kind: 'content-changed' })]);
  });

  it('finds edited metadata, such as who did it', () => {
    const stream = chainedStream(3);
    stream[1] = { ...stream[1], metadata: { ...stream[1].metadata, actor: { id: 'someone-else', role: 'agency_officer', agencyId: 'id-32' } } };
    expect(verifyChain(stream).faults.map((f) => [f.revision, f.kind])).toEqual([['1', 'content-changed']]);
  });

  it('finds an event whose hash was recomputed after an edit: the next one no longer names it', () => {
    const stream = chainedStream(4);
    const [forged] = chainEvents(STREAM, 1n, stream[0].metadata.hash!, [{ ...anEvent(1), data: { complaintId: '1', n: 42 } }]);
    stream[1] = recorded([forged], 1)[0];
    expect(verifyChain(stream).faults.map((f) => [f.revision, f.kind])).toEqual([['2', 'link-broken']]);
  });

  it('finds a deleted event, whether or not the revisions were renumbered', () => {
    const stream = chainedStream(5);
    const gap = [...stream.slice(0, 2), ...stream.slice(3)];
    expect(verifyChain(gap).faults.map((f) => [f.revision, f.kind])).toEqual([
      ['3', 'revision-gap'],
      ['3', 'link-broken'],
    ]);
    expect(verifyChain(renumbered(gap)).faults[0]).toEqual(expect.objectContaining({ revision: '2', kind: 'link-broken' }));
  });

  it('finds reordered events', () => {
    const stream = chainedStream(4);
    const swapped = renumbered([stream[0], stream[2], stream[1], stream[3]]);
    expect(verifyChain(swapped).faults[0]).toEqual(expect.objectContaining({ revision: '1' }));
  });

  it('finds an event inserted without a hash after the chain began', () => {
    const stream = chainedStream(3);
    const inserted = renumbered([...stream.slice(0, 2), recorded([anEvent(7)], 2)[0], stream[2]]);
    expect(verifyChain(inserted).faults.map((f) => f.kind)).toEqual(['unhashed-event', 'link-broken', 'content-changed']);
  });

  it('accepts events stored before hashing began and seals them with the first chained event', () => {
    const legacy = recorded([anEvent(0), anEvent(1)]);
    const before = verifyChain(legacy);
    expect(before).toEqual({ head: expect.any(String), faults: [], unhashed: 2 });
    const [next] = chainEvents(STREAM, 2n, before.head, [anEvent(2)]);
    const stream = [...legacy, ...recorded([next], 2)];
    expect(verifyChain(stream).faults).toEqual([]);

    // Once sealed, an edit of an old event breaks the link of the first chained one.
    stream[0] = { ...stream[0], data: { complaintId: '1', n: 5 } };
    expect(verifyChain(stream).faults.map((f) => [f.revision, f.kind])).toEqual([['2', 'link-broken']]);
  });

  it('gives an unhashed stream the head a hashed one would have had', () => {
    const legacy = recorded([anEvent(0), anEvent(1)]);
    const hashed = recorded(chainEvents(STREAM, 0n, null, [anEvent(0), anEvent(1)]));
    expect(verifyChain(legacy).head).toBe(verifyChain(hashed).head);
  });

  it('has no head for an empty stream', () => {
    expect(verifyChain([])).toEqual({ head: null, faults: [], unhashed: 0 });
  });

  describe('a whole log held to its signed tree heads', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const log = renumberedLog();
    const headOf = (events: RecordedEvent[]) => {
      const frontier = MerkleFrontier.empty();
      for (const event of events) frontier.append(leafHash(Buffer.from(eventHash(event), 'hex')));
      return { streamId: 'audit-tree-heads', revision: '0', head: signTreeHead({ size: events.length, rootHash: frontier.root().toString('hex'), signedAt: '2026-12-05T02:00:00.000Z' }, privateKey) };
    };
    const verify = (events: RecordedEvent[], heads: ReturnType<typeof headOf>[]) => {
      const verifier = new LogVerifier({ contiguousPositions: false, treeHeads: heads });
      events.forEach((event) => verifier.add(event));
      return verifier.report().faults.map((fault) => fault.kind);
    };

    it('passes the log a head was signed for, and the log grown since', () => {
      expect(verify(log, [headOf(log.slice(0, 4))])).toEqual([]);
    });

    it('finds events removed from the end', () => {
      expect(verify(log.slice(0, 3), [headOf(log)])).toEqual(['log-truncated']);
    });

    it('finds a log rewritten with every chain recomputed', () => {
      const head = headOf(log);
      const rewritten = recorded(chainEvents(STREAM, 0n, null, [anEvent(0), { ...anEvent(1), data: { complaintId: '1', n: 7 } }, anEvent(2), anEvent(3), anEvent(4)]));
      expect(verify(rewritten.map((event, i) => ({ ...event, position: log[i].position })), [head])).toEqual(['tree-head-mismatch']);
    });
  });
});

/** Five chained events of one stream, as stored one command at a time. */
function renumberedLog(): RecordedEvent[] {
  return recorded(chainEvents(STREAM, 0n, null, [anEvent(0), anEvent(1), anEvent(2), anEvent(3), anEvent(4)]));
}
