import { type ComplaintStatus, SLA_CLASSES, type SlaClass } from '@lacak/domain';
import type { Document } from '@lacak/read-store';
import type { ComplaintDocument } from '../complaints/complaint-document';
import type { Rollup } from '../projection';

export const AGENCY_SLA_COLLECTION = 'agency_sla';

export interface SlaIndicators {
  /** Per SLA class: complaints followed up, and how many of them without a missed resolution deadline. */
  compliance: Record<SlaClass, { responded: number; withinSla: number; rate: number | null }>;
  /** Open complaints with a missed deadline, by calendar days since the first one fell due. */
  overdueAgeing: { '1-7': number; '8-30': number; '31-60': number; '>60': number };
  /** Kepuasan: mean reporter rating (1-5) and how many rated. */
  rating: { average: number | null; count: number };
}

/**
 * What the complaints one node holds now (`currentAgencyId`) add up to; the API sums a subtree's
 * documents. Overdue ageing depends on the time of asking, so the node keeps its open overdue
 * complaints by the instant their first deadline was missed (epoch milliseconds: due instants fall
 * at the end of a local day, so a node has a few per day) and the query buckets them.
 */
export interface AgencySlaDocument extends Document {
  compliance?: Partial<Record<SlaClass, { responded?: number; withinSla?: number }>>;
  overdueSince?: Record<string, number>;
  rating?: { sum?: number; count?: number };
}

const OPEN: readonly ComplaintStatus[] = ['SUBMITTED', 'VERIFIED', 'DISPOSED', 'IN_PROGRESS', 'MEDIATION', 'INVESTIGATION', 'AWAITING_REPORTER'];
const DAY = 24 * 60 * 60 * 1000;

/** The complaints read model's SLA indicators per node, kept with the complaints (see `Rollup`). */
export const agencySlaRollup: Rollup<ComplaintDocument> = {
  collection: AGENCY_SLA_COLLECTION,
  *contributions(complaint) {
    if (!complaint.currentAgencyId) return;
    const fields: Record<string, number> = {};
    const overdue = complaint.overdue ?? [];
    if (complaint.slaClass && complaint.followUps?.length) {
      fields[`compliance.${complaint.slaClass}.responded`] = 1;
      if (!overdue.some((o) => o.clock === 'resolution')) fields[`compliance.${complaint.slaClass}.withinSla`] = 1;
    }
    if (OPEN.includes(complaint.status) && overdue.length > 0) {
      fields[`overdueSince.${Math.min(...overdue.map((o) => Date.parse(o.dueAt)))}`] = 1;
    }
    if (complaint.rating) {
      fields['rating.sum'] = complaint.rating.rating;
      fields['rating.count'] = 1;
    }
    yield [complaint.currentAgencyId, fields] as const;
  },
};

/** The indicators of the complaints the documents' nodes hold, as of `now`. */
export function sumSlaIndicators(documents: AgencySlaDocument[], now: Date): SlaIndicators {
  const compliance = Object.fromEntries(SLA_CLASSES.map((c) => [c, { responded: 0, withinSla: 0, rate: null }])) as SlaIndicators['compliance'];
  const overdueAgeing: SlaIndicators['overdueAgeing'] = { '1-7': 0, '8-30': 0, '31-60': 0, '>60': 0 };
  let ratingSum = 0;
  let ratingCount = 0;
  for (const document of documents) {
    for (const slaClass of SLA_CLASSES) {
      compliance[slaClass].responded += document.compliance?.[slaClass]?.responded ?? 0;
      compliance[slaClass].withinSla += document.compliance?.[slaClass]?.withinSla ?? 0;
    }
    for (const [firstDueMs, count] of Object.entries(document.overdueSince ?? {})) {
      const days = Math.floor((now.getTime() - Number(firstDueMs)) / DAY) + 1;
      overdueAgeing[days <= 7 ? '1-7' : days <= 30 ? '8-30' : days <= 60 ? '31-60' : '>60'] += count;
    }
    ratingSum += document.rating?.sum ?? 0;
    ratingCount += document.rating?.count ?? 0;
  }
  for (const bucket of Object.values(compliance)) {
    bucket.rate = bucket.responded > 0 ? Math.round((bucket.withinSla / bucket.responded) * 1000) / 1000 : null;
  }
  return {
    compliance,
    overdueAgeing,
    rating: { average: ratingCount > 0 ? Math.round((ratingSum / ratingCount) * 100) / 100 : null, count: ratingCount },
  };
}
