/**
 * The rules of the README transition table. Guards run in a fixed order: existence and
 * terminal status, then the command's own status guard, then who acts, then the rest,
 * so a refusal names the most basic rule that was broken.
 */
import { type Actor, trackingActorId } from './actor';
import type {
  AcceptDisposition,
  AnswerClarification,
  ArchiveComplaint,
  CloseComplaint,
  ComplaintCommand,
  DisposeComplaint,
  OpenInvestigation,
  RecordFindings,
  RecordMediationOutcome,
  RejectComplaint,
  RequestClarification,
  RespondToComplaint,
  StartMediation,
  SubmitComplaint,
  VerifyComplaint,
} from './complaint.commands';
import type { ComplaintEvent } from './complaint.events';
import type { ComplaintLifecycleStatus, ComplaintState } from './complaint.state';
import { OFFICER_INTAKE_CHANNELS, TERMINAL_STATUSES, type ComplaintStatus } from './complaint.values';
import { refuse, type Refusal, type RefusalCode } from './refusals';

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

/** The reporter's account, or whoever holds the complaint's tracking secret. */
const isTheReporter = (actor: Actor, state: ComplaintState): boolean =>
  actor.role === 'reporter' &&
  ((state.reporterAccountId !== null && actor.id === state.reporterAccountId) ||
    (state.trackingId !== null && actor.id === trackingActorId(state.trackingId)));

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
      reporterAccountId: actor.role === 'reporter' ? actor.id : null,
      at,
    },
  });
}

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
  if (actor.role !== 'reporter') return asOfficerAt(asked.askedIn, actor, state, scope, answered);
  return isTheReporter(actor, state)
    ? answered()
    : refused('NOT_THE_REPORTER', 'Only the reporter who submitted the complaint answers on its behalf.');
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
      return isTheReporter(actor, state)
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

export function decideComplaint(
  command: ComplaintCommand,
  state: ComplaintState,
  scope: AgencyScope = EXACT_AGENCY_SCOPE,
): Decision {
  if (command.type !== 'SubmitComplaint') {
    if (state.status === 'NONE') return refused('COMPLAINT_NOT_FOUND', 'No complaint exists with this id.');
    if (TERMINAL_STATUSES.some((status) => status === state.status)) return invalidTransition(command, state);
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
    default: {
      const unknown: never = command;
      throw new Error(`Unhandled complaint command ${(unknown as { type: string }).type}`);
    }
  }
}
