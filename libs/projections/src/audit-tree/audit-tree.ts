import type { RecordedEvent } from '@lacak/event-store';
import { MerkleFrontier, consistencyProofOver, eventHash, inclusionProofOver, leafHash, nodeHash, rootHash } from '@lacak/integrity';
import type { Document, ReadStore, WriteOperation } from '@lacak/read-store';

/**
 * The Merkle tree of RFC 9162 over the whole event log, in global order, as a read model: leaves in
 * chunks of 256 (with the positions of their events), each full chunk's root, and the frontier
 * (size and perfect-subtree roots) that the next leaf continues from. Like every read model, it is
 * rebuilt from the events; the signed tree heads in the log are what a rebuilt tree must match.
 */
export const AUDIT_TREE_COLLECTION = 'audit_tree';
export const TREE_CHUNK_SIZE = 256;
const STATE_ID = 'state';

/** The leaf of an event: its hash (the chain's, recomputed from its content) under RFC 9162's leaf prefix. */
export const leafOf = (event: RecordedEvent): Buffer => leafHash(Buffer.from(eventHash(event), 'hex'));

interface TreeChunkDocument extends Document {
  index: number;
  /** The leaf hashes, hex, concatenated. */
  leaves: string;
  /** The global position of each leaf's event, as decimal strings. */
  positions: string[];
  /** MTH of the chunk's 256 leaves once it is full; null before. */
  root: string | null;
}

interface TreeStateDocument extends Document {
  size: number;
  peaks: string[];
  /** The last event in the tree; null while it is empty. */
  lastPosition: string | null;
}

const chunkId = (index: number) => `chunk-${String(index).padStart(10, '0')}`;
const HASH_HEX = 64;

export interface TreeState {
  size: number;
  rootHash: string;
  lastPosition: bigint | null;
}

/**
 * Appends events to the stored tree, a batch at a time: the tree's state and the chunks it touched
 * are written together, so a crash leaves the tree at a batch boundary, and the next batch resumes
 * after `lastPosition`.
 */
export class AuditTreeWriter {
  private frontier = MerkleFrontier.empty();
  private lastPosition: bigint | null = null;
  private openChunk: TreeChunkDocument | null = null;

  constructor(private readonly readStore: ReadStore) {}

  /** Loads the stored state; returns the position to continue after. */
  async load(): Promise<bigint | null> {
    const collection = this.readStore.collection(AUDIT_TREE_COLLECTION);
    await collection.createIndex({ keys: { positions: 1 }, name: 'leaf_by_position' });
    const state = (await collection.findOne({ _id: STATE_ID })) as TreeStateDocument | null;
    this.frontier = state ? MerkleFrontier.restore(state.size, state.peaks) : MerkleFrontier.empty();
    this.lastPosition = state?.lastPosition ? BigInt(state.lastPosition) : null;
    const open = this.frontier.size % TREE_CHUNK_SIZE === 0 ? null : Math.floor(this.frontier.size / TREE_CHUNK_SIZE);
    this.openChunk = open === null ? null : ((await collection.findOne({ _id: chunkId(open) })) as TreeChunkDocument | null);
    return this.lastPosition;
  }

  get size(): number {
    return this.frontier.size;
  }

  /** Adds the events (in log order, after the last one added) and writes the tree. */
  async append(events: readonly RecordedEvent[]): Promise<void> {
    const touched = new Map<string, TreeChunkDocument>();
    for (const event of events) {
      if (this.lastPosition !== null && event.position <= this.lastPosition) continue;
      const leaf = leafOf(event);
      const index = this.frontier.size;
      const chunk = index % TREE_CHUNK_SIZE;
      if (chunk === 0 || !this.openChunk) {
        this.openChunk = { _id: chunkId(Math.floor(index / TREE_CHUNK_SIZE)), index: Math.floor(index / TREE_CHUNK_SIZE), leaves: '', positions: [], root: null };
      }
      this.openChunk.leaves += leaf.toString('hex');
      this.openChunk.positions.push(event.position.toString());
      if (this.openChunk.positions.length === TREE_CHUNK_SIZE) this.openChunk.root = rootHash(leavesOf(this.openChunk)).toString('hex');
      touched.set(this.openChunk._id, { ...this.openChunk, positions: [...this.openChunk.positions] });
      this.frontier.append(leaf);
      this.lastPosition = event.position;
    }
    if (touched.size === 0) return;
    const state: TreeStateDocument = {
      _id: STATE_ID,
      size: this.frontier.size,
      peaks: this.frontier.peakHashes,
      lastPosition: this.lastPosition === null ? null : this.lastPosition.toString(),
    };
    const operations: WriteOperation[] = [...touched.values(), state].map((document) => ({
      replaceOne: { filter: { _id: document._id }, replacement: document, upsert: true },
    }));
    await this.readStore.write([{ collection: AUDIT_TREE_COLLECTION, operations }]);
  }
}

const leavesOf = (chunk: TreeChunkDocument): Buffer[] =>
  Array.from({ length: chunk.leaves.length / HASH_HEX }, (_, i) => Buffer.from(chunk.leaves.slice(i * HASH_HEX, (i + 1) * HASH_HEX), 'hex'));

/** Reads the stored tree: its head, where an event's leaf is, and inclusion proofs against any size it has reached. */
export class AuditTreeReader {
  constructor(private readonly readStore: ReadStore) {}

  private get collection() {
    return this.readStore.collection(AUDIT_TREE_COLLECTION);
  }

  async state(): Promise<TreeState> {
    const state = (await this.collection.findOne({ _id: STATE_ID })) as TreeStateDocument | null;
    const frontier = state ? MerkleFrontier.restore(state.size, state.peaks) : MerkleFrontier.empty();
    return { size: frontier.size, rootHash: frontier.root().toString('hex'), lastPosition: state?.lastPosition ? BigInt(state.lastPosition) : null };
  }

  /** The leaf index of the event at each position; absent while the tree has not reached it. */
  async leafIndexes(positions: readonly bigint[]): Promise<Map<bigint, number>> {
    const wanted = positions.map((p) => p.toString());
    const chunks = (await this.collection.find({ positions: { $in: wanted } }, { projection: { leaves: 0 } })) as TreeChunkDocument[];
    const indexes = new Map<bigint, number>();
    for (const chunk of chunks) {
      chunk.positions.forEach((position, offset) => {
        if (wanted.includes(position)) indexes.set(BigInt(position), chunk.index * TREE_CHUNK_SIZE + offset);
      });
    }
    return indexes;
  }

  /**
   * Inclusion proofs of these leaves in the tree of its first `size` leaves. Reads every full chunk's
   * root and the leaves of the chunks the proofs descend into: never every leaf.
   */
  async inclusionProofs(indexes: readonly number[], size: number): Promise<Buffer[][]> {
    const rangeRoot = await this.rangeRoots([...indexes.map((i) => Math.floor(i / TREE_CHUNK_SIZE)), Math.floor((size - 1) / TREE_CHUNK_SIZE)]);
    return indexes.map((index) => inclusionProofOver(index, size, rangeRoot));
  }

  /** The consistency proof from the tree of its first `size` leaves to that of its first `treeSize`. */
  async consistencyProof(size: number, treeSize: number): Promise<Buffer[]> {
    const rangeRoot = await this.rangeRoots([Math.floor((size - 1) / TREE_CHUNK_SIZE), Math.floor((treeSize - 1) / TREE_CHUNK_SIZE)]);
    return consistencyProofOver(size, treeSize, rangeRoot);
  }

  /**
   * MTH of any range the proofs ask for, from every full chunk's root and the leaves of the chunks
   * a proof descends into (those holding a proved leaf or a tree's last leaf).
   */
  private async rangeRoots(openChunks: number[]): Promise<(start: number, end: number) => Buffer> {
    const roots = new Map<number, Buffer>();
    for (const chunk of (await this.collection.find({ root: { $ne: null } }, { projection: { leaves: 0, positions: 0 } })) as TreeChunkDocument[]) {
      roots.set(chunk.index, Buffer.from(chunk.root!, 'hex'));
    }
    const partial = new Set(openChunks);
    const leaves = new Map<number, Buffer[]>();
    for (const chunk of (await this.collection.find({ index: { $in: [...partial] } }, { projection: { positions: 0 } })) as TreeChunkDocument[]) {
      leaves.set(chunk.index, leavesOf(chunk));
    }
    const rangeRoot = (start: number, end: number): Buffer => {
      const first = Math.floor(start / TREE_CHUNK_SIZE);
      if (first === Math.floor((end - 1) / TREE_CHUNK_SIZE)) {
        const whole = end - start === TREE_CHUNK_SIZE ? roots.get(first) : undefined;
        if (whole) return whole;
        const chunk = leaves.get(first) ?? missing(first);
        return rootHash(chunk.slice(start - first * TREE_CHUNK_SIZE, end - first * TREE_CHUNK_SIZE));
      }
      const width = end - start;
      if ((width & (width - 1)) === 0 && start % TREE_CHUNK_SIZE === 0) {
        return rootHash(Array.from({ length: width / TREE_CHUNK_SIZE }, (_, i) => roots.get(first + i) ?? missing(first + i)));
      }
      let k = 1;
      while (k * 2 < width) k *= 2;
      return nodeHash(rangeRoot(start, start + k), rangeRoot(start + k, end));
    };
    return rangeRoot;
  }
}

function missing(chunk: number): never {
  throw new Error(`The audit tree has no root for chunk ${chunk}: rebuild it`);
}
