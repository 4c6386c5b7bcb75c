import { type KeyObject, createHash, createPublicKey } from 'node:crypto';
import { type Actor, mayQuery, refuse } from '@lacak/domain';
import { type EventStore, WrongExpectedVersionError, readStreamOrEmpty } from '@lacak/event-store';
import { type SignedTreeHead, signTreeHead } from '@lacak/integrity';
import { AuditTreeReader } from '@lacak/projections';
import type { ReadStore } from '@lacak/read-store';
import type { Clock } from '../clock';
import { CommandRefusedError, ConcurrencyConflictError } from '../errors';
import { nameBasedId } from '../ids';
import { readVerifiedStream } from '../verified-stream';

/** The stream of every signed tree head: the heads are in the log they vouch for. */
export const TREE_HEADS_STREAM = 'audit-tree-heads';

const MAX_ATTEMPTS = 5;

/** The notary's Ed25519 public key as auditors fetch it, with an id that names it in dossiers. */
export interface AuditPublicKey {
  algorithm: 'Ed25519';
  /** SubjectPublicKeyInfo, PEM. */
  publicKey: string;
  /** SHA-256 of the key's DER form, hex. */
  keyId: string;
}

export function auditPublicKeyOf(signingKey: KeyObject): AuditPublicKey {
  const publicKey = createPublicKey(signingKey);
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return { algorithm: 'Ed25519', publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(), keyId: createHash('sha256').update(der).digest('hex') };
}

/** The public key anyone may fetch to check signed tree heads. */
export class GetAuditPublicKey {
  constructor(private readonly signingKey: KeyObject) {}

  run(): AuditPublicKey {
    return auditPublicKeyOf(this.signingKey);
  }
}

/**
 * Signs the audit tree as it stands (size, root hash, time) with the notary's key and appends the
 * head to `audit-tree-heads`: by the notary on its schedule, on demand by the national admin or an
 * auditor, and by a dossier export whose events the last head does not cover yet.
 */
export class SignTreeHead {
  private readonly tree: AuditTreeReader;

  constructor(
    private readonly eventStore: EventStore,
    readStore: ReadStore,
    private readonly signingKey: KeyObject,
    private readonly clock: Clock,
  ) {
    this.tree = new AuditTreeReader(readStore);
  }

  async run(actor: Actor): Promise<SignedTreeHead> {
    if (!mayQuery('sign-tree-head', actor.role)) throw new CommandRefusedError(refuse('ROLE_NOT_ALLOWED', `The role ${actor.role} may never run sign-tree-head.`));
    const { size, rootHash } = await this.tree.state();
    const head = signTreeHead({ size, rootHash, signedAt: this.clock.now().toISOString() }, this.signingKey);
    const id = nameBasedId('tree-head', String(size), rootHash, head.signedAt);
    for (let attempt = 1; ; attempt++) {
      const { history, assertIntact, chained } = await readVerifiedStream(this.eventStore, TREE_HEADS_STREAM);
      await assertIntact();
      try {
        await this.eventStore.appendToStream(
          TREE_HEADS_STREAM,
          chained([
            {
              id,
              type: 'TreeHeadSigned',
              data: { ...head, keyId: auditPublicKeyOf(this.signingKey).keyId },
              metadata: {
                correlationId: id,
                causationId: id,
                actor: { id: actor.id, role: actor.role, agencyId: actor.agencyId },
                occurredAt: head.signedAt,
                schemaVersion: 1,
              },
            },
          ]),
          { expectedState: history.at(-1)?.revision ?? 'no_stream' },
        );
        return head;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (attempt >= MAX_ATTEMPTS) throw new ConcurrencyConflictError(TREE_HEADS_STREAM);
      }
    }
  }
}

/** The last signed tree head in the log; null before the first. */
export async function latestTreeHead(eventStore: EventStore): Promise<SignedTreeHead | null> {
  const heads = await readStreamOrEmpty(eventStore, TREE_HEADS_STREAM);
  const last = heads.at(-1);
  if (!last) return null;
  const { size, rootHash, signedAt, signature } = last.data as unknown as SignedTreeHead;
  return { size, rootHash, signedAt, signature };
}

/** A consistency proof (RFC 9162 §2.1.4) from the tree of an older head's size to the latest signed head. */
export interface LogConsistencyProof {
  from: number;
  treeHead: SignedTreeHead;
  /** Hex, as `verifyConsistency` takes them. */
  proof: string[];
}

/** The older head covers more events than the log holds: it is not a head of this log. */
export class TreeSizeBeyondLogError extends Error {
  override readonly name = 'TreeSizeBeyondLogError';
}

/**
 * Proves to an auditor holding an older signed head (from a dossier, say) that the log was only
 * appended to since: the tree of its size is a prefix of the latest head's.
 */
export class ProveLogConsistency {
  private readonly tree: AuditTreeReader;

  constructor(
    private readonly eventStore: EventStore,
    readStore: ReadStore,
    private readonly signTreeHead: SignTreeHead,
  ) {
    this.tree = new AuditTreeReader(readStore);
  }

  async run(actor: Actor, from: number): Promise<LogConsistencyProof> {
    if (!mayQuery('prove-log-consistency', actor.role)) {
      throw new CommandRefusedError(refuse('ROLE_NOT_ALLOWED', `The role ${actor.role} may never run prove-log-consistency.`));
    }
    let head = await latestTreeHead(this.eventStore);
    if (!head || head.size < from) head = await this.signTreeHead.run({ id: 'notary', role: 'system', agencyId: null });
    if (head.size < from) throw new TreeSizeBeyondLogError(`The log's tree holds ${head.size} events, fewer than the ${from} of the head you hold: it is not a head of this log, or events were removed`);
    const proof = await this.tree.consistencyProof(from, head.size);
    return { from, treeHead: head, proof: proof.map((hash) => hash.toString('hex')) };
  }
}
