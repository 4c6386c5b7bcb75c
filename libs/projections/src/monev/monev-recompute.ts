import type { DeadlineContext } from '@lacak/deadlines';
import type { MonevSums, NodeSums, OrganisationTree } from '@lacak/domain';
import { type AllPosition, type EventStore } from '@lacak/event-store';
import { filterMatcher } from '@lacak/read-store';
import type { ComplaintDocument } from '../complaints/complaint-document';
import { ComplaintProjection } from '../complaints/complaint-projection';
import { MonevRollup, OPEN_BACKLOG } from './monev-rollup';

const PAGE_SIZE = 2000;

function addAt(target: Record<string, unknown>, path: string[], amount: number): void {
  let node = target;
  for (const part of path.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  const last = path[path.length - 1];
  node[last] = ((node[last] as number | undefined) ?? 0) + amount;
}

/**
 * A period's monev sums recomputed from the log alone, up to and including `position`: every
 * complaint folded in memory through the complaints projection's own `evolve` and `complete` (a
 * fresh deadline context, so only holidays published by then count), then what each adds to the
 * period's keys and to the open backlog, summed per node. This is what a closed period's snapshot
 * must equal; it holds every complaint of the log in memory, for a tool, not a request.
 */
export async function recomputeMonevSums(
  eventStore: EventStore,
  tree: OrganisationTree,
  deadlines: DeadlineContext | undefined,
  position: bigint,
  period: string,
): Promise<NodeSums[]> {
  const projection = new ComplaintProjection(tree, deadlines);
  const documents = new Map<string, ComplaintDocument>();
  const evolve = (id: string, event: Parameters<ComplaintProjection['evolve']>[1]) => {
    const evolved = projection.evolve(documents.get(id) ?? null, event);
    const next = evolved && projection.complete(evolved);
    if (next) documents.set(id, { ...next, lastPosition: Number(event.position) } as ComplaintDocument);
    else documents.delete(id);
  };
  let from: AllPosition = 'start';
  read: for (;;) {
    const page = await eventStore.readAll({ fromPosition: from, maxCount: PAGE_SIZE });
    for (const event of page) {
      if (event.position > position) break read;
      if (!projection.streamPrefixes.some((prefix) => event.streamId.startsWith(prefix))) continue;
      const id = projection.documentId(event);
      if (id !== null) {
        evolve(id, event);
        continue;
      }
      const filter = projection.documentsConcerned(event);
      if (!filter) continue;
      const concerned = filterMatcher(filter);
      for (const [concernedId, document] of [...documents]) if (concerned(document)) evolve(concernedId, event);
    }
    if (page.length < PAGE_SIZE) break;
    from = page[page.length - 1].position;
    await new Promise((resolve) => setImmediate(resolve));
  }
  const rollup = new MonevRollup(tree);
  const byNode = new Map<string, { own: MonevSums; subtree: MonevSums }>();
  for (const document of documents.values()) {
    for (const [key, fields] of rollup.contributions(document)) {
      const separator = key.lastIndexOf('|');
      const keyPeriod = key.slice(separator + 1);
      if (keyPeriod !== period && keyPeriod !== OPEN_BACKLOG) continue;
      const nodeId = key.slice(0, separator);
      let sums = byNode.get(nodeId);
      if (!sums) byNode.set(nodeId, (sums = { own: {}, subtree: {} }));
      for (const [field, amount] of Object.entries(fields)) addAt(sums as unknown as Record<string, unknown>, field.split('.'), amount);
    }
  }
  return [...byNode].map(([nodeId, sums]) => ({ nodeId, ...sums })).sort((a, b) => (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0));
}
