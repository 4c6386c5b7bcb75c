import { COMPLAINT_STREAM_PREFIX, type ComplaintEvent, type OrganisationTree, toComplaintEvent } from '@lacak/domain';
import type { RecordedEvent } from '@lacak/event-store';
import type { IndexSpec } from '@lacak/read-store';
import type { DocumentProjection, Draft, ProjectedDocument } from '../projection';

export const AGENCY_STATS_COLLECTION = 'agency_stats';

/**
 * `duplicates` counts, at the node that received them, complaints later marked duplicate: a
 * duplicate stays in `received`, so received − duplicates is the net number of distinct complaints.
 */
export const AGENCY_COUNTERS = [
  'received',
  'verified',
  'disposed',
  'returned',
  'rejected',
  'archived',
  'responded',
  'closed',
  'duplicates',
  'disputed',
  'reopened',
  'deadlinesMissed',
  'escalated',
  'referredToOmbudsman',
  'leadershipReviews',
  'policyImprovements',
] as const;
export type AgencyCounter = (typeof AGENCY_COUNTERS)[number];
export type AgencyCounters = Record<AgencyCounter, number>;

/** Counters of one node only; the API rolls them up over a subtree. */
export interface AgencyStatsDocument extends ProjectedDocument, AgencyCounters {}

export const zeroCounters = (): AgencyCounters =>
  Object.fromEntries(AGENCY_COUNTERS.map((counter) => [counter, 0])) as AgencyCounters;

/**
 * Which node an event counts for: received at the agency the reporter chose (or the national
 * router), verification, rejection and archival at the acting node, disposition at the
 * receiving agency, follow-up and closure at the assignee. A duplicate counts where it was received;
 * disputes, reopenings, missed deadlines and Ombudsman referrals at the agency holding the complaint;
 * escalations at the node escalated from; leadership reviews and policy improvements at the recording node.
 */
function attribution(event: ComplaintEvent, actorAgencyId: string | null): { counter: AgencyCounter; agencyId: string | null } | null {
  switch (event.type) {
    case 'ComplaintSubmitted':
      return { counter: 'received', agencyId: event.data.targetAgencyId };
    case 'ComplaintVerified':
      return { counter: 'verified', agencyId: actorAgencyId };
    case 'ComplaintDisposed':
      return { counter: 'disposed', agencyId: event.data.agencyId };
    case 'DispositionReturned':
      return { counter: 'returned', agencyId: event.data.agencyId };
    case 'ComplaintRejected':
      return { counter: 'rejected', agencyId: event.data.agencyId ?? actorAgencyId };
    case 'ComplaintArchived':
      return { counter: 'archived', agencyId: actorAgencyId };
    case 'ComplaintResponded':
      return { counter: 'responded', agencyId: event.data.agencyId };
    case 'ComplaintClosed':
      return { counter: 'closed', agencyId: event.data.agencyId };
    case 'ComplaintMarkedDuplicate':
      return { counter: 'duplicates', agencyId: event.data.targetAgencyId };
    case 'FollowUpDisputed':
      return { counter: 'disputed', agencyId: event.data.agencyId };
    case 'ComplaintReopened':
      return { counter: 'reopened', agencyId: event.data.agencyId };
    case 'DeadlineMissed':
      return { counter: 'deadlinesMissed', agencyId: event.data.agencyId };
    case 'EscalatedToParent':
      return { counter: 'escalated', agencyId: event.data.fromAgencyId };
    case 'ReferredToOmbudsman':
      return { counter: 'referredToOmbudsman', agencyId: event.data.agencyId };
    case 'LeadershipReviewRecorded':
      return { counter: 'leadershipReviews', agencyId: event.data.agencyId ?? actorAgencyId };
    case 'PolicyImprovementLinked':
      return { counter: 'policyImprovements', agencyId: event.data.agencyId ?? actorAgencyId };
    default:
      return null;
  }
}

export class AgencyStatsProjection implements DocumentProjection<AgencyStatsDocument> {
  readonly name = 'agency-stats';
  readonly collection = AGENCY_STATS_COLLECTION;
  readonly streamPrefixes = [COMPLAINT_STREAM_PREFIX];
  readonly indexes: IndexSpec[] = [];

  constructor(private readonly tree: OrganisationTree) {}

  documentId(event: RecordedEvent): string | null {
    if (!event.streamId.startsWith(COMPLAINT_STREAM_PREFIX)) return null;
    const target = attribution(toComplaintEvent(event), event.metadata.actor.agencyId);
    return target ? (target.agencyId ?? this.tree.root.id) : null;
  }

  evolve(document: AgencyStatsDocument | null, event: RecordedEvent): Draft<AgencyStatsDocument> | null {
    const target = attribution(toComplaintEvent(event), event.metadata.actor.agencyId);
    const id = this.documentId(event);
    if (!target || !id) return document;
    // A document stored before a counter existed starts that counter at zero.
    const counters = { _id: id, ...zeroCounters(), ...document };
    return { ...counters, [target.counter]: counters[target.counter] + 1 };
  }
}
