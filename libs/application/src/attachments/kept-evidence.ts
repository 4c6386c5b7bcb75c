import { CHECKPOINTS_COLLECTION, COMPLAINTS_COLLECTION, type CheckpointDocument, type ComplaintDocument } from '@lacak/projections';
import type { ReadStore } from '@lacak/read-store';

export interface KeptEvidenceOptions {
  /** How long to wait for the complaints read model to reach the erasure before giving up on deleting. */
  catchUpMs: number;
  pollMs: number;
}

/**
 * Files are kept once per content, so the same bytes may be evidence on several complaints. Before an
 * erased document's file is deleted, the complaints read model says whether any other complaint still
 * keeps those bytes; it is asked only once it has folded the log up to the erasure, so no attachment
 * recorded before it is missed.
 */
export class KeptEvidence {
  constructor(
    private readonly readStore: ReadStore,
    private readonly options: KeptEvidenceOptions = { catchUpMs: 10_000, pollMs: 50 },
  ) {}

  /**
   * True when any complaint keeps an attachment with these bytes that is not erased, and also when
   * the read model has not reached `position` in time: then the file stays, and erasing again
   * deletes it.
   */
  async isKept(sha256: string, position: bigint): Promise<boolean> {
    if (!(await this.caughtUpTo(position))) return true;
    const holders = await this.readStore
      .collection<ComplaintDocument>(COMPLAINTS_COLLECTION)
      .find({ 'attachments.sha256': sha256 }, { projection: { _id: 1, attachments: 1 } });
    return holders.some((doc) => (doc.attachments ?? []).some((a) => a.sha256 === sha256 && a.erasedAt === null));
  }

  private async caughtUpTo(position: bigint): Promise<boolean> {
    const checkpoints = this.readStore.collection<CheckpointDocument>(CHECKPOINTS_COLLECTION);
    const deadline = Date.now() + this.options.catchUpMs;
    for (;;) {
      // The complaints projection is named after its collection.
      const checkpoint = await checkpoints.findOne({ _id: COMPLAINTS_COLLECTION });
      if (checkpoint && BigInt(checkpoint.position) >= position) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, this.options.pollMs));
    }
  }
}
