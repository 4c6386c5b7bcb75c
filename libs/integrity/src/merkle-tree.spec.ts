import fc from 'fast-check';
import { MerkleFrontier, consistencyProof, inclusionProof, inclusionProofOver, leafHash, rootHash, verifyConsistency, verifyInclusion } from './merkle-tree';

// A fixed seed, so a failure reproduces; MERKLE_SEED picks another.
fc.configureGlobal({ seed: Number(process.env.MERKLE_SEED ?? 9162) });

/** The leaves of Certificate Transparency's reference test vectors, with the tree heads they give. */
const CT_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((hex) =>
  leafHash(Buffer.from(hex, 'hex')),
);
const CT_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

const leavesOf = (n: number) => Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`event-${i}`)));
const flipped = (hash: Buffer) => Buffer.from(hash.map((byte, i) => (i === 0 ? byte ^ 1 : byte)));

describe('the Merkle tree of RFC 9162', () => {
  it('gives the tree heads of Certificate Transparency’s test vectors', () => {
    expect(rootHash([]).toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    CT_ROOTS.forEach((root, i) => expect(rootHash(CT_LEAVES.slice(0, i + 1)).toString('hex')).toBe(root));
  });

  it('proves every leaf of every tree, and nothing else', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70 }), fc.nat(), (size, pick) => {
        const leaves = leavesOf(size);
        const root = rootHash(leaves);
        const index = pick % size;
        const proof = inclusionProof(index, leaves);
        expect(verifyInclusion(leaves[index], index, size, proof, root)).toBe(true);
        expect(verifyInclusion(flipped(leaves[index]), index, size, proof, root)).toBe(false);
        if (size > 1) {
          expect(verifyInclusion(leaves[index], (index + 1) % size, size, proof, root)).toBe(false);
          expect(verifyInclusion(leaves[index], index, size, [flipped(proof[0]), ...proof.slice(1)], root)).toBe(false);
        }
      }),
    );
  });

  it('proves that a smaller tree is a prefix of a larger one, and refuses a rewritten history', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70 }), fc.nat(), (size2, pick) => {
        const leaves = leavesOf(size2);
        const size1 = (pick % size2) + 1;
        const root1 = rootHash(leaves.slice(0, size1));
        const root2 = rootHash(leaves);
        const proof = consistencyProof(size1, leaves);
        expect(verifyConsistency(size1, size2, proof, root1, root2)).toBe(true);
        const rewritten = [...leaves];
        rewritten[pick % size1] = leafHash(Buffer.from('forged'));
        if (size1 < size2) {
          expect(verifyConsistency(size1, size2, consistencyProof(size1, rewritten), root1, rootHash(rewritten))).toBe(false);
        }
        expect(verifyConsistency(size1, size2, proof, flipped(root1), root2)).toBe(false);
      }),
    );
  });

  it('keeps the head of a growing log in a frontier that a restart resumes from', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.nat(), (size, pick) => {
        const leaves = leavesOf(size);
        const restartAt = size === 0 ? 0 : pick % (size + 1);
        const first = MerkleFrontier.empty();
        leaves.slice(0, restartAt).forEach((leaf) => first.append(leaf));
        expect(first.root()).toEqual(rootHash(leaves.slice(0, restartAt)));
        const resumed = MerkleFrontier.restore(first.size, first.peakHashes);
        leaves.slice(restartAt).forEach((leaf) => resumed.append(leaf));
        expect(resumed.size).toBe(size);
        expect(resumed.root()).toEqual(rootHash(leaves));
      }),
    );
  });

  it('builds the same proofs from subtree roots as from the leaves', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 600 }), fc.nat(), (size, pick) => {
        const leaves = leavesOf(size);
        const index = pick % size;
        const ranges: [number, number][] = [];
        const proof = inclusionProofOver(index, size, (start, end) => {
          ranges.push([start, end]);
          return rootHash(leaves.slice(start, end));
        });
        expect(proof).toEqual(inclusionProof(index, leaves));
        // Only the siblings on the leaf's path: one subtree per level.
        expect(ranges.length).toBe(proof.length);
      }),
    );
  });

  it('refuses to restore a frontier whose peaks do not fit its size', () => {
    expect(() => MerkleFrontier.restore(3, ['00'])).toThrow(RangeError);
  });
});
