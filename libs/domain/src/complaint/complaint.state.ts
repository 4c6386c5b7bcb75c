/**
 * What the rules need to know about one complaint, folded from its events.
 * Reporter identity is never part of it: only the account id that may act as the reporter.
 */
import type {
  ClarificationParty,
  Classification,
  ComplaintStatus,
  DeadlineClock,
  Rating,
  SlaClass,
  ExternalSystem,
} from './complaint.values';
import type { ComplaintEvent } from './complaint.events';

/** `NONE`: the stream has no events yet. */
export type ComplaintLifecycleStatus = 'NONE' | ComplaintStatus;

export interface OpenClarification {
  party: ClarificationParty;
  /** Status the complaint was in when asked; a reporter clarification resumes it on answer. */
  askedIn: ComplaintLifecycleStatus;
}

/** A deadline that lapsed: each (clock, dueAt) is recorded once. */
export interface MissedDeadline {
  clock: DeadlineClock;
  dueAt: string;
}

export interface LatestFollowUp {
  agencyId: string;
  at: string;
  normative: boolean;
}

/** The last observation recorded of the complaint in an external system: what "changed" is judged against. */
export interface ExternalObservation {
  statusCode: string | null;
  statusName: string;
  mappingVersion: string;
  followUpCount: number;
  latestFollowUpAt: string | null;
}

export interface ComplaintState {
  status: ComplaintLifecycleStatus;
  complaintId: string | null;
  trackingId: string | null;
  /** Agency the reporter picked; its admin may route the complaint. */
  targetAgencyId: string | null;
  /** Agency the complaint is currently disposed to; null before disposition and after a return. */
  assigneeAgencyId: string | null;
  reporterAccountId: string | null;
  /** Key into the reporter identity store; null when nothing identifying was given. */
  reporterRef: string | null;
  slaPolicyVersion: string | null;
  anonymous: boolean;
  confidential: boolean;
  classification: Classification | null;
  slaClass: SlaClass | null;
  openClarifications: ReadonlyMap<string, OpenClarification>;
  /** Every agency disposed to, in order, to count ping-pong between agencies. */
  dispositionChain: readonly string[];
  /** Dispositions returned as not the agency's authority. */
  bounceCount: number;
  /** Start of the no-reply window before automatic closure. */
  respondedAt: string | null;
  /** The latest follow-up: whose it is, when it was given, and whether it was judged normative. */
  latestFollowUp: LatestFollowUp | null;
  /** Start of the reopen window. */
  closedAt: string | null;
  /** The reporter's rating, once given; a complaint is rated once. */
  rating: Rating | null;
  /** Overdue flags: every deadline recorded as missed. */
  overdue: readonly MissedDeadline[];
  /** Escalation flags: every node the complaint was escalated to, in order. */
  escalatedTo: readonly string[];
  referredToOmbudsman: boolean;
  /** The follow-up (its `respondedAt`) whose coming auto-close was announced to the reporter. */
  autoCloseAnnouncedFor: string | null;
  /** The complaint this one repeats, once marked DUPLICATE. */
  duplicateOf: string | null;
  /** The complaint's id in each external system it was pushed to. */
  externalReferences: Readonly<Partial<Record<ExternalSystem, string>>>;
  externalObservations: Readonly<Partial<Record<ExternalSystem, ExternalObservation>>>;
  /** Attachments the reporter marked identifying whose files are still kept: erased with the identity. */
  identifyingAttachments: readonly string[];
}

/**
 * The node that holds a complaint: the agency it is disposed to, else the one the reporter
 * addressed; null while it waits at the national level. Scope, deadlines' zones and escalation
 * all start from it, on the decider's state and on the read model alike.
 */
export const holderOf = (complaint: Pick<ComplaintState, 'assigneeAgencyId' | 'targetAgencyId'>): string | null =>
  complaint.assigneeAgencyId ?? complaint.targetAgencyId;

/** A question put to the reporter that still waits for an answer (neither answered nor expired). */
export const isOpenReporterQuestion = (question: { party: string; answeredAt: string | null; expiredAt?: string | null }): boolean =>
  question.party === 'reporter' && question.answeredAt === null && !question.expiredAt;

export const initialComplaintState = (): ComplaintState => ({
  status: 'NONE',
  complaintId: null,
  trackingId: null,
  targetAgencyId: null,
  assigneeAgencyId: null,
  reporterAccountId: null,
  reporterRef: null,
  slaPolicyVersion: null,
  anonymous: false,
  confidential: false,
  classification: null,
  slaClass: null,
  openClarifications: new Map(),
  dispositionChain: [],
  bounceCount: 0,
  respondedAt: null,
  latestFollowUp: null,
  closedAt: null,
  rating: null,
  overdue: [],
  escalatedTo: [],
  referredToOmbudsman: false,
  autoCloseAnnouncedFor: null,
  duplicateOf: null,
  externalReferences: {},
  externalObservations: {},
  identifyingAttachments: [],
});

export function evolveComplaint(state: ComplaintState, event: ComplaintEvent): ComplaintState {
  switch (event.type) {
    case 'ComplaintSubmitted': {
      const { complaintId, trackingId, targetAgencyId, reporterAccountId, reporterRef, slaPolicyVersion, anonymous, confidential } =
        event.data;
      return {
        ...state,
        status: 'SUBMITTED',
        complaintId,
        trackingId,
        targetAgencyId,
        reporterAccountId,
        reporterRef,
        slaPolicyVersion,
        anonymous,
        confidential,
      };
    }
    case 'ComplaintVerified': {
      const { classification, slaClass, anonymous, confidential } = event.data;
      return { ...state, status: 'VERIFIED', classification, slaClass, anonymous, confidential };
    }
    case 'ComplaintRejected':
      return { ...state, status: 'REJECTED' };
    case 'DispositionReturned':
      return { ...state, status: 'VERIFIED', assigneeAgencyId: null, bounceCount: state.bounceCount + 1 };
    case 'ComplaintArchived':
      return { ...state, status: 'ARCHIVED_INVALID' };
    case 'ComplaintDisposed':
      return {
        ...state,
        status: 'DISPOSED',
        assigneeAgencyId: event.data.agencyId,
        dispositionChain: [...state.dispositionChain, event.data.agencyId],
      };
    case 'DispositionAccepted':
      return { ...state, status: 'IN_PROGRESS' };
    case 'ClarificationRequested': {
      const { clarificationId, party } = event.data;
      const openClarifications = new Map(state.openClarifications).set(clarificationId, {
        party,
        askedIn: state.status,
      });
      return { ...state, status: party === 'reporter' ? 'AWAITING_REPORTER' : state.status, openClarifications };
    }
    case 'ClarificationAnswered':
    case 'ClarificationAnswerRecordedOnBehalf': {
      const asked = state.openClarifications.get(event.data.clarificationId);
      const openClarifications = new Map(state.openClarifications);
      openClarifications.delete(event.data.clarificationId);
      // Only the reporter's clarification paused the complaint; others leave the status alone.
      const status = asked?.party === 'reporter' ? asked.askedIn : state.status;
      return { ...state, status, openClarifications };
    }
    case 'MediationStarted':
      return { ...state, status: 'MEDIATION' };
    case 'MediationOutcomeRecorded':
      return { ...state, status: 'IN_PROGRESS' };
    case 'InvestigationOpened':
      return { ...state, status: 'INVESTIGATION' };
    case 'FindingsRecorded':
      return { ...state, status: 'IN_PROGRESS' };
    case 'ComplaintResponded':
      return {
        ...state,
        status: 'RESPONDED',
        respondedAt: event.data.at,
        latestFollowUp: { agencyId: event.data.agencyId, at: event.data.at, normative: false },
      };
    case 'FollowUpMarkedNormative':
      return state.latestFollowUp ? { ...state, latestFollowUp: { ...state.latestFollowUp, normative: true } } : state;
    case 'ComplaintClosed':
      return { ...state, status: 'CLOSED', closedAt: event.data.at };
    case 'FollowUpDisputed':
    case 'ComplaintReopened':
      return { ...state, status: 'IN_PROGRESS' };
    case 'ComplaintRated':
      return { ...state, rating: event.data.rating };
    case 'ClarificationExpired': {
      // The archive that follows in the same decision ends the complaint; the clarification is no longer open.
      const openClarifications = new Map(state.openClarifications);
      openClarifications.delete(event.data.clarificationId);
      return { ...state, openClarifications };
    }
    case 'DeadlineMissed': {
      const { clock, dueAt } = event.data;
      return { ...state, overdue: [...state.overdue, { clock, dueAt }] };
    }
    case 'EscalatedToParent':
      return { ...state, escalatedTo: [...state.escalatedTo, event.data.toAgencyId] };
    case 'ReferredToOmbudsman':
      return { ...state, referredToOmbudsman: true };
    case 'AutoCloseAnnounced':
      return { ...state, autoCloseAnnouncedFor: event.data.followUpAt };
    case 'ComplaintMarkedDuplicate':
      return { ...state, status: 'DUPLICATE', duplicateOf: event.data.originalComplaintId };
    case 'LeadershipReviewRecorded':
    case 'PolicyImprovementLinked':
      return state;
    case 'ExternalReferenceRecorded':
      return { ...state, externalReferences: { ...state.externalReferences, [event.data.system]: event.data.externalId } };
    case 'ExternalStatusObserved': {
      const { system, statusCode, statusName, mappingVersion, followUpCount, latestFollowUpAt } = event.data;
      const observation = { statusCode, statusName, mappingVersion, followUpCount, latestFollowUpAt };
      return { ...state, externalObservations: { ...state.externalObservations, [system]: observation } };
    }
    case 'AttachmentAdded':
      return event.data.identifying
        ? { ...state, identifyingAttachments: [...state.identifyingAttachments, event.data.attachmentId] }
        : state;
    case 'IdentifyingAttachmentsErased': {
      const erased = new Set(event.data.attachmentIds);
      return { ...state, identifyingAttachments: state.identifyingAttachments.filter((id) => !erased.has(id)) };
    }
    default: {
      const unknown: never = event;
      throw new Error(`Unhandled complaint event ${(unknown as { type: string }).type}`);
    }
  }
}
