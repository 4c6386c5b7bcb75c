/** Rules that hold across commands: existence, terminal statuses, wrong statuses, read-only roles. */
import { DeciderSpecification } from '../testing/decider-specification';
import { aComplaint, actors, commands, complaintDeciderWithin, testOrganisation } from '../testing/complaint-builders';
import { type AccessRow, COMMAND_ACCESS, COMMAND_NAMES, refuseRoleNeverAllowed } from '../access/access-matrix';
import { ACTOR_ROLES, type Actor, type ActorRole } from './actor';
import type { ComplaintCommand, ComplaintCommandType } from './complaint.commands';
import { complaintDecider, foldComplaint } from './complaint.decider';
import type { ComplaintEvent } from './complaint.events';
import { TERMINAL_STATUSES, type ComplaintStatus } from './complaint.values';

// Within an organisation tree, so that an escalation has a node above the assignee to go to.
const decider = complaintDeciderWithin(testOrganisation);
const given = DeciderSpecification.for(decider);
const inStatus = (status: ComplaintStatus) => aComplaint().inStatus(status).events();

/** The command, a status it applies in, its proper actor, and the history when the usual path is not enough. */
type Case = [
  ComplaintCommandType,
  ComplaintStatus | 'NONE',
  Actor,
  (actor: Actor) => ComplaintCommand,
  ComplaintEvent[]?,
];

/** Every command, from a status where the given actor may issue it. */
const allowedCases: Case[] = [
  ['SubmitComplaint', 'NONE', actors.unitOfficer(), (a) => commands.submit({ channel: 'walk-in' }, a)],
  ['VerifyComplaint', 'SUBMITTED', actors.nationalAdmin, (a) => commands.verify({}, a)],
  ['RejectComplaint', 'VERIFIED', actors.nationalAdmin, (a) => commands.reject({}, a)],
  ['ArchiveComplaint', 'SUBMITTED', actors.nationalAdmin, (a) => commands.archive({}, a)],
  ['DisposeComplaint', 'VERIFIED', actors.nationalAdmin, (a) => commands.dispose({}, a)],
  ['AcceptDisposition', 'DISPOSED', actors.unitOfficer(), (a) => commands.accept({}, a)],
  ['RequestClarification', 'IN_PROGRESS', actors.unitOfficer(), (a) => commands.requestClarification({}, a)],
  ['AnswerClarification', 'AWAITING_REPORTER', actors.reporter(), (a) => commands.answerClarification({}, a)],
  [
    'RecordClarificationAnswerOnBehalf',
    'AWAITING_REPORTER',
    actors.nationalAdmin,
    (a) => commands.recordAnswerOnBehalf({}, a),
  ],
  ['StartMediation', 'IN_PROGRESS', actors.unitOfficer(), (a) => commands.startMediation({}, a)],
  ['RecordMediationOutcome', 'MEDIATION', actors.unitOfficer(), (a) => commands.recordMediationOutcome({}, a)],
  ['OpenInvestigation', 'IN_PROGRESS', actors.unitOfficer(), (a) => commands.openInvestigation({}, a)],
  ['RecordFindings', 'INVESTIGATION', actors.unitOfficer(), (a) => commands.recordFindings({}, a)],
  ['RespondToComplaint', 'IN_PROGRESS', actors.unitOfficer(), (a) => commands.respond({}, a)],
  ['CloseComplaint', 'RESPONDED', actors.reporter(), (a) => commands.close({}, a)],
  ['DisputeFollowUp', 'RESPONDED', actors.reporter(), (a) => commands.dispute({}, a)],
  ['MarkFollowUpNormative', 'RESPONDED', actors.nationalAdmin, (a) => commands.markFollowUpNormative({}, a)],
  ['RateComplaint', 'RESPONDED', actors.reporter(), (a) => commands.rate({}, a)],
  ['ReopenComplaint', 'CLOSED', actors.nationalAdmin, (a) => commands.reopen({}, a)],
  ['ExpireClarification', 'AWAITING_REPORTER', actors.system, (a) => commands.expireClarification({}, a)],
  ['RecordDeadlineMissed', 'IN_PROGRESS', actors.system, (a) => commands.recordDeadlineMissed({}, a)],
  [
    'EscalateToParent',
    'IN_PROGRESS',
    actors.system,
    (a) => commands.escalate({}, a),
    aComplaint().inStatus('IN_PROGRESS').deadlineMissed().events(),
  ],
  ['ReferToOmbudsman', 'IN_PROGRESS', actors.system, (a) => commands.referToOmbudsman({}, a)],
  ['MarkDuplicate', 'IN_PROGRESS', actors.unitOfficer(), (a) => commands.markDuplicate({}, a)],
  ['RecordLeadershipReview', 'IN_PROGRESS', actors.agencyAdmin(), (a) => commands.recordLeadershipReview({}, a)],
  ['LinkPolicyImprovement', 'IN_PROGRESS', actors.agencyAdmin(), (a) => commands.linkPolicyImprovement({}, a)],
];
const historyOf = ([, status, , , history]: Case) => history ?? (status === 'NONE' ? [] : inStatus(status));
const lifecycleCommands = allowedCases.filter(([type]) => type !== 'SubmitComplaint');

/** What a CLOSED complaint still takes: rating, reopening, monitoring records and judging its follow-up. */
const AFTER_CLOSURE: ComplaintCommandType[] = [
  'RateComplaint',
  'ReopenComplaint',
  'RecordLeadershipReview',
  'LinkPolicyImprovement',
  'MarkFollowUpNormative',
];

describe('read-only roles', () => {
  it.each(allowedCases)('%s from %s is allowed to its proper actor', (...testCase) => {
    const [, , actor, command] = testCase;
    expect(decider.decide(command(actor), foldComplaint(historyOf(testCase))).ok).toBe(true);
  });

  // Inspectors only judge follow-ups (MarkFollowUpNormative); auditors issue nothing.
  describe.each([actors.inspector, actors.auditor])('$role', (readOnly) => {
    const refusedToRole = allowedCases.filter(([type]) => refuseRoleNeverAllowed(readOnly, type) !== null);
    it.each(refusedToRole)('may not issue %s (from %s)', (...testCase) => {
      given(historyOf(testCase)).when(testCase[3](readOnly)).thenRefused('ROLE_NOT_ALLOWED');
    });
  });
});

/** Each command with every role the access matrix never lets issue it (and an actor of that role). */
const neverAllowedCases = allowedCases.flatMap((testCase) =>
  ACTOR_ROLES.filter((role) => refuseRoleNeverAllowed({ id: 'x', role, agencyId: null }, testCase[0]) !== null).map(
    (role) => [testCase[0], role, testCase[3], testCase] as const,
  ),
);
const ofRole = (role: ActorRole): Actor => Object.values(actors).map((a) => (typeof a === 'function' ? a() : a)).find((a) => a.role === role)!;

describe('a role the access matrix never allows', () => {
  it('exists for every command and role pair the matrix leaves out', () => {
    // 26 commands; auditors never issue any, so they are among the pairs of each.
    expect(new Set(neverAllowedCases.map(([type]) => type)).size).toBe(allowedCases.length);
    expect(neverAllowedCases.filter(([, role]) => role === 'auditor')).toHaveLength(allowedCases.length);
  });

  it.each(neverAllowedCases)('refuses %s by %s before existence, status or scope, naming the role', (_, role, command, testCase) => {
    const actor = ofRole(role);
    for (const history of [[], historyOf(testCase), inStatus('REJECTED')]) {
      const decision = decider.decide(command(actor), foldComplaint(history));
      expect(decision).toEqual({ ok: false, refusal: { code: 'ROLE_NOT_ALLOWED', message: expect.stringContaining(role) } });
    }
  });

  it('agrees with COMMAND_ACCESS for every command the API takes', () => {
    for (const [type, name] of Object.entries(COMMAND_NAMES) as [ComplaintCommandType, keyof typeof COMMAND_ACCESS][]) {
      for (const role of ACTOR_ROLES) {
        const row: AccessRow = COMMAND_ACCESS[name];
        expect({ type, role, refused: refuseRoleNeverAllowed(ofRole(role), type) !== null }).toEqual({ type, role, refused: row[role] === undefined });
      }
    }
  });
});

describe('a complaint that does not exist', () => {
  it.each(lifecycleCommands)('refuses %s', (_, __, actor, command) => {
    given([]).when(command(actor)).thenRefused('COMPLAINT_NOT_FOUND');
  });
});

describe.each(TERMINAL_STATUSES)('a %s complaint', (terminal) => {
  const refused = lifecycleCommands.filter(([type]) => terminal !== 'CLOSED' || !AFTER_CLOSURE.includes(type));
  it.each(refused)('refuses %s', (_, __, actor, command) => {
    given(inStatus(terminal)).when(command(actor)).thenRefused('INVALID_TRANSITION');
  });
});

describe('a CLOSED complaint', () => {
  it.each(AFTER_CLOSURE)('still takes %s from its proper actor', (type) => {
    const [, , actor, command] = allowedCases.find(([candidate]) => candidate === type)!;
    const closed = aComplaint().inStatus('CLOSED').events();
    expect(decider.decide(command(actor), foldComplaint(closed)).ok).toBe(true);
  });
});

describe('commands from the wrong status', () => {
  const officer = actors.unitOfficer();
  it.each<{ status: ComplaintStatus; command: ComplaintCommand }>([
    { status: 'VERIFIED', command: commands.verify() },
    { status: 'AWAITING_REPORTER', command: commands.verify() },
    { status: 'DISPOSED', command: commands.verify() },
    { status: 'AWAITING_REPORTER', command: commands.reject() },
    { status: 'IN_PROGRESS', command: commands.reject({ reasonCode: 'not_our_authority' }, officer) },
    { status: 'RESPONDED', command: commands.reject() },
    { status: 'DISPOSED', command: commands.archive() },
    { status: 'IN_PROGRESS', command: commands.archive() },
    { status: 'AWAITING_REPORTER', command: commands.dispose() },
    { status: 'MEDIATION', command: commands.dispose({ agencyId: 'agency-y' }) },
    { status: 'INVESTIGATION', command: commands.dispose({ agencyId: 'agency-y' }) },
    { status: 'RESPONDED', command: commands.dispose({ agencyId: 'agency-y' }) },
    { status: 'VERIFIED', command: commands.accept() },
    { status: 'IN_PROGRESS', command: commands.accept() },
    { status: 'DISPOSED', command: commands.startMediation() },
    { status: 'MEDIATION', command: commands.startMediation() },
    { status: 'INVESTIGATION', command: commands.startMediation() },
    { status: 'IN_PROGRESS', command: commands.recordMediationOutcome() },
    { status: 'MEDIATION', command: commands.openInvestigation() },
    { status: 'INVESTIGATION', command: commands.openInvestigation() },
    { status: 'IN_PROGRESS', command: commands.recordFindings() },
    { status: 'MEDIATION', command: commands.recordFindings() },
    { status: 'DISPOSED', command: commands.respond() },
    { status: 'AWAITING_REPORTER', command: commands.respond() },
    { status: 'RESPONDED', command: commands.respond() },
  ])('refuses $command.type from $status', ({ status, command }) => {
    given(inStatus(status)).when(command).thenRefused('INVALID_TRANSITION');
  });
});

// Among the roles the matrix allows; a role it never allows is refused before anything else (below).
describe('status is checked before the actor', () => {
  it.each<{ status: ComplaintStatus; command: ComplaintCommand }>([
    { status: 'VERIFIED', command: commands.verify({}, actors.agencyAdmin('agency-y')) },
    { status: 'DISPOSED', command: commands.startMediation({}, actors.unitOfficer('agency-y')) },
    { status: 'IN_PROGRESS', command: commands.accept({}, actors.agencyAdmin('agency-y')) },
    { status: 'MEDIATION', command: commands.dispose({ agencyId: 'agency-y' }, actors.agencyAdmin('agency-y')) },
  ])('$command.type by $command.actor.role from $status', ({ status, command }) => {
    given(inStatus(status)).when(command).thenRefused('INVALID_TRANSITION');
  });
});

describe('refusal messages', () => {
  it('state the rule without naming the reporter', () => {
    const decision = complaintDecider.decide(
      commands.close({}, actors.reporter('reporter-2')),
      foldComplaint(inStatus('RESPONDED')),
    );
    expect(decision).toEqual({ ok: false, refusal: { code: 'NOT_THE_REPORTER', message: expect.any(String) } });
    const message = decision.ok ? '' : decision.refusal.message;
    expect(message).not.toMatch(/reporter-[0-9]|reporter-ref/);
  });
});
