/**
 * The rules of the README transition table. Guards run in a fixed order: a role the access
 * matrix never allows, then existence and terminal status, then the command's own status guard,
 * then who acts, then the rest, so a refusal names the most basic rule that was broken.
 */
import { type Actor, isReporterOf, trackingActor } from './actor';
import type {
  AcceptDisposition,
  AnnounceAutoClose,
  AddAttachment,
  AnswerClarification,
  ArchiveComplaint,
  CloseComplaint,
  ComplaintCommand,
  DisposeComplaint,
  DisputeFollowUp,
  EscalateToParent,
  ExpireClarification,
  LinkPolicyImprovement,
  MarkDuplicate,
  MarkFollowUpNormative,
  OpenInvestigation,
  RateComplaint,
  RecordClarificationAnswerOnBehalf,
  RecordDeadlineMissed,
  RecordExternalReference,
  RecordExternalStatusObservation,
  RecordFindings,
  RecordLeadershipReview,
  RecordMediationOutcome,
  ReferToOmbudsman,
  RejectComplaint,
  ReopenComplaint,
  RequestClarification,
  RespondToComplaint,
  StartMediation,
  SubmitComplaint,
  VerifyComplaint,
} from './complaint.commands';
import type { ComplaintEvent, IdentifyingAttachmentsErased } from './complaint.events';
import { type ComplaintLifecycleStatus, type ComplaintState, type LatestFollowUp, holderOf } from './complaint.state';
import {
  COMPLAINT_STATUSES,
  OFFICER_INTAKE_CHANNELS,
  RATINGS,
  OPEN_STATUSES,
  TERMINAL_STATUSES,
  type ComplaintStatus,
  type NormativeMarker,
} from './complaint.values';
import { refuse, type Refusal, type RefusalCode } from './refusals';
import { refuseRoleNeverAllowed } from '../access/access-matrix';

export type Decision = { ok: true; events: ComplaintEvent[] } | { ok: false; refusal: Refusal };

/**
 * Whether one organisation node lies in another's subtree (the node itself included). Officers
 * and admins act on complaints held anywhere below their node; without a tree, only on their own.
 */
export interface AgencyScope {
  isWithin(agencyId: string, ancestorId: string): boolean;
  /** Whether the node is the national root, which holds complaints not yet sent to an agency. */
  isRoot?(agencyId: string): boolean;
}

export const EXACT_AGENCY_SCOPE: AgencyScope = { isWithin: (agencyId, ancestorId) => agencyId === ancestorId };

/** Whether the actor's node covers the agency: it is the node or lies below it. */
const covers = (scope: AgencyScope, actor: Actor, agencyId: string | null): boolean =>
  agencyId !== null && actor.agencyId !== null && scope.isWithin(agencyId, actor.agencyId);
type Refused = Extract<Decision, { ok: false }>;

const decided = (...events: ComplaintEvent[]): Decision => ({ ok: true, events });
const refused = (code: RefusalCode, message: string): Refused => ({ ok: false, refusal: refuse(code, message) });

const invalidTransition = (command: ComplaintCommand, state: ComplaintState): Refused =>
  refused('INVALID_TRANSITION', `${command.type} is not allowed while the complaint is ${state.status}.`);

const requireStatus = (
  command: ComplaintCommand,
  state: ComplaintState,
  allowed: readonly ComplaintStatus[],
): Refused | null => (allowed.some((status) => status === state.status) ? null : invalidTransition(command, state));

const isBeforeDisposition = (status: ComplaintLifecycleStatus): boolean =>
  status === 'SUBMITTED' || status === 'VERIFIED';

/** National routes everything; an agency admin routes what the reporter sent to its agency (or below it). */
const requireRouter = (actor: Actor, state: ComplaintState, scope: AgencyScope): Refused | null =>
  actor.role === 'national_admin' || (actor.role === 'agency_admin' && covers(scope, actor, state.targetAgencyId))
    ? null
    : refused(
        'ROLE_NOT_ALLOWED',
        'Before disposition only the national admin, or the admin of the agency the reporter chose, acts on it.',
      );

/** Runs `then` with the assignee agency when the actor is an officer of it (or of a node above it). */
function asAssignee(actor: Actor, state: ComplaintState, scope: AgencyScope, then: (agencyId: string) => Decision): Decision {
  if (actor.role !== 'agency_admin' && actor.role !== 'unit_officer') {
    return refused('ROLE_NOT_ALLOWED', 'Only an officer of the agency the complaint is disposed to handles it.');
  }
  const agencyId = state.assigneeAgencyId;
  if (agencyId === null || !covers(scope, actor, agencyId)) {
    return refused('NOT_CURRENT_ASSIGNEE', 'Only the agency the complaint is currently disposed to handles it.');
  }
  return then(agencyId);
}

/** Before disposition the router handles clarifications; afterwards the assignee does. */
const asOfficerAt = (
  phase: ComplaintLifecycleStatus,
  actor: Actor,
  state: ComplaintState,
  scope: AgencyScope,
  then: () => Decision,
) => (isBeforeDisposition(phase) ? (requireRouter(actor, state, scope) ?? then()) : asAssignee(actor, state, scope, then));

/** A handling step: one status, done by the assignee, one event naming the agency. */
const assigneeStep = (
  command: ComplaintCommand,
  state: ComplaintState,
  scope: AgencyScope,
  from: ComplaintStatus,
  event: (agencyId: string) => ComplaintEvent,
): Decision =>
  requireStatus(command, state, [from]) ??
  asAssignee(command.actor, state, scope, (agencyId) => decided(event(agencyId)));

const requireNoOpenClarifications = (state: ComplaintState): Refused | null =>
  state.openClarifications.size === 0
    ? null
    : refused('OPEN_CLARIFICATIONS', 'Answer or record every open clarification first.');

function submit({ data, actor, at }: SubmitComplaint, state: ComplaintState): Decision {
  if (state.status !== 'NONE') return refused('COMPLAINT_ALREADY_EXISTS', 'A complaint with this id already exists.');
  const mayDigitise = ['national_admin', 'agency_admin', 'unit_officer'].includes(actor.role);
  if (actor.role !== 'reporter' && !(mayDigitise && OFFICER_INTAKE_CHANNELS.includes(data.channel))) {
    return refused(
      'ROLE_NOT_ALLOWED',
      'Reporters submit complaints; officers only digitise complaints received by sms, letter or walk-in.',
    );
  }
  return decided({
    type: 'ComplaintSubmitted',
    data: {
      complaintId: data.complaintId,
      trackingId: data.trackingId,
      title: data.title,
      description: data.description,
      channel: data.channel,
      category: data.category ?? null,
      location: data.location ?? null,
      incidentDate: data.incidentDate ?? null,
      targetAgencyId: data.targetAgencyId ?? null,
      anonymous: data.anonymous ?? false,
      confidential: data.confidential ?? false,
      reporterRef: data.reporterRef ?? null,
      // Anonymous, or sent through a client application, means no account: the reporter keeps access
      // through the tracking credential only.
      reporterAccountId: actor.role === 'reporter' && !data.anonymous && !actor.clientApp ? actor.id : null,
      slaPolicyVersion: data.slaPolicyVersion ?? null,
      at,
    },
  });
}

/**
 * The actor a command's events record. An anonymous reporter's submission is recorded as the
 * complaint's tracking credential, so not even the event log ties the complaint to an account.
 */
export const actorOnRecord = (command: ComplaintCommand): Actor =>
  command.type === 'SubmitComplaint' && command.actor.role === 'reporter' && command.data.anonymous
    ? trackingActor(command.data.trackingId)
    : command.actor;

function verify(command: VerifyComplaint, state: ComplaintState, scope: AgencyScope): Decision {
  const { complaintId, classification, category, slaClass, anonymous, confidential } = command.data;
  return (
    requireStatus(command, state, ['SUBMITTED']) ??
    requireRouter(command.actor, state, scope) ??
    requireSlaClassFits(command.data) ??
    requireFlagsKept(command.data, state) ??
    decided({
      type: 'ComplaintVerified',
      data: { complaintId, classification, category, slaClass, anonymous, confidential, at: command.at },
    })
  );
}

const requireSlaClassFits = ({ classification, slaClass }: VerifyComplaint['data']): Refused | null =>
  (classification === 'pengaduan' ? slaClass !== 'information' : slaClass === 'information')
    ? null
    : refused(
        'SLA_CLASS_MISMATCH',
        'A pengaduan takes the ordinary or supervisory SLA class; aspirasi and information requests take information.',
      );

/** Clearing a flag could expose a reporter who asked for protection. */
const requireFlagsKept = ({ anonymous, confidential }: VerifyComplaint['data'], state: ComplaintState) =>
  (state.anonymous && !anonymous) || (state.confidential && !confidential)
    ? refused('CONFIDENTIALITY_CANNOT_BE_CLEARED', 'Anonymous and confidential flags can be set but never cleared.')
    : null;

function reject(command: RejectComplaint, state: ComplaintState, scope: AgencyScope): Decision {
  const { actor, at } = command;
  const { complaintId, reasonCode, reason } = command.data;
  if (state.status === 'DISPOSED') {
    return asAssignee(actor, state, scope, (agencyId) =>
      reasonCode === 'out_of_scope'
        ? refused(
            'REJECT_REASON_NOT_ALLOWED',
            'An assigned agency returns a complaint only as not its authority; the router rejects out-of-scope ones.',
          )
        : decided({ type: 'DispositionReturned', data: { complaintId, agencyId, reasonCode, reason, at } }),
    );
  }
  return (
    requireStatus(command, state, ['SUBMITTED', 'VERIFIED']) ??
    requireRouter(actor, state, scope) ??
    decided({ type: 'ComplaintRejected', data: { complaintId, reasonCode, reason, agencyId: actingAgency(actor), at } })
  );
}

/** The national level acts for no agency. */
const actingAgency = (actor: Actor): string | null => (actor.role === 'national_admin' ? null : actor.agencyId);

function archive(command: ArchiveComplaint, state: ComplaintState, scope: AgencyScope): Decision {
  const { complaintId, reasonCode, reason } = command.data;
  // A reporter who never answers a pre-disposition clarification leaves nothing to act on.
  const awaitingBeforeDisposition =
    state.status === 'AWAITING_REPORTER' &&
    [...state.openClarifications.values()].some((c) => c.party === 'reporter' && isBeforeDisposition(c.askedIn));
  return (
    (awaitingBeforeDisposition ? null : requireStatus(command, state, ['SUBMITTED', 'VERIFIED'])) ??
    requireRouter(command.actor, state, scope) ??
    decided({ type: 'ComplaintArchived', data: { complaintId, reasonCode, reason, at: command.at } })
  );
}

function dispose(command: DisposeComplaint, state: ComplaintState, scope: AgencyScope): Decision {
  const { complaintId, agencyId, note } = command.data;
  const disposed = decided({
    type: 'ComplaintDisposed',
    data: { complaintId, agencyId, previousAgencyId: state.assigneeAgencyId, note, at: command.at },
  });
  switch (state.status) {
    case 'SUBMITTED':
      return refused('DISPOSITION_REQUIRES_VERIFICATION', 'A complaint is verified before it is disposed.');
    case 'VERIFIED':
      return requireRouter(command.actor, state, scope) ?? requireTargetInScope(command, scope) ?? disposed;
    case 'DISPOSED':
    case 'IN_PROGRESS':
      return (
        requireRedisposer(command.actor, state, scope) ??
        requireTargetInScope(command, scope) ??
        requireNewAgency(command, state) ??
        requireNoOpenClarifications(state) ??
        disposed
      );
    default:
      return invalidTransition(command, state);
  }
}

function requireRedisposer(actor: Actor, state: ComplaintState, scope: AgencyScope): Refused | null {
  if (actor.role === 'national_admin') return null;
  if (actor.role !== 'agency_admin') {
    return refused('ROLE_NOT_ALLOWED', 'Only the national admin or an admin of the assigned agency re-disposes.');
  }
  return covers(scope, actor, state.assigneeAgencyId)
    ? null
    : refused('NOT_CURRENT_ASSIGNEE', 'Only an admin of the agency the complaint is disposed to re-disposes it.');
}

/** An agency admin disposes only within its own subtree; the national admin anywhere. */
const requireTargetInScope = ({ actor, data }: DisposeComplaint, scope: AgencyScope): Refused | null =>
  actor.role === 'national_admin' || covers(scope, actor, data.agencyId)
    ? null
    : refused('TARGET_OUTSIDE_SCOPE', 'An agency admin disposes only to its own agency or the units below it.');

const requireNewAgency = (command: DisposeComplaint, state: ComplaintState): Refused | null =>
  command.data.agencyId === state.assigneeAgencyId
    ? refused('ALREADY_DISPOSED_TO_AGENCY', 'The complaint is already disposed to that agency.')
    : null;

function accept(command: AcceptDisposition, state: ComplaintState, scope: AgencyScope): Decision {
  return assigneeStep(command, state, scope, 'DISPOSED', (agencyId) => ({
    type: 'DispositionAccepted',
    data: { complaintId: command.data.complaintId, agencyId, at: command.at },
  }));
}

function requestClarification(command: RequestClarification, state: ComplaintState, scope: AgencyScope): Decision {
  const { data, actor, at } = command;
  const { complaintId, clarificationId, party, question } = data;
  const requested = () =>
    decided({
      type: 'ClarificationRequested',
      data: {
        complaintId,
        clarificationId,
        party,
        partyAgencyId: data.partyAgencyId ?? null,
        question,
        requestedByAgencyId: actor.agencyId,
        at,
      },
    });
  const askable: readonly ComplaintStatus[] =
    party === 'reporter' ? ['SUBMITTED', 'VERIFIED', 'IN_PROGRESS'] : ['IN_PROGRESS', 'MEDIATION', 'INVESTIGATION'];
  return requireStatus(command, state, askable) ?? asOfficerAt(state.status, actor, state, scope, requested);
}

function answerClarification(command: AnswerClarification, state: ComplaintState, scope: AgencyScope): Decision {
  const { actor, at } = command;
  const { complaintId, clarificationId, answer } = command.data;
  const asked = state.openClarifications.get(clarificationId);
  if (asked === undefined) return refused('CLARIFICATION_NOT_OPEN', 'No clarification with this id is open.');
  const answered = () =>
    decided({ type: 'ClarificationAnswered', data: { complaintId, clarificationId, party: asked.party, answer, at } });
  if (asked.party !== 'reporter') return asAssignee(actor, state, scope, answered);
  if (actor.role !== 'reporter') {
    return refused(
      'ROLE_NOT_ALLOWED',
      'A question to the reporter is answered by the reporter; record an answer given offline with record-clarification-answer.',
    );
  }
  return isReporterOf(actor, state)
    ? answered()
    : refused('NOT_THE_REPORTER', 'Only the reporter who submitted the complaint answers on its behalf.');
}

/** Whoever could ask the reporter's question at the status it was asked in records the answer given offline. */
function recordClarificationAnswerOnBehalf(
  command: RecordClarificationAnswerOnBehalf,
  state: ComplaintState,
  scope: AgencyScope,
): Decision {
  const { actor, at } = command;
  const { complaintId, clarificationId, answer, channel } = command.data;
  const asked = state.openClarifications.get(clarificationId);
  if (asked?.party !== 'reporter') {
    return refused('CLARIFICATION_NOT_OPEN', 'No clarification asked of the reporter with this id is open.');
  }
  return asOfficerAt(asked.askedIn, actor, state, scope, () =>
    decided({
      type: 'ClarificationAnswerRecordedOnBehalf',
      data: { complaintId, clarificationId, answer, channel, agencyId: actingAgency(actor), at },
    }),
  );
}

function startMediation(command: StartMediation, state: ComplaintState, scope: AgencyScope): Decision {
  const { complaintId, note } = command.data;
  return assigneeStep(command, state, scope, 'IN_PROGRESS', (agencyId) => ({
    type: 'MediationStarted',
    data: { complaintId, agencyId, note, at: command.at },
  }));
}

function recordMediationOutcome(command: RecordMediationOutcome, state: ComplaintState, scope: AgencyScope): Decision {
  const { complaintId, outcome, note } = command.data;
  return assigneeStep(command, state, scope, 'MEDIATION', (agencyId) => ({
    type: 'MediationOutcomeRecorded',
    data: { complaintId, agencyId, outcome, note, at: command.at },
  }));
}

function openInvestigation(command: OpenInvestigation, state: ComplaintState, scope: AgencyScope): Decision {
  const { complaintId, reason } = command.data;
  return assigneeStep(command, state, scope, 'IN_PROGRESS', (agencyId) => ({
    type: 'InvestigationOpened',
    data: { complaintId, agencyId, reason, at: command.at },
  }));
}

function recordFindings(command: RecordFindings, state: ComplaintState, scope: AgencyScope): Decision {
  const { complaintId, conclusion, summary } = command.data;
  return assigneeStep(command, state, scope, 'INVESTIGATION', (agencyId) => ({
    type: 'FindingsRecorded',
    data: { complaintId, agencyId, conclusion, summary, at: command.at },
  }));
}

function respond(command: RespondToComplaint, state: ComplaintState, scope: AgencyScope): Decision {
  if (state.status === 'INVESTIGATION') {
    return refused('FINDINGS_REQUIRED', 'Record the investigation findings before responding.');
  }
  const { complaintId, followUp } = command.data;
  return (
    requireStatus(command, state, ['IN_PROGRESS', 'MEDIATION']) ??
    asAssignee(
      command.actor,
      state,
      scope,
      (agencyId) =>
        requireNoOpenClarifications(state) ??
        decided({ type: 'ComplaintResponded', data: { complaintId, agencyId, followUp, at: command.at } }),
    )
  );
}

function close(command: CloseComplaint, state: ComplaintState, scope: AgencyScope): Decision {
  if (state.status !== 'RESPONDED') {
    return refused('CLOSE_REQUIRES_FOLLOW_UP', 'A complaint closes only after the assigned agency has responded.');
  }
  const { complaintId, reasonCode, note } = command.data;
  return (
    requireCloser(command, state, scope) ??
    decided({
      type: 'ComplaintClosed',
      data: { complaintId, agencyId: state.assigneeAgencyId, reasonCode, note: note ?? null, at: command.at },
    })
  );
}

/** Each close reason belongs to one kind of actor. */
function requireCloser({ actor, data }: CloseComplaint, state: ComplaintState, scope: AgencyScope): Refused | null {
  switch (data.reasonCode) {
    case 'accepted_by_reporter':
      if (actor.role !== 'reporter') return refused('ROLE_NOT_ALLOWED', 'Only the reporter accepts a follow-up.');
      return isReporterOf(actor, state)
        ? null
        : refused('NOT_THE_REPORTER', 'Only the reporter who submitted the complaint accepts its follow-up.');
    case 'closed_by_admin':
      if (actor.role === 'national_admin') return null;
      if (actor.role !== 'agency_admin') {
        return refused('ROLE_NOT_ALLOWED', 'Only the national admin or an admin of the assigned agency closes it.');
      }
      return covers(scope, actor, state.assigneeAgencyId)
        ? null
        : refused('NOT_CURRENT_ASSIGNEE', 'Only an admin of the agency the complaint is disposed to closes it.');
    case 'no_reply':
      return actor.role === 'system'
        ? null
        : refused('ROLE_NOT_ALLOWED', 'Only the system closes a complaint for lack of a reply.');
  }
}

/** Statuses a complaint can still be handled in: every status but the terminal ones. */

/** Commands that still apply to a CLOSED complaint: aftercare, monitoring records and judging its follow-up. */
const AFTER_CLOSURE: readonly ComplaintCommand['type'][] = [
  'RateComplaint',
  'ReopenComplaint',
  'RecordLeadershipReview',
  'LinkPolicyImprovement',
  'MarkFollowUpNormative',
];

/**
 * Instants are compared as instants, not as strings. An unreadable instant never opens a window
 * nor passes a deadline: `isAfter` and `isNoLaterThan` are both false, so both kinds of rule refuse.
 */
const isAfter = (at: string, deadline: string): boolean => Date.parse(at) > Date.parse(deadline);
const isNoLaterThan = (at: string, windowEndsAt: string): boolean => Date.parse(at) <= Date.parse(windowEndsAt);
const sameInstant = (a: string, b: string): boolean => a === b || Date.parse(a) === Date.parse(b);

/** The node holding the complaint: the assignee, else the agency the reporter chose; null is the national router. */

const requireTheReporter = (actor: Actor, state: ComplaintState, what: string): Refused | null => {
  if (actor.role !== 'reporter') return refused('ROLE_NOT_ALLOWED', `Only the reporter ${what}.`);
  return isReporterOf(actor, state)
    ? null
    : refused('NOT_THE_REPORTER', `Only the reporter who submitted the complaint ${what}.`);
};

const requireSystem = (actor: Actor, what: string): Refused | null =>
  actor.role === 'system' ? null : refused('ROLE_NOT_ALLOWED', `Only the system's deadline process ${what}.`);

function disputeFollowUp(command: DisputeFollowUp, state: ComplaintState): Decision {
  const { complaintId, reason, windowEndsAt, normative } = command.data;
  const disputed: ComplaintEvent = {
    type: 'FollowUpDisputed',
    data: { complaintId, agencyId: state.assigneeAgencyId, reason, windowEndsAt, at: command.at },
  };
  // A follow-up a verifier already judged normative keeps that one mark; the dispute itself still counts.
  const latest = state.latestFollowUp;
  const markedNormative = normative === true && latest !== null && !latest.normative;
  return (
    requireStatus(command, state, ['RESPONDED']) ??
    requireTheReporter(command.actor, state, 'disputes the follow-up') ??
    (isNoLaterThan(command.at, windowEndsAt)
      ? null
      : refused('DISPUTE_WINDOW_CLOSED', 'The window to dispute this follow-up has closed.')) ??
    (markedNormative ? decided(disputed, normativeMark(command, latest, 'reporter', reason)) : decided(disputed))
  );
}

const normativeMark = (
  command: DisputeFollowUp | MarkFollowUpNormative,
  followUp: LatestFollowUp,
  markedBy: NormativeMarker,
  reason: string,
): ComplaintEvent => ({
  type: 'FollowUpMarkedNormative',
  data: { complaintId: command.data.complaintId, agencyId: followUp.agencyId, markedBy, reason, followUpAt: followUp.at, at: command.at },
});

/**
 * A verifier (the national admin, an agency admin or an APIP inspector whose subtree holds the
 * complaint) judges the latest follow-up normative, whatever happened since it was given: still
 * awaiting the reporter, closed, or back in handling after a dispute or a reopening.
 */
function markFollowUpNormative(command: MarkFollowUpNormative, state: ComplaintState, scope: AgencyScope): Decision {
  const latest = state.latestFollowUp;
  if (latest === null) return refused('NO_FOLLOW_UP', 'The complaint has no follow-up to judge yet.');
  return (
    requireVerifier(command.actor, state, scope) ??
    (latest.normative
      ? refused('FOLLOW_UP_ALREADY_NORMATIVE', 'The latest follow-up is already marked normative.')
      : decided(normativeMark(command, latest, 'verifier', command.data.reason)))
  );
}

function requireVerifier(actor: Actor, state: ComplaintState, scope: AgencyScope): Refused | null {
  if (actor.role === 'national_admin') return null;
  if (actor.role !== 'agency_admin' && actor.role !== 'apip_inspector') {
    return refused('ROLE_NOT_ALLOWED', 'Only a verifier (an admin or an APIP inspector) judges a follow-up normative.');
  }
  return covers(scope, actor, holderOf(state))
    ? null
    : refused('NOT_CURRENT_ASSIGNEE', 'Only a verifier whose subtree holds the complaint judges its follow-up.');
}

function rate(command: RateComplaint, state: ComplaintState): Decision {
  const { complaintId, rating, comment } = command.data;
  return (
    requireStatus(command, state, ['RESPONDED', 'CLOSED']) ??
    requireTheReporter(command.actor, state, 'rates the follow-up') ??
    (RATINGS.includes(rating) ? null : refused('RATING_OUT_OF_RANGE', 'A rating is a whole number from 1 to 5.')) ??
    (state.rating === null ? null : refused('ALREADY_RATED', 'A complaint is rated once.')) ??
    decided({
      type: 'ComplaintRated',
      data: { complaintId, agencyId: state.assigneeAgencyId, rating, comment: comment ?? null, at: command.at },
    })
  );
}

function reopen(command: ReopenComplaint, state: ComplaintState, scope: AgencyScope): Decision {
  const { complaintId, reason } = command.data;
  return (
    requireStatus(command, state, ['CLOSED']) ??
    requireReopener(command, state, scope) ??
    decided({ type: 'ComplaintReopened', data: { complaintId, agencyId: state.assigneeAgencyId, reason, at: command.at } })
  );
}

/** Admins reopen at any time; the reporter only within the reopen window the command carries. */
function requireReopener({ actor, at, data }: ReopenComplaint, state: ComplaintState, scope: AgencyScope): Refused | null {
  switch (actor.role) {
    case 'national_admin':
      return null;
    case 'agency_admin':
      return covers(scope, actor, state.assigneeAgencyId)
        ? null
        : refused('NOT_CURRENT_ASSIGNEE', 'Only an admin of the agency the complaint was disposed to reopens it.');
    case 'reporter': {
      const windowEndsAt = data.windowEndsAt ?? null;
      return (
        requireTheReporter(actor, state, 'reopens it') ??
        (windowEndsAt !== null && isNoLaterThan(at, windowEndsAt)
          ? null
          : refused('REOPEN_WINDOW_CLOSED', 'The window for the reporter to reopen this complaint has closed.'))
      );
    }
    default:
      return refused('ROLE_NOT_ALLOWED', 'Only the national admin, an admin of the assigned agency or the reporter reopens it.');
  }
}

function expireClarification(command: ExpireClarification, state: ComplaintState): Decision {
  const { complaintId, clarificationId, dueAt } = command.data;
  const statusRule = requireStatus(command, state, ['AWAITING_REPORTER']);
  if (statusRule) return statusRule;
  if (state.openClarifications.get(clarificationId)?.party !== 'reporter') {
    return refused('CLARIFICATION_NOT_OPEN', 'No clarification asked of the reporter with this id is open.');
  }
  return (
    requireSystem(command.actor, 'lets a clarification expire') ??
    (isAfter(command.at, dueAt)
      ? null
      : refused('DEADLINE_NOT_PASSED', 'The clarification is still within its deadline.')) ??
    decided(
      { type: 'ClarificationExpired', data: { complaintId, clarificationId, dueAt, at: command.at } },
      {
        type: 'ComplaintArchived',
        data: {
          complaintId,
          reasonCode: 'unanswered_clarification',
          reason: 'The reporter did not answer the clarification by its deadline.',
          at: command.at,
        },
      },
    )
  );
}

function recordDeadlineMissed(command: RecordDeadlineMissed, state: ComplaintState): Decision {
  const { complaintId, clock, dueAt, calendars } = command.data;
  const recorded = state.overdue.some((missed) => missed.clock === clock && sameInstant(missed.dueAt, dueAt));
  return (
    requireStatus(command, state, OPEN_STATUSES) ??
    requireSystem(command.actor, 'records a missed deadline') ??
    (recorded ? refused('ALREADY_RECORDED', 'This deadline is already recorded as missed.') : null) ??
    (isAfter(command.at, dueAt) ? null : refused('DEADLINE_NOT_PASSED', 'The deadline has not passed yet.')) ??
    decided({ type: 'DeadlineMissed', data: { complaintId, clock, dueAt, agencyId: holderOf(state), calendars, at: command.at } })
  );
}

function escalateToParent(command: EscalateToParent, state: ComplaintState, scope: AgencyScope): Decision {
  const { complaintId, toAgencyId, reason } = command.data;
  const escalated = (fromAgencyId: string | null): Decision =>
    fromAgencyId === null || fromAgencyId === toAgencyId || !scope.isWithin(fromAgencyId, toAgencyId)
      ? refused('ESCALATION_TARGET_INVALID', 'A complaint escalates only to a node above the one holding it.')
      : (requireEscalationDue(command, state) ??
        decided({
          type: 'EscalatedToParent',
          data: { complaintId, fromAgencyId, toAgencyId, reason, bounceCount: state.bounceCount, at: command.at },
        }));
  return (
    requireStatus(command, state, OPEN_STATUSES) ??
    requireSystem(command.actor, 'escalates a complaint') ??
    (state.escalatedTo.includes(toAgencyId)
      ? refused('ALREADY_RECORDED', 'The complaint is already escalated to that node.')
      : escalated(holderOf(state)))
  );
}

/** A deadline escalation needs a missed deadline on record; a bouncing one, returns reaching the policy's threshold. */
function requireEscalationDue({ data }: EscalateToParent, state: ComplaintState): Refused | null {
  switch (data.reason) {
    case 'deadline':
      return state.overdue.length > 0
        ? null
        : refused('ESCALATION_NOT_DUE', 'A deadline escalation needs a missed deadline on record.');
    case 'bouncing': {
      const threshold = data.bounceThreshold ?? null;
      return threshold !== null && Number.isInteger(threshold) && threshold >= 1 && state.bounceCount >= threshold
        ? null
        : refused('ESCALATION_NOT_DUE', 'The complaint has not been returned often enough to count as bouncing.');
    }
  }
}

function referToOmbudsman(command: ReferToOmbudsman, state: ComplaintState): Decision {
  const { complaintId, reason } = command.data;
  return (
    requireStatus(command, state, OPEN_STATUSES) ??
    requireSystem(command.actor, 'refers a complaint to the Ombudsman') ??
    (state.referredToOmbudsman
      ? refused('ALREADY_RECORDED', 'The complaint is already referred to the Ombudsman.')
      : null) ??
    decided({ type: 'ReferredToOmbudsman', data: { complaintId, agencyId: holderOf(state), reason, at: command.at } })
  );
}

/** Two working days before auto-close the reporter hears it is coming, once per follow-up. */
function announceAutoClose(command: AnnounceAutoClose, state: ComplaintState): Decision {
  const { complaintId, dueAt } = command.data;
  const announced = (followUpAt: string | null): Decision =>
    followUpAt === null || state.autoCloseAnnouncedFor === followUpAt
      ? refused('ALREADY_RECORDED', 'The coming closure of this follow-up is already announced.')
      : decided({ type: 'AutoCloseAnnounced', data: { complaintId, agencyId: holderOf(state), dueAt, followUpAt, at: command.at } });
  return (
    requireStatus(command, state, ['RESPONDED']) ??
    requireSystem(command.actor, 'announces an automatic closure') ??
    announced(state.respondedAt)
  );
}

function markDuplicate(command: MarkDuplicate, state: ComplaintState, scope: AgencyScope): Decision {
  const { complaintId, originalComplaintId, note, originalKnown } = command.data;
  const marked = () =>
    originalComplaintId === complaintId
      ? refused('DUPLICATE_OF_ITSELF', 'A complaint cannot duplicate itself.')
      : originalKnown === false
        ? refused('ORIGINAL_NOT_FOUND', 'The complaint it would duplicate does not exist for this actor.')
        : decided({
          type: 'ComplaintMarkedDuplicate',
          data: {
            complaintId,
            originalComplaintId,
            note: note ?? null,
            agencyId: state.assigneeAgencyId,
            targetAgencyId: state.targetAgencyId,
            at: command.at,
          },
        });
  return (
    requireStatus(command, state, ['SUBMITTED', 'VERIFIED', 'DISPOSED', 'IN_PROGRESS']) ??
    asOfficerAt(state.status, command.actor, state, scope, marked)
  );
}

/** Monitoring records: the national admin, or an agency admin whose subtree holds the complaint. */
function requireAgencyHead(actor: Actor, state: ComplaintState, scope: AgencyScope): Refused | null {
  if (actor.role === 'national_admin') return null;
  if (actor.role !== 'agency_admin') {
    return refused('ROLE_NOT_ALLOWED', 'Only an agency head (an admin) records reviews and policy improvements.');
  }
  return covers(scope, actor, holderOf(state))
    ? null
    : refused('NOT_CURRENT_ASSIGNEE', 'Only an admin whose subtree holds the complaint records reviews of it.');
}

const MONITORED_STATUSES: readonly ComplaintStatus[] = [...OPEN_STATUSES, 'CLOSED'];

function recordLeadershipReview(command: RecordLeadershipReview, state: ComplaintState, scope: AgencyScope): Decision {
  const { complaintId, summary, clusterId } = command.data;
  return (
    requireStatus(command, state, MONITORED_STATUSES) ??
    requireAgencyHead(command.actor, state, scope) ??
    decided({
      type: 'LeadershipReviewRecorded',
      data: { complaintId, agencyId: actingAgency(command.actor), summary, clusterId: clusterId ?? null, at: command.at },
    })
  );
}

function linkPolicyImprovement(command: LinkPolicyImprovement, state: ComplaintState, scope: AgencyScope): Decision {
  const { complaintId, policyTitle, description, effectiveDate } = command.data;
  return (
    requireStatus(command, state, MONITORED_STATUSES) ??
    requireAgencyHead(command.actor, state, scope) ??
    decided({
      type: 'PolicyImprovementLinked',
      data: { complaintId, agencyId: actingAgency(command.actor), policyTitle, description, effectiveDate, at: command.at },
    })
  );
}

/** Records about the complaint's copy elsewhere: they keep coming whatever its status here, terminal included. */
const EXTERNAL_RECORDS: readonly ComplaintCommand['type'][] = ['RecordExternalReference', 'RecordExternalStatusObservation'];

function recordExternalReference(command: RecordExternalReference, state: ComplaintState): Decision {
  const { complaintId, system, externalId, agencyId } = command.data;
  const known = state.externalReferences[system];
  if (known !== undefined) {
    return refused('ALREADY_RECORDED', `The complaint already has its ${system} reference${known === externalId ? '' : ', a different one'}.`);
  }
  return decided({ type: 'ExternalReferenceRecorded', data: { complaintId, system, externalId, agencyId, at: command.at } });
}

function recordExternalStatusObservation(command: RecordExternalStatusObservation, state: ComplaintState): Decision {
  const { complaintId, system, externalId, statusCode, statusName, mappedStatus, mappingVersion, followUpCount, latestFollowUpAt } = command.data;
  if (state.externalReferences[system] !== externalId) {
    return refused('INVALID_TRANSITION', `The complaint has no ${system} reference ${externalId}.`);
  }
  const last = state.externalObservations[system];
  const unchanged =
    last !== undefined &&
    last.statusCode === statusCode &&
    last.statusName === statusName &&
    last.mappingVersion === mappingVersion &&
    last.followUpCount === followUpCount &&
    last.latestFollowUpAt === latestFollowUpAt;
  if (unchanged) return refused('ALREADY_RECORDED', `Nothing changed in ${system} since the last observation.`);
  return decided({
    type: 'ExternalStatusObserved',
    data: { complaintId, system, externalId, statusCode, statusName, mappedStatus, mappingVersion, followUpCount, latestFollowUpAt, at: command.at },
  });
}

/** The extension a neutral name takes after the file's detected type. */
const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
};

/**
 * Evidence comes from the reporter and from the officers who may act on the complaint now (the
 * router before disposition, the assignee after), in every open status: a finished complaint takes
 * no more evidence. Only the reporter marks a document as identifying: it is their identity, and
 * its name ("KTP_Budi_Santoso.jpg") too, so a neutral one is recorded in its place, in an event
 * that outlives any erasure.
 */
function addAttachment(command: AddAttachment, state: ComplaintState, scope: AgencyScope): Decision {
  const { actor, at, data } = command;
  const identifying = data.identifying ?? false;
  const added = (addedBy: 'reporter' | 'officer', agencyId: string | null) =>
    decided({
      type: 'AttachmentAdded',
      data: {
        complaintId: data.complaintId,
        attachmentId: data.attachmentId,
        sha256: data.sha256,
        fileName: identifying ? ['dokumen-identitas', EXTENSIONS[data.mediaType]].filter(Boolean).join('.') : data.fileName,
        mediaType: data.mediaType,
        size: data.size,
        identifying,
        addedBy,
        agencyId,
        at,
      },
    });
  const statusRule = requireStatus(command, state, OPEN_STATUSES);
  if (statusRule) return statusRule;
  if (actor.role === 'reporter') return requireTheReporter(actor, state, 'adds evidence as the reporter') ?? added('reporter', null);
  if (identifying) return refused('ROLE_NOT_ALLOWED', 'Only the reporter marks a document as identifying.');
  return asOfficerAt(state.status === 'AWAITING_REPORTER' ? awaitingPhase(state) : state.status, actor, state, scope, () =>
    added('officer', actingAgency(actor)),
  );
}

/** While the reporter is asked, the phase the question was put in says who handles the complaint. */
const awaitingPhase = (state: ComplaintState): ComplaintLifecycleStatus =>
  [...state.openClarifications.values()].find((open) => open.party === 'reporter')?.askedIn ?? state.status;

/**
 * Erasing the reporter's identity erases the documents they marked identifying, whatever the
 * complaint's status: the rest of the evidence stays. Null when there is nothing left to erase.
 */
export function decideIdentifyingAttachmentsErasure(
  state: ComplaintState,
  at: string,
  reason: string,
): IdentifyingAttachmentsErased | null {
  if (state.complaintId === null || state.identifyingAttachments.length === 0) return null;
  return {
    type: 'IdentifyingAttachmentsErased',
    data: { complaintId: state.complaintId, attachmentIds: [...state.identifyingAttachments], reason, at },
  };
}

export function decideComplaint(
  command: ComplaintCommand,
  state: ComplaintState,
  scope: AgencyScope = EXACT_AGENCY_SCOPE,
): Decision {
  const neverAllowed = refuseRoleNeverAllowed(command.actor, command.type);
  if (neverAllowed) return { ok: false, refusal: neverAllowed };
  if (command.type !== 'SubmitComplaint') {
    if (state.status === 'NONE') return refused('COMPLAINT_NOT_FOUND', 'No complaint exists with this id.');
    const afterClosure = state.status === 'CLOSED' && AFTER_CLOSURE.includes(command.type);
    if (!afterClosure && !EXTERNAL_RECORDS.includes(command.type) && TERMINAL_STATUSES.some((status) => status === state.status)) {
      return invalidTransition(command, state);
    }
  }
  switch (command.type) {
    case 'SubmitComplaint':
      return submit(command, state);
    case 'VerifyComplaint':
      return verify(command, state, scope);
    case 'RejectComplaint':
      return reject(command, state, scope);
    case 'ArchiveComplaint':
      return archive(command, state, scope);
    case 'DisposeComplaint':
      return dispose(command, state, scope);
    case 'AcceptDisposition':
      return accept(command, state, scope);
    case 'RequestClarification':
      return requestClarification(command, state, scope);
    case 'AnswerClarification':
      return answerClarification(command, state, scope);
    case 'RecordClarificationAnswerOnBehalf':
      return recordClarificationAnswerOnBehalf(command, state, scope);
    case 'StartMediation':
      return startMediation(command, state, scope);
    case 'RecordMediationOutcome':
      return recordMediationOutcome(command, state, scope);
    case 'OpenInvestigation':
      return openInvestigation(command, state, scope);
    case 'RecordFindings':
      return recordFindings(command, state, scope);
    case 'RespondToComplaint':
      return respond(command, state, scope);
    case 'CloseComplaint':
      return close(command, state, scope);
    case 'DisputeFollowUp':
      return disputeFollowUp(command, state);
    case 'MarkFollowUpNormative':
      return markFollowUpNormative(command, state, scope);
    case 'RateComplaint':
      return rate(command, state);
    case 'ReopenComplaint':
      return reopen(command, state, scope);
    case 'ExpireClarification':
      return expireClarification(command, state);
    case 'RecordDeadlineMissed':
      return recordDeadlineMissed(command, state);
    case 'EscalateToParent':
      return escalateToParent(command, state, scope);
    case 'ReferToOmbudsman':
      return referToOmbudsman(command, state);
    case 'AnnounceAutoClose':
      return announceAutoClose(command, state);
    case 'MarkDuplicate':
      return markDuplicate(command, state, scope);
    case 'RecordLeadershipReview':
      return recordLeadershipReview(command, state, scope);
    case 'LinkPolicyImprovement':
      return linkPolicyImprovement(command, state, scope);
    case 'RecordExternalReference':
      return recordExternalReference(command, state);
    case 'RecordExternalStatusObservation':
      return recordExternalStatusObservation(command, state);
    case 'AddAttachment':
      return addAttachment(command, state, scope);
    default: {
      const unknown: never = command;
      throw new Error(`Unhandled complaint command ${(unknown as { type: string }).type}`);
    }
  }
}
