import type { WriteOperation } from '@lacak/read-store';
import type { ProjectedDocument, Rollup } from './projection';

/** One document's change in a batch: as stored before it, and as written (null: absent). */
export interface DocumentChange<D> {
  before: D | null;
  after: D | null;
}

/**
 * The `$inc` upserts that carry a batch's changes into the rollup: per key, what the changed
 * documents contribute now less what they contributed before. Keys and fields whose sum did not
 * move are left alone, so a batch that only moves due dates writes nothing here; a field whose sum
 * fell back to zero is removed.
 */
export function rollupWrites<D extends ProjectedDocument>(rollup: Rollup<D>, changes: Iterable<DocumentChange<D>>): WriteOperation[] {
  const deltas = new Map<string, Map<string, number>>();
  const add = (document: D | null, sign: 1 | -1) => {
    const key = document && rollup.keyOf(document);
    if (!document || key === null) return;
    let fields = deltas.get(key);
    if (!fields) deltas.set(key, (fields = new Map()));
    for (const [field, amount] of Object.entries(rollup.contribution(document))) fields.set(field, (fields.get(field) ?? 0) + sign * amount);
  };
  for (const { before, after } of changes) {
    add(before, -1);
    add(after, 1);
  }
  const operations: WriteOperation[] = [];
  for (const [key, fields] of deltas) {
    const moved = [...fields].filter(([, amount]) => amount !== 0);
    if (moved.length === 0) continue;
    operations.push({ updateOne: { filter: { _id: key }, update: { $inc: Object.fromEntries(moved) }, upsert: true } });
    // A sum back at zero goes, so keyed sums (a histogram by date) hold only what still counts.
    for (const [field, amount] of moved) {
      if (amount < 0) operations.push({ updateOne: { filter: { _id: key, [field]: 0 }, update: { $unset: { [field]: '' } } } });
    }
  }
  return operations;
}
