/**
 * Facts about a complaint, in the past tense. Every event names its complaint and
 * the instant it happened (`at`, ISO-8601), which always comes from the command.
 * Reporter identity never appears here: only an opaque `reporterRef`.
 */
import type {
  ArchiveReasonCode,
  AttachmentParty,
  Channel,
  Classification,
  ClarificationParty,
  CloseReasonCode,
  CalendarBasis,
  DeadlineClock,
  EscalationReason,
  ExternalSystem,
  FindingsConclusion,
  MediationOutcome,
  NormativeMarker,
  OfflineAnswerChannel,
  Rating,
  RejectReasonCode,
  SlaClass,
  ComplaintStatus,
} from './complaint.values';

interface EventBase<Type extends string, Data> {
  type: Type;
  data: Data & { complaintId: string; at: string };
}

export type ComplaintSubmitted = EventBase<
  'ComplaintSubmitted',
  {
    trackingId: string;
    title: string;
    description: string;
    channel: Channel;
    category: string | null;
    location: string | null;
    incidentDate: string | null;
    targetAgencyId: string | null;
    anonymous: boolean;
    confidential: boolean;
    /** Opaque key into the reporter identity store; null when nothing identifying was given. */
    reporterRef: string | null;
    /** Account id of the reporter when a reporter submitted it, so they can act on it later. */
    reporterAccountId: string | null;
    /** The SLA policy version the complaint is pinned to; later policies never move its deadlines. */
    slaPolicyVersion: string | null;
  }
>;

export type ComplaintVerified = EventBase<
  'ComplaintVerified',
  {
    classification: Classification;
    category: string;
    slaClass: SlaClass;
    anonymous: boolean;
    confidential: boolean;
  }
>;

/** Terminal refusal of the complaint itself (bukan wewenang / di luar lingkup). */
export type ComplaintRejected = EventBase<
  'ComplaintRejected',
  { reasonCode: RejectReasonCode; reason: string; agencyId: string | null }
>;

/** The receiving agency sent a disposition back to the router as not its authority. */
export type DispositionReturned = EventBase<
  'DispositionReturned',
  { agencyId: string; reasonCode: RejectReasonCode; reason: string }
>;

export type ComplaintArchived = EventBase<'ComplaintArchived', { reasonCode: ArchiveReasonCode; reason: string }>;

export type ComplaintDisposed = EventBase<
  'ComplaintDisposed',
  { agencyId: string; previousAgencyId: string | null; note: string }
>;

export type DispositionAccepted = EventBase<'DispositionAccepted', { agencyId: string }>;

export type ClarificationRequested = EventBase<
  'ClarificationRequested',
  {
    clarificationId: string;
    party: ClarificationParty;
    /** The agency asked, when `party` is `agency`. */
    partyAgencyId: string | null;
    question: string;
    requestedByAgencyId: string | null;
  }
>;

export type ClarificationAnswered = EventBase<
  'ClarificationAnswered',
  { clarificationId: string; party: ClarificationParty; answer: string }
>;

/**
 * The reporter's answer, given offline through `channel` and recorded by an officer (the event's
 * actor) of `agencyId` (null: the national level). It resolves the question as ClarificationAnswered would.
 */
export type ClarificationAnswerRecordedOnBehalf = EventBase<
  'ClarificationAnswerRecordedOnBehalf',
  { clarificationId: string; answer: string; channel: OfflineAnswerChannel; agencyId: string | null }
>;

export type MediationStarted = EventBase<'MediationStarted', { agencyId: string; note: string }>;

export type MediationOutcomeRecorded = EventBase<
  'MediationOutcomeRecorded',
  { agencyId: string; outcome: MediationOutcome; note: string }
>;

export type InvestigationOpened = EventBase<'InvestigationOpened', { agencyId: string; reason: string }>;

export type FindingsRecorded = EventBase<
  'FindingsRecorded',
  { agencyId: string; conclusion: FindingsConclusion; summary: string }
>;

/** The follow-up (tindak lanjut) of the current assignee. */
export type ComplaintResponded = EventBase<'ComplaintResponded', { agencyId: string; followUp: string }>;

export type ComplaintClosed = EventBase<
  'ComplaintClosed',
  { agencyId: string | null; reasonCode: CloseReasonCode; note: string | null }
>;

/** The reporter disputed the follow-up within the window: handling resumes at the same agency. */
export type FollowUpDisputed = EventBase<
  'FollowUpDisputed',
  {
    agencyId: string | null;
    reason: string;
    /** The end of the dispute window the decision was made against. */
    windowEndsAt: string;
  }
>;

/**
 * The follow-up given at `followUpAt` by `agencyId` was judged normative (jawaban normatif): a
 * promise without substance. A verifier marks it, or the reporter while disputing it; a follow-up
 * is marked once.
 */
export type FollowUpMarkedNormative = EventBase<
  'FollowUpMarkedNormative',
  { agencyId: string; markedBy: NormativeMarker; reason: string; followUpAt: string }
>;

/** The reporter's satisfaction rating; `agencyId` is the agency whose follow-up was rated. */
export type ComplaintRated = EventBase<
  'ComplaintRated',
  { agencyId: string | null; rating: Rating; comment: string | null }
>;

/** A closed complaint goes back to its assigned agency. */
export type ComplaintReopened = EventBase<'ComplaintReopened', { agencyId: string | null; reason: string }>;

/**
 * A reporter clarification went unanswered past its deadline. Always followed, in the same
 * decision, by `ComplaintArchived` with reason `unanswered_clarification`.
 */
export type ClarificationExpired = EventBase<'ClarificationExpired', { clarificationId: string; dueAt: string }>;

/** Overdue flag: a deadline clock lapsed. `agencyId` holds the complaint (null: the national router). */
export type DeadlineMissed = EventBase<
  'DeadlineMissed',
  // `calendars` is absent from events recorded before calendars were published as events.
  { clock: DeadlineClock; dueAt: string; agencyId: string | null; calendars?: CalendarBasis[] }
>;

/** Escalation flag: a node above the holder now oversees the complaint; the assignee stays. */
export type EscalatedToParent = EventBase<
  'EscalatedToParent',
  { fromAgencyId: string; toAgencyId: string; reason: EscalationReason; bounceCount: number }
>;

/** Escalation flag: the complaint is referred to the Ombudsman. */
export type ReferredToOmbudsman = EventBase<'ReferredToOmbudsman', { agencyId: string | null; reason: string }>;

/**
 * The reporter is due notice that the complaint closes on its own at `dueAt` unless they reply to
 * the follow-up given at `followUpAt`: raised by the deadline process two working days before,
 * once per follow-up. It changes nothing in the complaint's handling.
 */
export type AutoCloseAnnounced = EventBase<'AutoCloseAnnounced', { agencyId: string | null; dueAt: string; followUpAt: string }>;

/**
 * The complaint repeats `originalComplaintId` and ends as DUPLICATE. `targetAgencyId` repeats the
 * submission's, so statistics can subtract it where it was counted as received.
 */
export type ComplaintMarkedDuplicate = EventBase<
  'ComplaintMarkedDuplicate',
  { originalComplaintId: string; note: string | null; agencyId: string | null; targetAgencyId: string | null }
>;

/** Monitoring: an agency head's review. `agencyId` is the reviewer's node, null for the national level. */
export type LeadershipReviewRecorded = EventBase<
  'LeadershipReviewRecorded',
  { agencyId: string | null; summary: string; clusterId: string | null }
>;

/** Monitoring: a policy change attributed to the complaint, by the node that recorded it. */
export type PolicyImprovementLinked = EventBase<
  'PolicyImprovementLinked',
  { agencyId: string | null; policyTitle: string; description: string; effectiveDate: string }
>;

/**
 * The complaint was pushed to an external system for `agencyId` (the node that chose to push) and
 * lives there as `externalId`. Recorded once per system, before any later step there relies on it.
 */
export type ExternalReferenceRecorded = EventBase<
  'ExternalReferenceRecorded',
  { system: ExternalSystem; externalId: string; agencyId: string }
>;

/**
 * What an external system showed of the complaint when it was last read, recorded only when it
 * changed. An observation: it never moves the complaint here. `mappedStatus` is what the status
 * means in our lifecycle under the mapping table `mappingVersion` (null: no counterpart). Follow-ups
 * there are counted, never copied: their text is the other system's and may name people.
 */
export type ExternalStatusObserved = EventBase<
  'ExternalStatusObserved',
  {
    system: ExternalSystem;
    externalId: string;
    statusCode: string | null;
    statusName: string;
    mappedStatus: ComplaintStatus | null;
    mappingVersion: string;
    followUpCount: number;
    latestFollowUpAt: string | null;
  }
>;

/**
 * Evidence attached to the complaint, as facts about the stored file only: its content hash (the
 * key of the attachment store), the name it came with, the type detected from its content and its
 * size. `identifying`: the reporter marked it as revealing who they are, so it is sealed as their
 * identity is and erased with it. `addedBy` is the party; the actor is in the event's metadata.
 */
export type AttachmentAdded = EventBase<
  'AttachmentAdded',
  {
    attachmentId: string;
    sha256: string;
    fileName: string;
    mediaType: string;
    size: number;
    identifying: boolean;
    addedBy: AttachmentParty;
    /** The officer's node, null for the reporter and the national level. */
    agencyId: string | null;
  }
>;

/** The reporter's identity was erased: the documents marked identifying went with it; the evidence stays. */
export type IdentifyingAttachmentsErased = EventBase<'IdentifyingAttachmentsErased', { attachmentIds: string[]; reason: string }>;

export type ComplaintEvent =
  | ComplaintSubmitted
  | ComplaintVerified
  | ComplaintRejected
  | DispositionReturned
  | ComplaintArchived
  | ComplaintDisposed
  | DispositionAccepted
  | ClarificationRequested
  | ClarificationAnswered
  | ClarificationAnswerRecordedOnBehalf
  | MediationStarted
  | MediationOutcomeRecorded
  | InvestigationOpened
  | FindingsRecorded
  | ComplaintResponded
  | ComplaintClosed
  | FollowUpDisputed
  | FollowUpMarkedNormative
  | ComplaintRated
  | ComplaintReopened
  | ClarificationExpired
  | DeadlineMissed
  | EscalatedToParent
  | ReferredToOmbudsman
  | ComplaintMarkedDuplicate
  | LeadershipReviewRecorded
  | PolicyImprovementLinked
  | AutoCloseAnnounced
  | ExternalReferenceRecorded
  | ExternalStatusObserved
  | AttachmentAdded
  | IdentifyingAttachmentsErased;

export type ComplaintEventType = ComplaintEvent['type'];

export const COMPLAINT_EVENT_TYPES: readonly ComplaintEventType[] = [
  'ComplaintSubmitted',
  'ComplaintVerified',
  'ComplaintRejected',
  'DispositionReturned',
  'ComplaintArchived',
  'ComplaintDisposed',
  'DispositionAccepted',
  'ClarificationRequested',
  'ClarificationAnswered',
  'ClarificationAnswerRecordedOnBehalf',
  'MediationStarted',
  'MediationOutcomeRecorded',
  'InvestigationOpened',
  'FindingsRecorded',
  'ComplaintResponded',
  'ComplaintClosed',
  'FollowUpDisputed',
  'FollowUpMarkedNormative',
  'ComplaintRated',
  'ComplaintReopened',
  'ClarificationExpired',
  'DeadlineMissed',
  'EscalatedToParent',
  'ReferredToOmbudsman',
  'ComplaintMarkedDuplicate',
  'LeadershipReviewRecorded',
  'PolicyImprovementLinked',
  'AutoCloseAnnounced',
  'ExternalReferenceRecorded',
  'ExternalStatusObserved',
  'AttachmentAdded',
  'IdentifyingAttachmentsErased',
];

/** Current schema version of every complaint event's data. */
export const COMPLAINT_EVENT_SCHEMA_VERSION = 1;
