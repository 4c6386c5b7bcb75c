import { SLA_CLASSES, type SlaClass } from '@lacak/domain';
import { COMPLAINTS_COLLECTION, type ComplaintDocument } from '@lacak/projections';
import type { ReadStore } from '@lacak/read-store';

export interface SlaIndicators {
  /** Per SLA class: complaints followed up, and how many of them without a missed resolution deadline. */
  compliance: Record<SlaClass, { responded: number; withinSla: number; rate: number | null }>;
  /** Open complaints with a missed deadline, by calendar days since the first one fell due. */
  overdueAgeing: { '1-7': number; '8-30': number; '31-60': number; '>60': number };
  /** Kepuasan: mean reporter rating (1-5) and how many rated. */
  rating: { average: number | null; count: number };
}

const OPEN = ['SUBMITTED', 'VERIFIED', 'DISPOSED', 'IN_PROGRESS', 'MEDIATION', 'INVESTIGATION', 'AWAITING_REPORTER'];
const DAY = 24 * 60 * 60 * 1000;

/**
 * SLA compliance, overdue ageing and ratings of a subtree, computed from the complaints read model
 * at query time: they depend on the time of asking and on per-complaint facts the counters lack.
 * Reads only the fields it needs, through the agency-path index.
 */
export async function slaIndicators(readStore: ReadStore, agencyId: string, now: Date): Promise<SlaIndicators> {
  const complaints = await readStore.collection<ComplaintDocument>(COMPLAINTS_COLLECTION).find(
    { agencyPath: agencyId },
    { projection: { _id: 1, status: 1, slaClass: 1, followUps: 1, overdue: 1, rating: 1 } },
  );
  const compliance = Object.fromEntries(SLA_CLASSES.map((c) => [c, { responded: 0, withinSla: 0, rate: null }])) as SlaIndicators['compliance'];
  const overdueAgeing: SlaIndicators['overdueAgeing'] = { '1-7': 0, '8-30': 0, '31-60': 0, '>60': 0 };
  let ratingSum = 0;
  let ratingCount = 0;
  for (const complaint of complaints) {
    const overdue = complaint.overdue ?? [];
    if (complaint.slaClass && complaint.followUps?.length) {
      const bucket = compliance[complaint.slaClass];
      bucket.responded += 1;
      if (!overdue.some((o) => o.clock === 'resolution')) bucket.withinSla += 1;
    }
    if (OPEN.includes(complaint.status) && overdue.length > 0) {
      const days = Math.floor((now.getTime() - Math.min(...overdue.map((o) => Date.parse(o.dueAt)))) / DAY) + 1;
      overdueAgeing[days <= 7 ? '1-7' : days <= 30 ? '8-30' : days <= 60 ? '31-60' : '>60'] += 1;
    }
    if (complaint.rating) {
      ratingSum += complaint.rating.rating;
      ratingCount += 1;
    }
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
