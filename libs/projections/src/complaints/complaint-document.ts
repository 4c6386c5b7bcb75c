import type {
  ArchiveReasonCode,
  Channel,
  ClarificationParty,
  Classification,
  CloseReasonCode,
  ComplaintStatus,
  FindingsConclusion,
  MediationOutcome,
  RejectReasonCode,
  SlaClass,
} from '@lacak/domain';
import type { ProjectedDocument } from '../projection';

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
  /** Stream revision of the last applied event: the complaint's ETag. */
  revision: number;
  dispositions: { agencyId: string; previousAgencyId: string | null; note: string; at: string }[];
  bounceCount: number;
  clarifications: ClarificationEntry[];
  mediation: { startedAt: string; note: string; outcome: MediationOutcome | null; outcomeNote: string | null; endedAt: string | null } | null;
  investigation: { openedAt: string; reason: string; conclusion: FindingsConclusion | null; summary: string | null; closedAt: string | null } | null;
  followUps: { agencyId: string; followUp: string; at: string }[];
  rejection: { reasonCode: RejectReasonCode; reason: string; at: string } | null;
  archival: { reasonCode: ArchiveReasonCode; reason: string; at: string } | null;
  closure: { reasonCode: CloseReasonCode; note: string | null; at: string } | null;
  /** Lower-cased tracking id, title and description for the `q` search. */
  searchText: string;
}
