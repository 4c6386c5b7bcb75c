import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '@lacak/event-store';
import { chainEvents, consistencyProof, inclusionProof, rootHash, verifyConsistency, verifyInclusion } from '@lacak/integrity';
import { SqliteReadStore } from '@lacak/read-store';
import { AuditTreeReader, AuditTreeWriter, TREE_CHUNK_SIZE, leafOf } from './audit-tree';

// A fixed seed, so a failure reproduces; MERKLE_SEED picks another.
fc.configureGlobal({ seed: Number(process.env.MERKLE_SEED ?? 9162) });

/** A log of `n` events in streams of three, positions from 1. */
function aLog(n: number): RecordedEvent[] {
  return Array.from({ length: n }, (_, i) => {
    const streamId = `complaint-${Math.floor(i / 3)}`;
    const [event] = chainEvents(streamId, BigInt(i % 3), null, [
      {
        id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        type: 'Tested',
        data: { i },
        metadata: { correlationId: 'c', causationId: 'c', actor: { id: 'a', role: 'system', agencyId: null }, occurredAt: '2026-12-05T00:00:00.000Z', schemaVersion: 1 },
      },
    ]);
    return { ...event, streamId, revision: BigInt(i % 3), position: BigInt(i + 1), recordedAt: '2026-12-05T00:00:00.000Z' };
  });
}

describe('the audit tree read model', () => {
  let dir: string;
  let store: SqliteReadStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lacak-audit-tree-'));
    store = SqliteReadStore.open({ file: join(dir, 'read.db') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds the RFC 9162 tree of the log across batches and restarts, and proves any event against any size it reached, and any size consistent with a larger one', async () => {
    const log = aLog(3 * TREE_CHUNK_SIZE + 17);
    const leaves = log.map(leafOf);
    const writer = new AuditTreeWriter(store);
    expect(await writer.load()).toBeNull();
    await writer.append(log.slice(0, 300));
    // A restart in the middle of a chunk resumes from the stored frontier and open chunk.
    const resumed = new AuditTreeWriter(store);
    expect(await resumed.load()).toBe(300n);
    await resumed.append(log.slice(250, 700)); // overlapping: what was added is skipped
    await resumed.append(log.slice(700));

    const reader = new AuditTreeReader(store);
    expect(await reader.state()).toEqual({ size: log.length, rootHash: rootHash(leaves).toString('hex'), lastPosition: BigInt(log.length) });

    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: log.length }), fc.nat(), async (size, pick) => {
        const index = pick % size;
        const [indexOfEvent] = [...(await reader.leafIndexes([log[index].position])).values()];
        expect(indexOfEvent).toBe(index);
        const [proof] = await reader.inclusionProofs([index], size);
        expect(proof).toEqual(inclusionProof(index, leaves.slice(0, size)));
        expect(verifyInclusion(leaves[index], index, size, proof, rootHash(leaves.slice(0, size)))).toBe(true);
      }),
      { numRuns: 60 },
    );

    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: log.length }), fc.nat(), async (size2, pick) => {
        const size1 = (pick % size2) + 1;
        const proof = await reader.consistencyProof(size1, size2);
        expect(proof).toEqual(consistencyProof(size1, leaves.slice(0, size2)));
        expect(verifyConsistency(size1, size2, proof, rootHash(leaves.slice(0, size1)), rootHash(leaves.slice(0, size2)))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
