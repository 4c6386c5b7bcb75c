/**
 * Imperatives against one complaint. Each carries its actor and the instant it is
 * decided at (`at`, ISO-8601): rules never read a clock of their own.
 */
import type { Actor } from './actor';
import type { ExternalStatusObserved } from './complaint.events';
import type {
  ArchiveReasonCode,
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
  OfflineAnswerChannel,
  Rating,
  RejectReasonCode,
  SlaClass,
} from './complaint.values';

interface CommandBase<Type extends string, Data> {
  type: Type;
  data: Data & { complaintId: string };
  actor: Actor;
  at: string;
}

export type SubmitComplaint = CommandBase<
  'SubmitComplaint',
  {
    trackingId: string;
    title: string;
    description: string;
    channel: Channel;
    category?: string | null;
    location?: string | null;
    incidentDate?: string | null;
    targetAgencyId?: string | null;
    anonymous?: boolean;
    confidential?: boolean;
    reporterRef?: string | null;
    /** The SLA policy version in force at submission; the complaint keeps it for good. */
    slaPolicyVersion?: string | null;
  }
>;

export type VerifyComplaint = CommandBase<
  'VerifyComplaint',
  { classification: Classification; category: string; slaClass: SlaClass; anonymous: boolean; confidential: boolean }
>;

export type RejectComplaint = CommandBase<'RejectComplaint', { reasonCode: RejectReasonCode; reason: string }>;

export type ArchiveComplaint = CommandBase<'ArchiveComplaint', { reasonCode: ArchiveReasonCode; reason: string }>;

export type DisposeComplaint = CommandBase<'DisposeComplaint', { agencyId: string; note: string }>;

export type AcceptDisposition = CommandBase<'AcceptDisposition', Record<never, never>>;

export type RequestClarification = CommandBase<
  'RequestClarification',
  { clarificationId: string; party: ClarificationParty; partyAgencyId?: string | null; question: string }
>;

export type AnswerClarification = CommandBase<'AnswerClarification', { clarificationId: string; answer: string }>;

/**
 * An officer records the answer the reporter gave to their question offline (by phone, letter or in
 * person); the reporter's own answer is AnswerClarification.
 */
export type RecordClarificationAnswerOnBehalf = CommandBase<
  'RecordClarificationAnswerOnBehalf',
  { clarificationId: string; answer: string; channel: OfflineAnswerChannel }
>;

export type StartMediation = CommandBase<'StartMediation', { note: string }>;

export type RecordMediationOutcome = CommandBase<'RecordMediationOutcome', { outcome: MediationOutcome; note: string }>;

export type OpenInvestigation = CommandBase<'OpenInvestigation', { reason: string }>;

export type RecordFindings = CommandBase<'RecordFindings', { conclusion: FindingsConclusion; summary: string }>;

export type RespondToComplaint = CommandBase<'RespondToComplaint', { followUp: string }>;

export type CloseComplaint = CommandBase<'CloseComplaint', { reasonCode: CloseReasonCode; note?: string | null }>;

/**
 * The reporter finds the follow-up does not resolve the complaint. `windowEndsAt` is the end of
 * the dispute window under the complaint's SLA policy, computed by the application. `normative`:
 * the reporter says the follow-up was only a promise (jawaban normatif).
 */
export type DisputeFollowUp = CommandBase<'DisputeFollowUp', { reason: string; windowEndsAt: string; normative?: boolean }>;

/** A verifier judges the latest follow-up normative: a promise without substance. */
export type MarkFollowUpNormative = CommandBase<'MarkFollowUpNormative', { reason: string }>;

/** The reporter's satisfaction (kepuasan) with the follow-up, once per complaint. */
export type RateComplaint = CommandBase<'RateComplaint', { rating: Rating; comment?: string | null }>;

/**
 * Back to handling after closure. `windowEndsAt` (end of the reporter's reopen window under the
 * SLA policy) binds only the reporter; admins reopen without one.
 */
export type ReopenComplaint = CommandBase<'ReopenComplaint', { reason: string; windowEndsAt?: string | null }>;

/** A deadline process: the reporter left a clarification unanswered past `dueAt`. */
export type ExpireClarification = CommandBase<'ExpireClarification', { clarificationId: string; dueAt: string }>;

/** A deadline process: the clock's deadline `dueAt` passed unmet. */
/** `calendars`: the calendar each year of the missed deadline's count was computed on. */
export type RecordDeadlineMissed = CommandBase<'RecordDeadlineMissed', { clock: DeadlineClock; dueAt: string; calendars: CalendarBasis[] }>;

/**
 * A deadline process: raise the complaint to a node above its holder (`toAgencyId`, looked up in the
 * organisation tree by the application). `bounceThreshold` is the policy's number of returns that
 * makes a complaint bounce; it is needed when the reason is `bouncing`.
 */
export type EscalateToParent = CommandBase<
  'EscalateToParent',
  { toAgencyId: string; reason: EscalationReason; bounceThreshold?: number | null }
>;

/** A deadline process: tell the reporter the complaint closes on its own at `dueAt`, once per follow-up. */
export type AnnounceAutoClose = CommandBase<'AnnounceAutoClose', { dueAt: string }>;

/** A deadline process: hand the complaint to the Ombudsman, once. */
export type ReferToOmbudsman = CommandBase<'ReferToOmbudsman', { reason: string }>;

/** The complaint repeats another one (which the application checks exists); it ends here. */
export type MarkDuplicate = CommandBase<
  'MarkDuplicate',
  {
    originalComplaintId: string;
    note?: string | null;
    /** Whether the original exists and is in the actor's scope; the application looks it up. */
    originalKnown?: boolean;
  }
>;

/** An agency head reviewed the complaint, possibly with others of the same cluster (komitmen pimpinan). */
export type RecordLeadershipReview = CommandBase<'RecordLeadershipReview', { summary: string; clusterId?: string | null }>;

/** A policy change the complaint led to; `effectiveDate` is an ISO date. */
export type LinkPolicyImprovement = CommandBase<
  'LinkPolicyImprovement',
  { policyTitle: string; description: string; effectiveDate: string }
>;

/** A sync process: the external system answered a push of the complaint with its own id for it. */
export type RecordExternalReference = CommandBase<
  'RecordExternalReference',
  { system: ExternalSystem; externalId: string; agencyId: string }
>;

/** A sync process: what the external system shows of the complaint now (see ExternalStatusObserved). */
export type RecordExternalStatusObservation = CommandBase<'RecordExternalStatusObservation', Omit<ExternalStatusObserved['data'], 'complaintId' | 'at'>>;

/**
 * Attach a stored file as evidence. The application stores the file first and names it by the
 * SHA-256 of the stored bytes; `attachmentId` is derived from the command, so a retry reuses it.
 * `identifying` is the reporter's to set.
 */
export type AddAttachment = CommandBase<
  'AddAttachment',
  { attachmentId: string; sha256: string; fileName: string; mediaType: string; size: number; identifying?: boolean }
>;

export type ComplaintCommand =
  | SubmitComplaint
  | VerifyComplaint
  | RejectComplaint
  | ArchiveComplaint
  | DisposeComplaint
  | AcceptDisposition
  | RequestClarification
  | AnswerClarification
  | RecordClarificationAnswerOnBehalf
  | StartMediation
  | RecordMediationOutcome
  | OpenInvestigation
  | RecordFindings
  | RespondToComplaint
  | CloseComplaint
  | DisputeFollowUp
  | MarkFollowUpNormative
  | RateComplaint
  | ReopenComplaint
  | ExpireClarification
  | RecordDeadlineMissed
  | EscalateToParent
  | ReferToOmbudsman
  | AnnounceAutoClose
  | MarkDuplicate
  | RecordLeadershipReview
  | LinkPolicyImprovement
  | RecordExternalReference
  | RecordExternalStatusObservation
  | AddAttachment;

export type ComplaintCommandType = ComplaintCommand['type'];
