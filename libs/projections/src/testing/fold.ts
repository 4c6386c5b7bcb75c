import type { RecordedEvent } from '@lacak/event-store';
import type { DocumentProjection, ProjectedDocument } from '../projection';

/**
 * A projection's documents after the events, folded one by one in memory with no batching and
 * no store: what `evolve` alone says, to check evolve by hand and the runner against.
 */
export function foldInMemory<D extends ProjectedDocument>(projection: DocumentProjection<D>, events: RecordedEvent[]): D[] {
  const documents = new Map<string, D>();
  for (const event of events) {
    const id = projection.documentId(event);
    if (id === null) continue;
    const next = projection.evolve(documents.get(id) ?? null, event);
    if (next) documents.set(id, { ...next, lastPosition: Number(event.position) } as D);
    else documents.delete(id);
  }
  return [...documents.values()].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
}
