import type { RecordedEvent } from '@lacak/event-store';
import { type CollectionWrites, type ReadStore, type WriteOperation, filterMatcher } from '@lacak/read-store';
import type { DocumentProjection, ProjectedDocument } from '../projection';
import { rollupWrites } from '../rollup';

/**
 * Folds a batch of events into one projection's documents: loads every document the batch names
 * in one query, evolves them in memory in log order, and returns one write per changed document,
 * guarded by the `lastPosition` it was loaded with (a concurrent writer makes the guard miss), then
 * the rollup's sums of what changed (see `Rollup`), for the same `write`.
 */
export async function foldBatch<D extends ProjectedDocument>(
  projection: DocumentProjection<D>,
  events: RecordedEvent[],
  readStore: ReadStore,
): Promise<CollectionWrites[]> {
  const ids = [...new Set(events.map((e) => projection.documentId(e)).filter((id): id is string => id !== null))];
  const collection = readStore.collection<D>(projection.collection);
  const stored = ids.length > 0 ? await collection.find({ _id: { $in: ids } }) : [];
  const storedPosition = new Map(stored.map((doc) => [doc._id, doc.lastPosition]));
  const current = new Map<string, D | null>(stored.map((doc) => [doc._id, doc]));
  /** The documents as stored before the batch (evolve never changes the document it is given). */
  const loaded = new Map(stored.map((doc) => [doc._id, doc]));
  const changed = new Set<string>();
  /** Changed since `complete` last ran on them. */
  const incomplete = new Set<string>();

  const apply = (id: string, event: RecordedEvent) => {
    const position = Number(event.position);
    const document = current.get(id) ?? null;
    // A re-delivered event is already reflected in the document: applying it again would double-count.
    if (document && document.lastPosition >= position) return;
    const next = projection.evolve(document, event) as D | null;
    // `evolve` returns a document of its own making (or the one it was given, loaded here): stamping
    // it in place spares a copy of every document per event.
    if (next) next.lastPosition = position;
    current.set(id, next);
    changed.add(id);
    if (next !== null && projection.complete) incomplete.add(id);
  };
  const completeChanged = () => {
    for (const id of incomplete) {
      const document = current.get(id)!;
      const completed = projection.complete!(document) as D;
      completed.lastPosition = document.lastPosition;
      current.set(id, completed);
    }
    incomplete.clear();
  };

  for (const event of events) {
    const id = projection.documentId(event);
    if (id !== null) {
      apply(id, event);
      continue;
    }
    if (!projection.documentsConcerned) continue;
    // Such an event may change what `complete` reads (a publication, the calendar): documents complete first.
    completeChanged();
    const filter = projection.documentsConcerned(event);
    if (!filter) continue;
    for (const doc of await collection.find(filter)) {
      if (current.has(doc._id)) continue;
      current.set(doc._id, doc);
      loaded.set(doc._id, doc);
      storedPosition.set(doc._id, doc.lastPosition);
    }
    // Documents this batch already changed are judged as they are now, not as stored: the same
    // documents as when events are applied one at a time, whatever the batch boundaries.
    const concerned = filterMatcher(filter);
    for (const [concernedId, document] of current) if (document && concerned(document)) apply(concernedId, event);
  }
  completeChanged();

  const operations: WriteOperation[] = [];
  const writes: CollectionWrites[] = [{ collection: projection.collection, operations }];
  if (projection.rollups?.length) {
    const changes = [...changed].map((id) => ({ before: loaded.get(id) ?? null, after: current.get(id) ?? null }));
    for (const rollup of projection.rollups) writes.push({ collection: rollup.collection, operations: rollupWrites(rollup, changes) });
  }
  for (const id of changed) {
    const next = current.get(id) ?? null;
    const before = storedPosition.get(id);
    if (before === undefined) {
      if (next) operations.push({ insertOne: { document: next } });
    } else if (next) {
      operations.push({ replaceOne: { filter: { _id: id, lastPosition: before }, replacement: next } });
    } else {
      operations.push({ deleteOne: { filter: { _id: id, lastPosition: before } } });
    }
  }
  return writes.filter((write) => write.operations.length > 0);
}
