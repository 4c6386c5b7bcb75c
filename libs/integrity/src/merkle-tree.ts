import { createHash } from 'node:crypto';

/**
 * Merkle tree hashing of RFC 9162 (Certificate Transparency 2.0), §2.1: leaves hashed with a
 * 0x00 prefix, nodes with 0x01, the tree split at the largest power of two below its size. Proofs
 * and their verification follow §2.1.3 (inclusion) and §2.1.4 (consistency) step by step, so any
 * implementation of the RFC checks what this one produces.
 */

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};
const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

export const leafHash = (data: Uint8Array): Buffer => sha256(LEAF, data);
export const nodeHash = (left: Uint8Array, right: Uint8Array): Buffer => sha256(NODE, left, right);

/** The largest power of two smaller than n (n > 1). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[n]) over leaf hashes already computed. */
export function rootHash(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return leaves[0];
  const k = split(leaves.length);
  return nodeHash(rootHash(leaves.slice(0, k)), rootHash(leaves.slice(k)));
}

/** PATH(m, D[n]): the audit path of leaf m (0-based) in the tree of these leaves. */
export function inclusionProof(index: number, leaves: readonly Buffer[]): Buffer[] {
  return inclusionProofOver(index, leaves.length, (start, end) => rootHash(leaves.slice(start, end)));
}

/**
 * PATH(m, D[n]) from the roots of the subtrees it needs, `rangeRoot(start, end)` = MTH(D[start:end]):
 * a store that keeps subtree roots answers without reading every leaf.
 */
export function inclusionProofOver(index: number, size: number, rangeRoot: (start: number, end: number) => Buffer): Buffer[] {
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) throw new RangeError(`Leaf ${index} is not in a tree of ${size}`);
  const path: Buffer[] = [];
  let start = 0;
  let end = size;
  // Top down; the path lists siblings bottom up.
  while (end - start > 1) {
    const k = split(end - start);
    if (index < start + k) {
      path.unshift(rangeRoot(start + k, end));
      end = start + k;
    } else {
      path.unshift(rangeRoot(start, start + k));
      start += k;
    }
  }
  return path;
}

/**
 * The Merkle tree head of a log appended to one leaf at a time, in O(log n) memory: the roots of
 * its perfect subtrees, largest first (what a restart needs to go on from `size`).
 */
export class MerkleFrontier {
  private constructor(
    private count: number,
    private readonly peaks: Buffer[],
  ) {}

  static empty(): MerkleFrontier {
    return new MerkleFrontier(0, []);
  }

  /** Resumes from a saved `size` and `peaks` (hex). */
  static restore(size: number, peaks: readonly string[]): MerkleFrontier {
    if (peaks.length !== popCount(size)) throw new RangeError(`A tree of ${size} leaves has ${popCount(size)} perfect subtrees, not ${peaks.length}`);
    return new MerkleFrontier(size, peaks.map((peak) => Buffer.from(peak, 'hex')));
  }

  get size(): number {
    return this.count;
  }

  /** The perfect subtrees' roots, hex, largest first. */
  get peakHashes(): string[] {
    return this.peaks.map((peak) => peak.toString('hex'));
  }

  append(leaf: Buffer): void {
    let hash = leaf;
    // Each trailing 1 bit of the old size is a perfect subtree the new leaf completes a pair with.
    for (let n = this.count; n % 2 === 1; n = Math.floor(n / 2)) hash = nodeHash(this.peaks.pop()!, hash);
    this.peaks.push(hash);
    this.count += 1;
  }

  /** MTH of every leaf so far: the smaller subtrees hang to the right (RFC 9162 §2.1.1). */
  root(): Buffer {
    if (this.peaks.length === 0) return sha256();
    let root = this.peaks[this.peaks.length - 1];
    for (let i = this.peaks.length - 2; i >= 0; i--) root = nodeHash(this.peaks[i], root);
    return root;
  }
}

function popCount(n: number): number {
  let count = 0;
  for (let rest = n; rest > 0; rest = Math.floor(rest / 2)) count += rest % 2;
  return count;
}

/** PROOF(m, D[n]): shows the tree of the first m leaves is a prefix of the tree of all n. */
export function consistencyProof(size: number, leaves: readonly Buffer[]): Buffer[] {
  return consistencyProofOver(size, leaves.length, (start, end) => rootHash(leaves.slice(start, end)));
}

/** PROOF(m, D[n]) from the roots of the subtrees it needs (see `inclusionProofOver`). */
export function consistencyProofOver(size: number, treeSize: number, rangeRoot: (start: number, end: number) => Buffer): Buffer[] {
  if (!Number.isSafeInteger(size) || size < 1 || size > treeSize) throw new RangeError(`No consistency proof from size ${size} to ${treeSize}`);
  const subproof = (m: number, start: number, end: number, complete: boolean): Buffer[] => {
    const n = end - start;
    if (m === n) return complete ? [] : [rangeRoot(start, end)];
    const k = split(n);
    return m <= k
      ? [...subproof(m, start, start + k, complete), rangeRoot(start + k, end)]
      : [...subproof(m - k, start + k, end, false), rangeRoot(start, start + k)];
  };
  return subproof(size, 0, treeSize, true);
}

/** §2.1.3.2: whether `leaf` is leaf `index` of the tree of `size` leaves with this root. */
export function verifyInclusion(leaf: Buffer, index: number, size: number, proof: readonly Buffer[], root: Buffer): boolean {
  if (index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/** §2.1.4.2: whether the tree of `size1` leaves with `root1` is a prefix of the tree of `size2` with `root2`. */
export function verifyConsistency(size1: number, size2: number, proof: readonly Buffer[], root1: Buffer, root2: Buffer): boolean {
  if (size1 > size2) return false;
  if (size1 === size2) return proof.length === 0 && root1.equals(root2);
  if (size1 === 0 || proof.length === 0) return false;
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return fr.equals(root1) && sr.equals(root2) && sn === 0;
}

const isPowerOfTwo = (n: number) => n > 0 && (n & (n - 1)) === 0;
