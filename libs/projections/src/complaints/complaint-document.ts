import type {
  ArchiveReasonCode,
  AttachmentParty,
  Channel,
  ClarificationParty,
  Classification,
  CloseReasonCode,
  ComplaintStatus,
  DeadlineClock,
  EscalationReason,
  ExternalStatusObserved,
  ExternalSystem,
  FindingsConclusion,
  MediationOutcome,
  NormativeMarker,
  OfflineAnswerChannel,
  Rating,
  RejectReasonCode,
  SlaClass,
} from '@lacak/domain';
import type { ProjectedDocument } from '../projection';

/** An `ExternalStatusObserved` event's data without what names the complaint and the system. */
export type ExternalSyncObservation = Omit<ExternalStatusObserved['data'], 'complaintId' | 'system' | 'externalId'>;

export interface ExternalSyncView {
  system: ExternalSystem;
  externalId: string;
  /** The node the complaint was pushed for. */
  agencyId: string;
  recordedAt: string;
  /** The latest observation there; null until one is recorded. */
  observed: ExternalSyncObservation | null;
}
import type { ClockViews } from '../deadlines/clock-view';

export const COMPLAINTS_COLLECTION = 'complaints';

export interface ClarificationEntry {
  clarificationId: string;
  party: ClarificationParty;
  partyAgencyId: string | null;
  question: string;
  requestedAt: string;
  /** The status the complaint returns to when a reporter clarification is answered. */
  resumeStatus: ComplaintStatus | null;
  answer: string | null;
  answeredAt: string | null;
  /** Set when an officer recorded the reporter's answer given offline, through this channel. */
  recordedOnBehalfVia?: OfflineAnswerChannel | null;
  /** Set when a reporter clarification went unanswered past its deadline (the complaint is then archived). */
  expiredAt?: string | null;
}

/** An attachment as the detail lists it: facts about the stored file, never its content. */
export interface AttachmentEntry {
  attachmentId: string;
  fileName: string;
  mediaType: string;
  size: number;
  /** The reporter marked it as revealing who they are: shown only to readers of the identity. */
  identifying: boolean;
  addedBy: AttachmentParty;
  agencyId: string | null;
  at: string;
  /** Set when the file was erased with the reporter's identity; the entry stays as a record. */
  erasedAt: string | null;
  /** The key of the stored file; left out of every view. */
  sha256: string;
}

/**
 * One complaint as officers see it in their work queue and detail view. Never holds
 * reporter identity: only whether the complaint has a reporter reference.
 */
export interface ComplaintDocument extends ProjectedDocument {
  trackingId: string;
  title: string;
  description: string;
  channel: Channel;
  category: string | null;
  location: string | null;
  incidentDate: string | null;
  status: ComplaintStatus;
  classification: Classification | null;
  slaClass: SlaClass | null;
  confidential: boolean;
  anonymous: boolean;
  hasReporterIdentity: boolean;
  /** The reporter's account, so a reporter can list their own complaints; never shown to anyone. */
  reporterAccountId: string | null;
  targetAgencyId: string | null;
  assigneeAgencyId: string | null;
  /** The node responsible now: the assignee, else the target agency, else the national root. */
  currentAgencyId: string;
  /** Root-to-node path of `currentAgencyId`, so a subtree filter is one equality match. */
  agencyPath: string[];
  submittedAt: string;
  updatedAt: string;
  /** The first verification (absent on documents projected before it was kept). */
  verifiedAt?: string | null;
  /** Working days from the first disposition to the first follow-up, in the follow-up agency's zone: monev's time to first follow-up. */
  firstFollowUpWorkingDays?: number | null;
  /** The SLA policy version the complaint is pinned to (null: submitted before pinning). */
  slaPolicyVersion?: string | null;
  /** Due instants of the running clocks, computed from the pinned policy and the holiday calendar. */
  deadlines?: ClockViews;
  /** True while a running clock's due date rests on a year whose holidays no decree verifies (see each clock's `calendarVerified`). */
  dueDatesUnverified?: boolean;
  /** When the deadline process next has something to raise; indexed for it and for sorting the queue by urgency. */
  nextDueAt?: string | null;
  /** Set once a deadline was missed or the complaint escalated: work-queue filters. */
  isOverdue?: boolean;
  isEscalated?: boolean;
  /** Stream revision of the last applied event: the complaint's ETag. */
  revision: number;
  dispositions: { agencyId: string; previousAgencyId: string | null; note: string; at: string }[];
  bounceCount: number;
  /** The returns as not the agency's authority (`bounceCount` of them once recorded; absent on documents projected before). */
  returns?: { agencyId: string; reasonCode: RejectReasonCode; at: string }[];
  clarifications: ClarificationEntry[];
  mediation: { startedAt: string; note: string; outcome: MediationOutcome | null; outcomeNote: string | null; endedAt: string | null } | null;
  investigation: { openedAt: string; reason: string; conclusion: FindingsConclusion | null; summary: string | null; closedAt: string | null } | null;
  followUps: { agencyId: string; followUp: string; at: string }[];
  rejection: { reasonCode: RejectReasonCode; reason: string; at: string } | null;
  archival: { reasonCode: ArchiveReasonCode; reason: string; at: string } | null;
  closure: { reasonCode: CloseReasonCode; note: string | null; at: string } | null;
  /*
   * Aftercare, escalation flags and monitoring. Optional because documents projected before these
   * events existed lack them; the projection treats a missing list as empty and a missing value as null.
   */
  disputes?: { agencyId: string | null; reason: string; at: string }[];
  /** Follow-ups judged normative (a promise without substance), by a verifier or the reporter's dispute. */
  normativeMarks?: { agencyId: string | null; markedBy: NormativeMarker; reason: string; followUpAt: string; at: string }[];
  reopenings?: { agencyId: string | null; reason: string; at: string }[];
  rating?: { rating: Rating; comment: string | null; at: string } | null;
  /** Overdue flags: the deadlines recorded as missed. */
  overdue?: { clock: DeadlineClock; dueAt: string; at: string }[];
  escalations?: { fromAgencyId: string; toAgencyId: string; reason: EscalationReason; at: string }[];
  ombudsmanReferral?: { reason: string; at: string } | null;
  /** The latest notice to the reporter that the complaint closes on its own (absent before any). */
  autoCloseAnnouncement?: { dueAt: string; followUpAt: string; at: string } | null;
  /** Set when the complaint was marked a duplicate (status DUPLICATE). */
  duplicateOf?: { originalComplaintId: string; note: string | null; at: string } | null;
  leadershipReviews?: { agencyId: string | null; summary: string; clusterId: string | null; at: string }[];
  policyImprovements?: { agencyId: string | null; policyTitle: string; description: string; effectiveDate: string; at: string }[];
  /** The complaint's copies in external systems (SP4N-LAPOR!): their ids and what was last seen there. */
  externalSync?: ExternalSyncView[];
  /** Evidence, in the order it was added (absent on documents projected before attachments existed). */
  attachments?: AttachmentEntry[];
  /*
   * Monev exceptions (`complaint-exceptions.ts`): the instant each kind began, present only while
   * the complaint is one. Index keys, left out of every view.
   */
  exceptionOverdueSince?: string;
  exceptionEscalatedSince?: string;
  exceptionBouncingSince?: string;
  exceptionDisputedSince?: string;
  exceptionOmbudsmanSince?: string;
  /** Lower-cased tracking id, title and description for the `q` search. */
  searchText: string;
}
