/**
 * Imperatives against one complaint. Each carries its actor and the instant it is
 * decided at (`at`, ISO-8601): rules never read a clock of their own.
 */
import type { Actor } from './actor';
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

export type StartMediation = CommandBase<'StartMediation', { note: string }>;

export type RecordMediationOutcome = CommandBase<'RecordMediationOutcome', { outcome: MediationOutcome; note: string }>;

export type OpenInvestigation = CommandBase<'OpenInvestigation', { reason: string }>;

export type RecordFindings = CommandBase<'RecordFindings', { conclusion: FindingsConclusion; summary: string }>;

export type RespondToComplaint = CommandBase<'RespondToComplaint', { followUp: string }>;

export type CloseComplaint = CommandBase<'CloseComplaint', { reasonCode: CloseReasonCode; note?: string | null }>;

export type ComplaintCommand =
  | SubmitComplaint
  | VerifyComplaint
  | RejectComplaint
  | ArchiveComplaint
  | DisposeComplaint
  | AcceptDisposition
  | RequestClarification
  | AnswerClarification
  | StartMediation
  | RecordMediationOutcome
  | OpenInvestigation
  | RecordFindings
  | RespondToComplaint
  | CloseComplaint;

export type ComplaintCommandType = ComplaintCommand['type'];
