import { type ComplaintStatus, type DeadlineClock, type MonevSums, type OrganisationTree, periodIdsOfLocal } from '@lacak/domain';
import { INDONESIAN_ZONES, zoneOffsetMs } from '@lacak/deadlines';
import { timeZoneOf } from '@lacak/organisation';
import type { Document } from '@lacak/read-store';
import type { ComplaintDocument } from '../complaints/complaint-document';
import type { Rollup } from '../projection';

export const MONEV_SUMS_COLLECTION = 'monev_sums';
/** The period key of the stock figures (open backlog): they belong to no period but to the moment read. */
export const OPEN_BACKLOG = 'open';

/** A node's sums for a period (`2026`, `2026-Q1`, `2026-03`) or for the open backlog. */
export const monevKey = (nodeId: string, period: string): string => `${nodeId}|${period}`;

const OPEN: readonly ComplaintStatus[] = ['SUBMITTED', 'VERIFIED', 'DISPOSED', 'IN_PROGRESS', 'MEDIATION', 'INVESTIGATION', 'AWAITING_REPORTER'];

/** A dated fact of one complaint: the instant, and what it adds to the figures of the period it falls in. */
export type MonevFact = readonly [at: string, fields: Record<string, number>];

const missedBy = (complaint: ComplaintDocument, clock: DeadlineClock, at: string): boolean =>
  (complaint.overdue ?? []).some((missed) => missed.clock === clock && Date.parse(missed.dueAt) <= Date.parse(at));

/**
 * What one complaint adds to the monev figures, fact by fact (see `MonevSums` in the domain): pure,
 * from the document alone. A duplicate adds only that it was marked one.
 */
export function monevFacts(complaint: ComplaintDocument): MonevFact[] {
  if (complaint.status === 'DUPLICATE') return complaint.duplicateOf ? [[complaint.duplicateOf.at, { duplicates: 1 }]] : [];
  const facts: MonevFact[] = [[complaint.submittedAt, { received: 1 }]];
  const flag = (value: boolean): number => (value ? 1 : 0);
  if (complaint.verifiedAt) {
    facts.push([complaint.verifiedAt, { verified: 1, verifiedWithinSla: flag(!missedBy(complaint, 'verification', complaint.verifiedAt)) }]);
  }
  const firstDisposition = complaint.dispositions[0];
  if (firstDisposition) {
    facts.push([
      firstDisposition.at,
      {
        disposed: 1,
        disposedWithinSla: flag(!missedBy(complaint, 'verification', firstDisposition.at)),
        disposedWithFollowUp: flag(complaint.followUps.length > 0),
        disposedCompleted: flag(complaint.status === 'CLOSED'),
        disposedBounced: flag(complaint.bounceCount > 0),
      },
    ]);
  }
  const firstFollowUp = complaint.followUps[0];
  if (firstFollowUp) {
    const fields: Record<string, number> = { followedUp: 1, followedUpWithinSla: flag(!missedBy(complaint, 'followUp', firstFollowUp.at)) };
    if (typeof complaint.firstFollowUpWorkingDays === 'number') fields[`followUpDays.${complaint.firstFollowUpWorkingDays}`] = 1;
    if (complaint.slaClass) {
      // As the agency dashboards count it: no resolution deadline missed, whenever.
      fields[`compliance.${complaint.slaClass}.responded`] = 1;
      fields[`compliance.${complaint.slaClass}.withinSla`] = flag(!(complaint.overdue ?? []).some((missed) => missed.clock === 'resolution'));
    }
    facts.push([firstFollowUp.at, fields]);
  }
  for (const dispute of complaint.disputes ?? []) facts.push([dispute.at, { disputes: 1 }]);
  for (const mark of complaint.normativeMarks ?? []) facts.push([mark.at, { normativeAnswers: 1 }]);
  if (complaint.rating) facts.push([complaint.rating.at, { ratingSum: complaint.rating.rating, ratingCount: 1 }]);
  for (const review of complaint.leadershipReviews ?? []) facts.push([review.at, { leadershipReviews: 1 }]);
  for (const improvement of complaint.policyImprovements ?? []) facts.push([improvement.at, { policyImprovements: 1 }]);
  for (const escalation of complaint.escalations ?? []) facts.push([escalation.at, { escalations: 1 }]);
  if (complaint.ombudsmanReferral) facts.push([complaint.ombudsmanReferral.at, { ombudsmanReferrals: 1 }]);
  return facts;
}

/**
 * The monev figures per node, kept for the node itself (`own.*`) and for its subtree (`subtree.*`)
 * under one key per node and period: each complaint counts for the node holding it and every node
 * above it, in the month, quarter and year of each fact in that node's zone. A national year is
 * then one document, a ranking of 38 provinces 38, whatever the number of complaints. The path is
 * the one the complaint was projected with: a reorganised tree needs a rebuild to move past figures.
 */
export class MonevRollup implements Rollup<ComplaintDocument> {
  readonly collection = MONEV_SUMS_COLLECTION;
  private readonly offsets = new Map<string, number>();

  constructor(private readonly tree: OrganisationTree) {}

  offsetOf(nodeId: string): number {
    let offset = this.offsets.get(nodeId);
    if (offset === undefined) this.offsets.set(nodeId, (offset = zoneOffsetMs(timeZoneOf(this.tree, nodeId))));
    return offset;
  }

  /** Most events (an acceptance, a question, a mediation) change none of what the figures read. */
  sameContributions(before: ComplaintDocument, after: ComplaintDocument): boolean {
    return (
      before.currentAgencyId === after.currentAgencyId &&
      before.status === after.status &&
      before.verifiedAt === after.verifiedAt &&
      before.slaClass === after.slaClass &&
      before.bounceCount === after.bounceCount &&
      before.firstFollowUpWorkingDays === after.firstFollowUpWorkingDays &&
      before.dispositions.length === after.dispositions.length &&
      before.followUps.length === after.followUps.length &&
      before.rating === after.rating &&
      before.ombudsmanReferral === after.ombudsmanReferral &&
      before.duplicateOf === after.duplicateOf &&
      sameLength(before.overdue, after.overdue) &&
      sameLength(before.disputes, after.disputes) &&
      sameLength(before.normativeMarks, after.normativeMarks) &&
      sameLength(before.leadershipReviews, after.leadershipReviews) &&
      sameLength(before.policyImprovements, after.policyImprovements) &&
      sameLength(before.escalations, after.escalations)
    );
  }

  *contributions(complaint: ComplaintDocument): Iterable<readonly [string, Record<string, number>]> {
    const holder = complaint.currentAgencyId;
    const path = complaint.agencyPath.length > 0 ? complaint.agencyPath : [holder];
    const facts = monevFacts(complaint);
    const instants = facts.map(([at]) => Date.parse(at));
    const open = OPEN.includes(complaint.status);
    for (const nodeId of path) {
      const offset = this.offsetOf(nodeId);
      const scopes = nodeId === holder ? BOTH_SCOPES : SUBTREE_ONLY;
      for (let index = 0; index < facts.length; index++) {
        const prefixed: Record<string, number> = {};
        for (const field in facts[index][1]) {
          const amount = facts[index][1][field];
          if (amount !== 0) for (const scope of scopes) prefixed[scoped(scope, field)] = amount;
        }
        const [month, quarter, year] = localPeriods(instants[index], offset);
        yield [monevKey(nodeId, month), prefixed];
        yield [monevKey(nodeId, quarter), prefixed];
        yield [monevKey(nodeId, year), prefixed];
      }
      if (open) {
        const day = localPeriods(Date.parse(complaint.submittedAt), offset)[3];
        const backlog: Record<string, number> = {};
        for (const scope of scopes) {
          backlog[scoped(scope, 'backlog')] = 1;
          backlog[`${scope}backlogSince.${day}`] = 1;
        }
        yield [monevKey(nodeId, OPEN_BACKLOG), backlog];
      }
    }
  }
}

const sameLength = (a: unknown[] | undefined, b: unknown[] | undefined): boolean => (a?.length ?? 0) === (b?.length ?? 0);

const BOTH_SCOPES = ['own.', 'subtree.'] as const;
const SUBTREE_ONLY = ['subtree.'] as const;
const scopedNames = new Map<string, string>();
/** `own.received`, `subtree.received`…: the same few names for every complaint, built once. */
function scoped(scope: string, field: string): string {
  const key = scope + field;
  let name = scopedNames.get(key);
  if (name === undefined) scopedNames.set(key, (name = key));
  return name;
}

const DAY_MS = 86_400_000;
const periodsByLocalDay = new Map<number, [month: string, quarter: string, year: string, day: string]>();
/**
 * The month, quarter and year (and the local date) of an instant at a zone, by its local day: the
 * few hundred days a rebuild meets are each formatted once, not once per fact.
 */
function localPeriods(instant: number, offsetMs: number): [string, string, string, string] {
  const day = Math.floor((instant + offsetMs) / DAY_MS);
  let periods = periodsByLocalDay.get(day);
  if (!periods) {
    const local = new Date(day * DAY_MS).toISOString();
    periodsByLocalDay.set(day, (periods = [...periodIdsOfLocal(local), local.slice(0, 10)]));
  }
  return periods;
}

/** The zone a node counts its periods in, by name (WIB, WITA, WIT) and offset. */
export function monevZoneOf(tree: OrganisationTree, nodeId: string): { zone: string; name: 'WIB' | 'WITA' | 'WIT'; offsetMs: number } {
  const zone = timeZoneOf(tree, nodeId);
  return { zone, name: INDONESIAN_ZONES[zone], offsetMs: zoneOffsetMs(zone) };
}

/** One key's sums as stored: the node's own and its subtree's. */
export interface MonevSumsDocument extends Document {
  _id: string;
  own?: MonevSums;
  subtree?: MonevSums;
}
