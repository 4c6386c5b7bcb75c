import type { ReadStore, WriteOperation } from '@lacak/read-store';
import type { DocumentProjection, ProjectedDocument, Rollup } from './projection';

/** One document's change in a batch: as stored before it, and as written (null: absent). */
export interface DocumentChange<D> {
  before: D | null;
  after: D | null;
}

/** What documents add to or take from each key's sums, field by field. */
class RollupDeltas<D extends ProjectedDocument> {
  private readonly deltas = new Map<string, Map<string, number>>();

  constructor(private readonly rollup: Rollup<D>) {}

  add(document: D | null, sign: 1 | -1): void {
    if (!document) return;
    for (const [key, contribution] of this.rollup.contributions(document)) {
      let fields = this.deltas.get(key);
      if (!fields) this.deltas.set(key, (fields = new Map()));
      for (const field in contribution) fields.set(field, (fields.get(field) ?? 0) + sign * contribution[field]);
    }
  }

  /** `$inc` upserts for the sums that moved; a field whose sum fell back to zero is removed. */
  operations(): WriteOperation[] {
    const operations: WriteOperation[] = [];
    for (const [key, fields] of this.deltas) {
      const moved = [...fields].filter(([, amount]) => amount !== 0);
      if (moved.length === 0) continue;
      operations.push({ updateOne: { filter: { _id: key }, update: { $inc: Object.fromEntries(moved) }, upsert: true } });
      // So keyed sums (a histogram by date) hold only what still counts.
      for (const [field, amount] of moved) {
        if (amount < 0) operations.push({ updateOne: { filter: { _id: key, [field]: 0 }, update: { $unset: { [field]: '' } } } });
      }
    }
    return operations;
  }
}

/**
 * The writes that carry a batch's changes into the rollup: per key, what the changed documents
 * contribute now less what they contributed before. Keys and fields whose sum did not move are left
 * alone, so a batch that only moves due dates writes nothing here.
 */
export function rollupWrites<D extends ProjectedDocument>(rollup: Rollup<D>, changes: Iterable<DocumentChange<D>>): WriteOperation[] {
  const deltas = new RollupDeltas(rollup);
  for (const { before, after } of changes) {
    if (before && after && rollup.sameContributions?.(before, after)) continue;
    deltas.add(before, -1);
    deltas.add(after, 1);
  }
  return deltas.operations();
}

const BACKFILL_PAGE = 1000;

/**
 * The sums of documents projected before their rollup existed (a read store from an earlier
 * version): when the rollup's collection does not exist yet, reads the documents a page at a time
 * and writes every key's sums in one write, before the projection resumes. A read model none of
 * whose documents contributes anything leaves the collection absent, and is read again next time.
 */
export async function backfillRollup<D extends ProjectedDocument>(readStore: ReadStore, projection: DocumentProjection<D>, rollup: Rollup<D>): Promise<void> {
  if ((await readStore.collection(rollup.collection).listIndexes()).length > 0) return;
  const documents = readStore.collection<D>(projection.collection);
  const deltas = new RollupDeltas(rollup);
  for (let last: string | null = null; ; ) {
    const page: D[] = await documents.find(last === null ? {} : { _id: { $gt: last } }, { sort: { _id: 1 }, limit: BACKFILL_PAGE });
    for (const document of page) deltas.add(document, 1);
    if (page.length < BACKFILL_PAGE) break;
    last = page[page.length - 1]._id;
  }
  const operations = deltas.operations();
  if (operations.length > 0) await readStore.write([{ collection: rollup.collection, operations }]);
}
