import { SLA_CLASSES } from '@lacak/domain';
import type { ReadStore } from '@lacak/read-store';
import type { SlaIndicators } from '../agency-stats/agency-sla';
import { COMPLAINTS_COLLECTION, type ComplaintDocument } from '../complaints/complaint-document';

const OPEN = ['SUBMITTED', 'VERIFIED', 'DISPOSED', 'IN_PROGRESS', 'MEDIATION', 'INVESTIGATION', 'AWAITING_REPORTER'];
const DAY = 24 * 60 * 60 * 1000;

/**
 * SLA compliance, overdue ageing and ratings of a subtree, computed by reading every complaint of
 * the subtree, as the API did before the `agency_sla` read model: the reference that read model's
 * answers are checked against, not for production (it reads the whole subtree per request).
 */
export async function slaIndicatorsByScan(readStore: ReadStore, agencyId: string, now: Date): Promise<SlaIndicators> {
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
