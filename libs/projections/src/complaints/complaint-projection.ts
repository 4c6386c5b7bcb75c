import type { DeadlineContext } from '@lacak/deadlines';
import {
  COMPLAINT_STREAM_PREFIX,
  type ComplaintEvent,
  type ComplaintStatus,
  HOLIDAY_CALENDAR_STREAM_PREFIX,
  IDENTITY_ACCESS_STREAM_PREFIX,
  type OrganisationTree,
  PUBLIC_LISTING,
  TERMINAL_STATUSES,
  complaintIdOf,
  holderOf,
  toComplaintEvent,
  toHolidayCalendarEvent,
} from '@lacak/domain';
import type { RecordedEvent } from '@lacak/event-store';
import type { Filter, IndexSpec } from '@lacak/read-store';
import type { DocumentProjection, Draft, Rollup } from '../projection';
import { MonevRollup } from '../monev/monev-rollup';
import { planDeadlines } from '../deadlines/complaint-deadlines';
import { publishedYearOf } from '../deadlines/holiday-calendar-feed';
import { agencySlaRollup } from '../agency-stats/agency-sla';
import { COMPLAINTS_COLLECTION, type ComplaintDocument } from './complaint-document';
import { EXCEPTION_INDEXES, withExceptionFields } from './complaint-exceptions';

type ComplaintDraft = Draft<ComplaintDocument>;

/** What a document must be to appear in the public list, as far as a partial index can say it. */
const PUBLIC_INDEX_FILTER = { confidential: PUBLIC_LISTING.confidential, classification: { $exists: true } };

/** The streams the complaints read model (and the monev sums kept with it) is folded from. */
export const COMPLAINTS_PROJECTION_STREAMS = [COMPLAINT_STREAM_PREFIX, IDENTITY_ACCESS_STREAM_PREFIX, HOLIDAY_CALENDAR_STREAM_PREFIX];

/** The complaint work queue and detail read model. */
export class ComplaintProjection implements DocumentProjection<ComplaintDocument> {
  readonly name = 'complaints';
  readonly collection = COMPLAINTS_COLLECTION;
  readonly streamPrefixes = COMPLAINTS_PROJECTION_STREAMS;
  /**
   * SLA compliance, overdue ageing and ratings per node holding the complaints, for the agency
   * dashboards; the monev figures per node, subtree and period.
   */
  readonly rollups: readonly Rollup<ComplaintDocument>[];
  /**
   * One index per query shape the engine issues (test/indexes checks each against them), each in
   * equality–sort–range order and ending with the `_id` tie-breaker every list sorts by, so MongoDB
   * reads a page in index order instead of sorting in memory. Boolean flags and the public list's
   * `$ne`/`$nin` are checked on the fetched documents; the text filter (`$text`) has its text index.
   * Names differ from the earlier, `_id`-less indexes, which a rebuild (or dropIndex) removes.
   */
  readonly indexes: IndexSpec[] = [
    { name: 'queue_agency_status_age', keys: { agencyPath: 1, status: 1, submittedAt: 1, _id: 1 } },
    { name: 'queue_agency_age', keys: { agencyPath: 1, submittedAt: 1, _id: 1 } },
    { name: 'queue_agency_due', keys: { agencyPath: 1, nextDueAt: 1, _id: 1 } },
    // The national scope: every complaint, by status or not.
    { name: 'queue_status_age', keys: { status: 1, submittedAt: 1, _id: 1 } },
    { name: 'queue_status_due', keys: { status: 1, nextDueAt: 1, _id: 1 } },
    { name: 'queue_age', keys: { submittedAt: 1, _id: 1 } },
    // Also the deadline process's `nextDueAt <= now`.
    { name: 'queue_due', keys: { nextDueAt: 1, _id: 1 } },
    { name: 'reporter_age', keys: { reporterAccountId: 1, submittedAt: 1, _id: 1 } },
    { name: 'reporter_due', keys: { reporterAccountId: 1, nextDueAt: 1, _id: 1 } },
    { name: 'tracking_id', keys: { trackingId: 1 }, unique: true },
    // `q=`: whole words of the tracking id, title and description; no stemming, Indonesian is not English.
    { name: 'search_text', keys: { searchText: 'text' }, default_language: 'none' },
    // The unauthenticated public list holds only what it may show: not rahasia, classified (MongoDB
    // proves `classification $ne null` implies `$exists`; partial filters cannot say `$ne`/`$nin`).
    { name: 'public_age', keys: { confidential: 1, submittedAt: 1, _id: 1 }, partialFilter: PUBLIC_INDEX_FILTER },
    { name: 'public_category_age', keys: { category: 1, submittedAt: 1, _id: 1 }, partialFilter: PUBLIC_INDEX_FILTER },
    // Monev exceptions, per kind: only the complaints that are one, by subtree and for the national root.
    ...EXCEPTION_INDEXES,
    // The duplicates of a complaint, whose reporters hear its news (reporter notifications).
    { name: 'duplicates_of', keys: { 'duplicateOf.originalComplaintId': 1, _id: 1 } },
    // The complaints keeping a file's bytes, before an erased document's file is deleted (files are shared by content).
    { name: 'attachments_sha256', keys: { 'attachments.sha256': 1 } },
  ];

  constructor(
    private readonly tree: OrganisationTree,
    /** Without it (unit specs) the document carries no deadlines. */
    private readonly deadlines?: DeadlineContext,
  ) {
    this.rollups = [agencySlaRollup, new MonevRollup(tree)];
  }

  documentId(event: RecordedEvent): string | null {
    if (event.streamId.startsWith(COMPLAINT_STREAM_PREFIX)) return complaintIdOf(event.streamId);
    return event.type === 'ReporterIdentityErased' ? String(event.data.complaintId) : null;
  }

  /**
   * A holiday calendar publication concerns every complaint still open that was submitted before the
   * year ended (a later one never counts days of that year). It is handed to the deadline context
   * first (idempotent: the calendar keeps each year's newest version), so the recompute and every
   * later event use it whichever of the calendar feed and this projection reads it first.
   */
  documentsConcerned(recorded: RecordedEvent): Filter | null {
    if (!recorded.streamId.startsWith(HOLIDAY_CALENDAR_STREAM_PREFIX) || !this.deadlines) return null;
    const { data } = toHolidayCalendarEvent(recorded);
    this.deadlines.calendar.publish(publishedYearOf(data));
    return { status: { $nin: [...TERMINAL_STATUSES] }, submittedAt: { $lt: `${data.year + 1}-01-01T00:00:00.000Z` } };
  }

  evolve(document: ComplaintDocument | null, recorded: RecordedEvent): ComplaintDraft | null {
    // Holidays moved: the due dates of the running clocks follow (`complete`); the revision and what happened stay.
    if (recorded.streamId.startsWith(HOLIDAY_CALENDAR_STREAM_PREFIX)) return document;
    // An erasure lives in the identity-access stream: it changes what the detail says, not the complaint's revision.
    if (recorded.type === 'ReporterIdentityErased') return document && { ...document, hasReporterIdentity: false };
    const event = toComplaintEvent(recorded);
    if (event.type === 'ComplaintSubmitted') return this.submitted(event, recorded);
    if (!document) return null;
    const next: ComplaintDraft = { ...this.apply(document, event), revision: Number(recorded.revision), updatedAt: event.data.at };
    return this.withCurrentAgency(next);
  }

  private submitted(event: Extract<ComplaintEvent, { type: 'ComplaintSubmitted' }>, recorded: RecordedEvent): ComplaintDraft {
    const d = event.data;
    return this.withCurrentAgency({
      _id: d.complaintId,
      trackingId: d.trackingId,
      title: d.title,
      description: d.description,
      channel: d.channel,
      category: d.category,
      location: d.location,
      incidentDate: d.incidentDate,
      status: 'SUBMITTED',
      classification: null,
      slaClass: null,
      confidential: d.confidential,
      anonymous: d.anonymous,
      hasReporterIdentity: d.reporterRef !== null,
      reporterAccountId: d.reporterAccountId,
      targetAgencyId: d.targetAgencyId,
      assigneeAgencyId: null,
      currentAgencyId: '',
      agencyPath: [],
      submittedAt: d.at,
      slaPolicyVersion: d.slaPolicyVersion ?? null,
      updatedAt: d.at,
      revision: Number(recorded.revision),
      dispositions: [],
      bounceCount: 0,
      returns: [],
      clarifications: [],
      mediation: null,
      investigation: null,
      followUps: [],
      rejection: null,
      archival: null,
      closure: null,
      disputes: [],
      normativeMarks: [],
      reopenings: [],
      rating: null,
      overdue: [],
      escalations: [],
      ombudsmanReferral: null,
      duplicateOf: null,
      leadershipReviews: [],
      policyImprovements: [],
      attachments: [],
      searchText: `${d.trackingId} ${d.title} ${d.description}`.toLowerCase(),
    });
  }

  private apply(doc: ComplaintDocument, event: ComplaintEvent): ComplaintDraft {
    switch (event.type) {
      case 'ComplaintSubmitted':
        return doc;
      case 'ComplaintVerified': {
        const { classification, category, slaClass, confidential, anonymous } = event.data;
        // The first verification is the one the verification deadline judged.
        return { ...doc, status: 'VERIFIED', classification, category, slaClass, confidential, anonymous, verifiedAt: doc.verifiedAt ?? event.data.at };
      }
      case 'ComplaintRejected':
        return { ...doc, status: 'REJECTED', rejection: pick(event.data, 'reasonCode', 'reason', 'at') };
      case 'DispositionReturned':
        return {
          ...doc,
          status: 'VERIFIED',
          assigneeAgencyId: null,
          bounceCount: doc.bounceCount + 1,
          returns: append(doc.returns, pick(event.data, 'agencyId', 'reasonCode', 'at')),
        };
      case 'ComplaintArchived':
        return { ...doc, status: 'ARCHIVED_INVALID', archival: pick(event.data, 'reasonCode', 'reason', 'at') };
      case 'ComplaintDisposed':
        return {
          ...doc,
          status: 'DISPOSED',
          assigneeAgencyId: event.data.agencyId,
          dispositions: [...doc.dispositions, pick(event.data, 'agencyId', 'previousAgencyId', 'note', 'at')],
        };
      case 'DispositionAccepted':
        return { ...doc, status: 'IN_PROGRESS' };
      case 'ClarificationRequested': {
        const pausesComplaint = event.data.party === 'reporter';
        const entry = {
          ...pick(event.data, 'clarificationId', 'party', 'partyAgencyId', 'question'),
          requestedAt: event.data.at,
          resumeStatus: pausesComplaint ? doc.status : null,
          answer: null,
          answeredAt: null,
          expiredAt: null,
        };
        return { ...doc, status: pausesComplaint ? 'AWAITING_REPORTER' : doc.status, clarifications: [...doc.clarifications, entry] };
      }
      case 'ClarificationAnswered':
      case 'ClarificationAnswerRecordedOnBehalf': {
        const { clarificationId, answer, at } = event.data;
        const asked = doc.clarifications.find((c) => c.clarificationId === clarificationId);
        const recordedOnBehalfVia = event.type === 'ClarificationAnswerRecordedOnBehalf' ? event.data.channel : null;
        return {
          ...doc,
          status: asked?.resumeStatus ?? doc.status,
          clarifications: doc.clarifications.map((c) =>
            c.clarificationId === clarificationId ? { ...c, answer, answeredAt: at, recordedOnBehalfVia } : c,
          ),
        };
      }
      case 'MediationStarted':
        return {
          ...doc,
          status: 'MEDIATION',
          mediation: { startedAt: event.data.at, note: event.data.note, outcome: null, outcomeNote: null, endedAt: null },
        };
      case 'MediationOutcomeRecorded':
        return {
          ...doc,
          status: 'IN_PROGRESS',
          mediation: doc.mediation && { ...doc.mediation, outcome: event.data.outcome, outcomeNote: event.data.note, endedAt: event.data.at },
        };
      case 'InvestigationOpened':
        return {
          ...doc,
          status: 'INVESTIGATION',
          investigation: { openedAt: event.data.at, reason: event.data.reason, conclusion: null, summary: null, closedAt: null },
        };
      case 'FindingsRecorded':
        return {
          ...doc,
          status: 'IN_PROGRESS',
          investigation: doc.investigation && {
            ...doc.investigation,
            conclusion: event.data.conclusion,
            summary: event.data.summary,
            closedAt: event.data.at,
          },
        };
      case 'ComplaintResponded':
        return { ...doc, status: 'RESPONDED', followUps: [...doc.followUps, pick(event.data, 'agencyId', 'followUp', 'at')] };
      case 'ComplaintClosed':
        return { ...doc, status: 'CLOSED', closure: pick(event.data, 'reasonCode', 'note', 'at') };
      case 'FollowUpDisputed':
        return { ...doc, status: 'IN_PROGRESS', disputes: append(doc.disputes, pick(event.data, 'agencyId', 'reason', 'at')) };
      case 'FollowUpMarkedNormative':
        return {
          ...doc,
          normativeMarks: append(doc.normativeMarks, pick(event.data, 'agencyId', 'markedBy', 'reason', 'followUpAt', 'at')),
        };
      case 'ComplaintReopened':
        // The closure stays on record; the status says the complaint is being handled again.
        return { ...doc, status: 'IN_PROGRESS', reopenings: append(doc.reopenings, pick(event.data, 'agencyId', 'reason', 'at')) };
      case 'ComplaintRated':
        return { ...doc, rating: pick(event.data, 'rating', 'comment', 'at') };
      case 'ClarificationExpired':
        // The ComplaintArchived that follows sets the status.
        return {
          ...doc,
          clarifications: doc.clarifications.map((c) =>
            c.clarificationId === event.data.clarificationId ? { ...c, expiredAt: event.data.at } : c,
          ),
        };
      case 'DeadlineMissed':
        return { ...doc, overdue: append(doc.overdue, pick(event.data, 'clock', 'dueAt', 'at')) };
      case 'EscalatedToParent':
        return { ...doc, escalations: append(doc.escalations, pick(event.data, 'fromAgencyId', 'toAgencyId', 'reason', 'at')) };
      case 'ReferredToOmbudsman':
        return { ...doc, ombudsmanReferral: pick(event.data, 'reason', 'at') };
      case 'AutoCloseAnnounced':
        return { ...doc, autoCloseAnnouncement: pick(event.data, 'dueAt', 'followUpAt', 'at') };
      case 'ComplaintMarkedDuplicate':
        return { ...doc, status: 'DUPLICATE', duplicateOf: pick(event.data, 'originalComplaintId', 'note', 'at') };
      case 'LeadershipReviewRecorded':
        return {
          ...doc,
          leadershipReviews: append(doc.leadershipReviews, pick(event.data, 'agencyId', 'summary', 'clusterId', 'at')),
        };
      case 'PolicyImprovementLinked':
        return {
          ...doc,
          policyImprovements: append(
            doc.policyImprovements,
            pick(event.data, 'agencyId', 'policyTitle', 'description', 'effectiveDate', 'at'),
          ),
        };
      case 'ExternalReferenceRecorded': {
        const { system, externalId, agencyId, at } = event.data;
        return { ...doc, externalSync: append(doc.externalSync, { system, externalId, agencyId, recordedAt: at, observed: null }) };
      }
      case 'ExternalStatusObserved': {
        const { complaintId: _, system, externalId, ...observed } = event.data;
        return {
          ...doc,
          externalSync: (doc.externalSync ?? []).map((sync) => (sync.system === system && sync.externalId === externalId ? { ...sync, observed } : sync)),
        };
      }
      case 'AttachmentAdded':
        return {
          ...doc,
          attachments: append(doc.attachments, {
            ...pick(event.data, 'attachmentId', 'fileName', 'mediaType', 'size', 'identifying', 'addedBy', 'agencyId', 'at', 'sha256'),
            erasedAt: null,
          }),
        };
      case 'IdentifyingAttachmentsErased': {
        const erased = new Set(event.data.attachmentIds);
        return {
          ...doc,
          attachments: (doc.attachments ?? []).map((a) => (erased.has(a.attachmentId) ? { ...a, erasedAt: event.data.at } : a)),
        };
      }
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  }

  private withCurrentAgency(doc: ComplaintDraft): ComplaintDraft {
    const currentAgencyId = holderOf(doc) ?? this.tree.root.id;
    // An agency missing from a reconfigured tree still shows up under the root.
    const path = this.tree.pathTo(currentAgencyId);
    return { ...doc, currentAgencyId, agencyPath: path.length > 0 ? path : [this.tree.root.id, currentAgencyId] };
  }

  /**
   * Due dates and the monev exception fields follow from the document alone (pinned policy, calendar,
   * zone), so a rebuild gives the same; counted once per document and batch rather than per event,
   * they cost a fraction.
   */
  complete(doc: ComplaintDraft): ComplaintDraft {
    const flags = { isOverdue: (doc.overdue ?? []).length > 0, isEscalated: (doc.escalations ?? []).length > 0 };
    const flagged = withExceptionFields({ ...doc, ...flags });
    if (!this.deadlines) return flagged;
    const firstDisposition = doc.dispositions[0]?.at;
    const firstFollowUp = doc.followUps[0]?.at;
    // Counted in the zone of the agency that gave it, with the calendar known when it was given.
    const firstFollowUpWorkingDays =
      firstDisposition && firstFollowUp
        ? (doc.firstFollowUpWorkingDays ??
          Math.max(0, this.deadlines.calendar.workingDaysBetween(firstDisposition, firstFollowUp, this.deadlines.zoneOf(doc.followUps[0].agencyId))))
        : null;
    const plan = planDeadlines(doc as ComplaintDocument, this.deadlines);
    return {
      ...flagged,
      firstFollowUpWorkingDays,
      slaPolicyVersion: plan.policyVersion,
      deadlines: plan.clocks,
      dueDatesUnverified: plan.dueDatesUnverified,
      nextDueAt: plan.nextDueAt,
    };
  }
}

/** Appends to a list a document projected before the list existed may lack. */
const append = <T>(list: T[] | undefined, item: T): T[] => [...(list ?? []), item];

function pick<T extends object, K extends keyof T>(source: T, ...keys: K[]): Pick<T, K> {
  const result = {} as Pick<T, K>;
  for (const key of keys) result[key] = source[key];
  return result;
}
