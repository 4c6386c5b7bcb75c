import { AGENCY_SLA_COLLECTION, type AgencySlaDocument, type SlaIndicators, sumSlaIndicators } from '@lacak/projections';
import type { ReadStore } from '@lacak/read-store';

export type { SlaIndicators } from '@lacak/projections';

/**
 * SLA compliance, overdue ageing and ratings of a subtree as of `now`: the `agency_sla` read model's
 * documents of the subtree's nodes, summed (like the counters, over the tree as it is now), so a
 * request reads one small document per node instead of every complaint.
 */
export async function slaIndicators(readStore: ReadStore, subtreeIds: string[], now: Date): Promise<SlaIndicators> {
  const documents = await readStore.collection<AgencySlaDocument>(AGENCY_SLA_COLLECTION).find({ _id: { $in: subtreeIds } });
  return sumSlaIndicators(documents, now);
}
