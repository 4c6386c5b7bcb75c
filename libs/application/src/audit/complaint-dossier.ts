import type { KeyObject } from 'node:crypto';
import { type Actor, type AgencyScope, canSeeComplaint, complaintStreamId, holdingOf } from '@lacak/domain';
import { type EventStore, type RecordedEvent, WrongExpectedVersionError } from '@lacak/event-store';
import { type SignedTreeHead, eventHash } from '@lacak/integrity';
import { AuditTreeReader } from '@lacak/projections';
import type { ReadStore } from '@lacak/read-store';
import type { Clock } from '../clock';
import { foldComplaintHistory } from '../complaint-stream';
import { ConcurrencyConflictError } from '../errors';
import { newId } from '../ids';
import { assertMayRun } from '../queries/query-access';
import { readVerifiedStream } from '../verified-stream';
import { type AuditPublicKey, type SignTreeHead, auditPublicKeyOf, latestTreeHead } from './tree-heads';

/** Whether the event names the reporter's account: as its actor, or as the complaint's owner. */
const namesReporterAccount = (event: RecordedEvent): boolean =>
  (event.metadata.actor.role === 'reporter' && !event.metadata.actor.id.startsWith('tracking:')) ||
  (typeof event.data.reporterAccountId === 'string' && event.data.reporterAccountId !== '');

/** The events as a dossier gives them: whole, or by their hashes where they name the reporter's account. */
function dossierEvents(history: RecordedEvent[], entryOf: (event: RecordedEvent, i: number) => DossierEntry): (DossierEvent | WithheldDossierEvent)[] {
  let chain: string | null = null;
  return history.map((event, i) => {
    const contentHash = eventHash(event);
    const chainHash = event.metadata.hash ?? eventHash({ ...event, metadata: { ...event.metadata, previousHash: chain } });
    chain = chainHash;
    if (!namesReporterAccount(event)) return { ...entryOf(event, i), type: event.type, data: event.data, metadata: event.metadata };
    return {
      ...entryOf(event, i),
      withheld: 'names the reporter’s account',
      contentHash,
      chainHash,
      ...(event.metadata.hash === undefined ? {} : { previousHash: event.metadata.previousHash ?? null }),
    };
  });
}

/** Every export of a dossier is recorded here: who took which complaint's record, against which head. */
export const DOSSIER_EXPORTS_STREAM = 'dossier-exports';

interface DossierEntry {
  id: string;
  streamId: string;
  revision: string;
  position: string;
  recordedAt: string;
  /** The event's leaf in the log's Merkle tree, and its audit path to the head's root (hex, bottom up). */
  leafIndex: number;
  inclusionProof: string[];
}

/** An event in full: the verifier recomputes its hash from its content. */
export interface DossierEvent extends DossierEntry {
  type: string;
  data: unknown;
  metadata: unknown;
}

/**
 * An event whose content names the reporter's account, which no reader of a dossier may see: only
 * its hashes are given, so the verifier proves it is in its place in the chain and in the tree,
 * not what it says.
 */
export interface WithheldDossierEvent extends DossierEntry {
  withheld: 'names the reporter’s account';
  /** The hash of the event as stored (its leaf). */
  contentHash: string;
  /** The hash the next event in the stream names as its previous one. */
  chainHash: string;
  /** The hash this event names as the previous one; absent for an event stored before hashing began. */
  previousHash?: string | null;
}

/** A complaint's whole record as an auditor takes it away: `tools/verify-dossier.mjs` checks it offline. */
export interface Dossier {
  format: 'lacak-dossier/1';
  complaintId: string;
  exportedAt: string;
  exportedBy: { id: string; role: string; agencyId: string | null };
  events: (DossierEvent | WithheldDossierEvent)[];
  treeHead: SignedTreeHead;
  publicKey: AuditPublicKey;
}

/** The tree has not reached the complaint's last event yet (the notary lags or is not running): retry shortly. */
export class DossierNotReadyError extends Error {
  override readonly name = 'DossierNotReadyError';
}

const TREE_WAIT_MS = 5_000;
const TREE_POLL_MS = 50;
const MAX_ATTEMPTS = 5;

/**
 * The complaint's events from the event store (never a read model), each with its inclusion proof
 * against a signed tree head that covers them all (signed on the spot when the last head does not),
 * the head and the public key. The export itself is recorded before the dossier is handed over.
 */
export class ExportComplaintDossier {
  private readonly tree: AuditTreeReader;

  constructor(
    private readonly eventStore: EventStore,
    readStore: ReadStore,
    private readonly scope: AgencyScope,
    private readonly signTreeHead: SignTreeHead,
    private readonly signingKey: KeyObject,
    private readonly clock: Clock,
  ) {
    this.tree = new AuditTreeReader(readStore);
  }

  async run(actor: Actor, complaintId: string): Promise<Dossier | null> {
    assertMayRun('export-dossier', actor);
    const { history, assertIntact } = await readVerifiedStream(this.eventStore, complaintStreamId(complaintId));
    const state = foldComplaintHistory(history);
    if (state.status === 'NONE' || !canSeeComplaint(actor, holdingOf(state), this.scope)) return null;
    // A broken record cannot be proved: the export is refused, and the fault raised, like a command.
    await assertIntact();

    const positions = history.map((event) => event.position);
    const indexes = await this.leafIndexes(positions);
    const needed = Math.max(...indexes.values()) + 1;
    let head = await latestTreeHead(this.eventStore);
    if (!head || head.size < needed) head = await this.signTreeHead.run({ id: 'notary', role: 'system', agencyId: null });
    const proofs = await this.tree.inclusionProofs([...indexes.values()], head.size);

    const exportedAt = this.clock.now().toISOString();
    await this.recordExport(actor, complaintId, head, exportedAt);
    return {
      format: 'lacak-dossier/1',
      complaintId,
      exportedAt,
      exportedBy: { id: actor.id, role: actor.role, agencyId: actor.agencyId },
      events: dossierEvents(history, (event, i) => ({
        id: event.id,
        streamId: event.streamId,
        revision: event.revision.toString(),
        position: event.position.toString(),
        recordedAt: event.recordedAt,
        leafIndex: indexes.get(event.position)!,
        inclusionProof: proofs[i].map((hash) => hash.toString('hex')),
      })),
      treeHead: head,
      publicKey: auditPublicKeyOf(this.signingKey),
    };
  }

  /** Waits (briefly) for the tree to reach the complaint's last event. */
  private async leafIndexes(positions: bigint[]): Promise<Map<bigint, number>> {
    const deadline = Date.now() + TREE_WAIT_MS;
    for (;;) {
      const indexes = await this.tree.leafIndexes(positions);
      if (indexes.size === positions.length) return indexes;
      if (Date.now() >= deadline) throw new DossierNotReadyError('The audit tree has not reached this complaint’s latest events yet; retry in a few seconds');
      await new Promise((resolve) => setTimeout(resolve, TREE_POLL_MS));
    }
  }

  private async recordExport(actor: Actor, complaintId: string, head: SignedTreeHead, at: string): Promise<void> {
    const id = newId();
    for (let attempt = 1; ; attempt++) {
      const { history, assertIntact, chained } = await readVerifiedStream(this.eventStore, DOSSIER_EXPORTS_STREAM);
      await assertIntact();
      try {
        await this.eventStore.appendToStream(
          DOSSIER_EXPORTS_STREAM,
          chained([
            {
              id,
              type: 'DossierExported',
              data: { complaintId, treeSize: head.size, rootHash: head.rootHash },
              metadata: { correlationId: id, causationId: id, actor: { id: actor.id, role: actor.role, agencyId: actor.agencyId }, occurredAt: at, schemaVersion: 1 },
            },
          ]),
          { expectedState: history.at(-1)?.revision ?? 'no_stream' },
        );
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (attempt >= MAX_ATTEMPTS) throw new ConcurrencyConflictError(DOSSIER_EXPORTS_STREAM);
      }
    }
  }
}
