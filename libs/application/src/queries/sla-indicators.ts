import { AGENCY_SLA_COLLECTION, type AgencySlaDocument, type SlaIndicators, sumSlaIndicators } from '@lacak/projections';
import type { Filter, ReadStore } from '@lacak/read-store';

export type { SlaIndicators } from '@lacak/projections';

/**
 * SLA compliance, overdue ageing and ratings of a subtree as of `now`: the `agency_sla` read model's
 * documents of the subtree's nodes (`nodes`: their ids, or every document for the root, whose
 * subtree also holds the complaints of nodes a reconfigured tree no longer has), summed, so a request
 * reads one small document per node instead of every complaint.
 */
export async function slaIndicators(readStore: ReadStore, nodes: Filter, now: Date): Promise<SlaIndicators> {
  const documents = await readStore.collection<AgencySlaDocument>(AGENCY_SLA_COLLECTION).find(nodes);
  return sumSlaIndicators(documents, now);
}
