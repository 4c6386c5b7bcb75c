import type { RecordedEvent } from '@lacak/event-store';
import { filterMatcher } from '@lacak/read-store';
import type { DocumentProjection, ProjectedDocument } from '../projection';

/**
 * A projection's documents after the events, folded one by one in memory with no batching and
 * no store: what `evolve` alone says, to check evolve by hand and the runner against. An event
 * concerning many documents (`documentsConcerned`) evolves every document its filter matches then.
 */
export function foldInMemory<D extends ProjectedDocument>(projection: DocumentProjection<D>, events: RecordedEvent[]): D[] {
  const documents = new Map<string, D>();
  const evolve = (id: string, event: RecordedEvent) => {
    const evolved = projection.evolve(documents.get(id) ?? null, event);
    const next = evolved && (projection.complete?.(evolved) ?? evolved);
    if (next) documents.set(id, { ...next, lastPosition: Number(event.position) } as D);
    else documents.delete(id);
  };
  for (const event of events) {
    const id = projection.documentId(event);
    if (id !== null) {
      evolve(id, event);
      continue;
    }
    const filter = projection.documentsConcerned?.(event) ?? null;
    if (!filter) continue;
    const concerned = filterMatcher(filter);
    for (const [concernedId, document] of [...documents]) if (concerned(document)) evolve(concernedId, event);
  }
  return [...documents.values()].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
}
