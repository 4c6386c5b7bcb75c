/**
 * Facts about a complaint, in the past tense. Every event names its complaint and
 * the instant it happened (`at`, ISO-8601), which always comes from the command.
 * Reporter identity never appears here: only an opaque `reporterRef`.
 */
import type {
  ArchiveReasonCode,
  Channel,
  Classification,
  ClarificationParty,
  CloseReasonCode,
  FindingsConclusion,
  MediationOutcome,
  RejectReasonCode,
  SlaClass,
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
  | MediationStarted
  | MediationOutcomeRecorded
  | InvestigationOpened
  | FindingsRecorded
  | ComplaintResponded
  | ComplaintClosed;

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
  'MediationStarted',
  'MediationOutcomeRecorded',
  'InvestigationOpened',
  'FindingsRecorded',
  'ComplaintResponded',
  'ComplaintClosed',
];

/** Current schema version of every complaint event's data. */
export const COMPLAINT_EVENT_SCHEMA_VERSION = 1;
