import { type KeyObject, createPublicKey, sign, verify } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** A signed statement of the log's Merkle tree: its first `size` events hash to `rootHash`. */
export interface SignedTreeHead {
  size: number;
  /** Hex SHA-256, RFC 9162 tree hashing. */
  rootHash: string;
  /** When it was signed (ISO-8601). */
  signedAt: string;
  /** Ed25519 over `treeHeadMessage`, base64. */
  signature: string;
}

/** The bytes a tree head's signature covers: the canonical JSON of size, root hash and time. */
export const treeHeadMessage = ({ size, rootHash, signedAt }: Pick<SignedTreeHead, 'size' | 'rootHash' | 'signedAt'>): Buffer =>
  Buffer.from(canonicalJson({ size, rootHash, signedAt }));

export function signTreeHead(head: Pick<SignedTreeHead, 'size' | 'rootHash' | 'signedAt'>, privateKey: KeyObject): SignedTreeHead {
  return { ...head, signature: sign(null, treeHeadMessage(head), privateKey).toString('base64') };
}

export function verifyTreeHead(head: SignedTreeHead, publicKey: KeyObject | string): boolean {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  return verify(null, treeHeadMessage(head), key, Buffer.from(head.signature, 'base64'));
}
