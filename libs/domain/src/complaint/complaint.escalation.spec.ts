/**
 * What a deadline process raises: a lapsed reporter clarification, overdue flags, escalation to
 * a node above, referral to the Ombudsman. Each is raised once, however often the process retries.
 */
import { DeciderSpecification } from '../testing/decider-specification';
import {
  AGENCY,
  AT,
  DUE_AT,
  EXPIRED_REASON,
  PARENT_AGENCY,
  aComplaint,
  actors,
  commands,
  complaintDeciderWithin,
  events,
  testOrganisation,
} from '../testing/complaint-builders';
import type { ComplaintCommand } from './complaint.commands';
import { complaintDecider, foldComplaint } from './complaint.decider';
import type { ComplaintEvent } from './complaint.events';
import { COMPLAINT_STATUSES, DEADLINE_CLOCKS, TERMINAL_STATUSES, type ComplaintStatus } from './complaint.values';

const decider = complaintDeciderWithin(testOrganisation);
const given = DeciderSpecification.for(decider);
const inStatus = (status: ComplaintStatus) => aComplaint().inStatus(status);
const openStatuses = COMPLAINT_STATUSES.filter((s) => !TERMINAL_STATUSES.includes(s));
const notSystem = [
  ['the national admin', actors.nationalAdmin],
  ['an admin of the assigned agency', actors.agencyAdmin()],
  ['a unit officer of the assigned agency', actors.unitOfficer()],
  ['the reporter', actors.reporter()],
] as const;

/** Runs the same command twice through decide and fold, as a retrying process would. */
function raiseTwice(history: ComplaintEvent[], command: ComplaintCommand) {
  const first = decider.decide(command, foldComplaint(history));
  if (!first.ok) throw new Error(`first attempt refused: ${first.refusal.code}`);
  return decider.decide(command, foldComplaint([...history, ...first.events]));
}

describe('ExpireClarification', () => {
  const expired = () => [
    events.clarificationExpired(),
    events.archived({ reasonCode: 'unanswered_clarification', reason: EXPIRED_REASON }),
  ];

  it.each(['SUBMITTED', 'VERIFIED', 'IN_PROGRESS'] as const)(
    'archives a complaint whose reporter left a clarification asked while %s unanswered',
    (status) => {
      given(inStatus(status).clarificationRequested().events()).when(commands.expireClarification()).then(expired());
    },
  );

  it('leaves the complaint ARCHIVED_INVALID with nothing open', () => {
    const state = foldComplaint(inStatus('IN_PROGRESS').clarificationRequested().clarificationExpired().events());
    expect(state).toMatchObject({ status: 'ARCHIVED_INVALID', openClarifications: new Map() });
  });

  it('waits until the deadline has passed', () => {
    given(inStatus('AWAITING_REPORTER').events())
      .when(commands.expireClarification({ dueAt: AT }))
      .thenRefused('DEADLINE_NOT_PASSED');
    given(inStatus('AWAITING_REPORTER').events())
      .when(commands.expireClarification({ dueAt: '2025-03-10T00:00:00.000Z' }))
      .thenRefused('DEADLINE_NOT_PASSED');
  });

  it('never treats an unreadable deadline as passed', () => {
    given(inStatus('AWAITING_REPORTER').events())
      .when(commands.expireClarification({ dueAt: 'soon' }))
      .thenRefused('DEADLINE_NOT_PASSED');
  });

  it('refuses a clarification id never asked', () => {
    given(inStatus('AWAITING_REPORTER').events())
      .when(commands.expireClarification({ clarificationId: 'clarification-9' }))
      .thenRefused('CLARIFICATION_NOT_OPEN');
  });

  it('lets only a reporter clarification expire, not one asked of the respondent', () => {
    const history = inStatus('IN_PROGRESS')
      .clarificationRequested({ clarificationId: 'clarification-r', party: 'respondent' })
      .clarificationRequested()
      .events();
    given(history)
      .when(commands.expireClarification({ clarificationId: 'clarification-r' }))
      .thenRefused('CLARIFICATION_NOT_OPEN');
  });

  it('refuses once the reporter has answered', () => {
    given(inStatus('AWAITING_REPORTER').clarificationAnswered().events())
      .when(commands.expireClarification())
      .thenRefused('INVALID_TRANSITION');
  });

  it.each(notSystem)('refuses %s', (_, actor) => {
    given(inStatus('AWAITING_REPORTER').events())
      .when(commands.expireClarification({}, actor))
      .thenRefused('ROLE_NOT_ALLOWED');
  });

  it.each(openStatuses.filter((s) => s !== 'AWAITING_REPORTER'))('is refused from %s', (status) => {
    given(inStatus(status).events()).when(commands.expireClarification()).thenRefused('INVALID_TRANSITION');
  });

  it('archives once: a retry finds the complaint archived', () => {
    const retried = raiseTwice(inStatus('AWAITING_REPORTER').events(), commands.expireClarification());
    expect(retried).toEqual({ ok: false, refusal: { code: 'INVALID_TRANSITION', message: expect.any(String) } });
  });
});

describe('RecordDeadlineMissed', () => {
  it.each(DEADLINE_CLOCKS)('flags the %s clock as overdue', (clock) => {
    given(inStatus('IN_PROGRESS').events())
      .when(commands.recordDeadlineMissed({ clock }))
      .then([events.deadlineMissed({ clock })]);
  });

  it.each(openStatuses)('flags a %s complaint, naming the node holding it', (status) => {
    const history = inStatus(status).events();
    const holder = foldComplaint(history).assigneeAgencyId;
    given(history).when(commands.recordDeadlineMissed()).then([events.deadlineMissed({ agencyId: holder })]);
  });

  it('names the agency the reporter chose before disposition', () => {
    given(aComplaint().submitted({ targetAgencyId: 'agency-t' }).events())
      .when(commands.recordDeadlineMissed({ clock: 'verification' }))
      .then([events.deadlineMissed({ clock: 'verification', agencyId: 'agency-t' })]);
  });

  it('keeps the flag without moving the complaint', () => {
    const state = foldComplaint(inStatus('DISPOSED').deadlineMissed().events());
    expect(state).toMatchObject({ status: 'DISPOSED', overdue: [{ clock: 'followUp', dueAt: DUE_AT }] });
  });

  it('records each deadline once', () => {
    given(inStatus('IN_PROGRESS').deadlineMissed().events())
      .when(commands.recordDeadlineMissed())
      .thenRefused('ALREADY_RECORDED');
  });

  it('knows the same deadline written in another time zone', () => {
    given(inStatus('IN_PROGRESS').deadlineMissed().events())
      .when(commands.recordDeadlineMissed({ dueAt: '2025-02-28T09:00:00+07:00' }))
      .thenRefused('ALREADY_RECORDED');
  });

  it('records a later deadline of the same clock, and the same deadline of another clock', () => {
    const history = inStatus('IN_PROGRESS').deadlineMissed().events();
    const later = { dueAt: '2025-03-01T02:00:00.000Z' };
    given(history).when(commands.recordDeadlineMissed(later)).then([events.deadlineMissed(later)]);
    given(history)
      .when(commands.recordDeadlineMissed({ clock: 'resolution' }))
      .then([events.deadlineMissed({ clock: 'resolution' })]);
  });

  it('is never raised twice by a retrying process', () => {
    const retried = raiseTwice(inStatus('IN_PROGRESS').events(), commands.recordDeadlineMissed());
    expect(retried).toEqual({ ok: false, refusal: { code: 'ALREADY_RECORDED', message: expect.any(String) } });
  });

  it('waits until the deadline has passed', () => {
    given(inStatus('IN_PROGRESS').events())
      .when(commands.recordDeadlineMissed({ dueAt: AT }))
      .thenRefused('DEADLINE_NOT_PASSED');
  });

  it.each(notSystem)('refuses %s', (_, actor) => {
    given(inStatus('IN_PROGRESS').events()).when(commands.recordDeadlineMissed({}, actor)).thenRefused('ROLE_NOT_ALLOWED');
  });

  it.each(TERMINAL_STATUSES)('is refused from %s', (status) => {
    given(inStatus(status).events()).when(commands.recordDeadlineMissed()).thenRefused('INVALID_TRANSITION');
  });
});

describe('EscalateToParent', () => {
  const overdue = () => inStatus('IN_PROGRESS').deadlineMissed();
  /** Returned twice, then held by a third disposition to the default agency. */
  const bounced = () =>
    inStatus('VERIFIED').disposedTo('agency-y').returned().disposedTo('agency-t').returned().disposedTo();
  const bouncing = { reason: 'bouncing', bounceThreshold: 2 } as const;

  it('escalates an overdue complaint to the node above its assignee', () => {
    given(overdue().events()).when(commands.escalate()).then([events.escalated()]);
  });

  it('escalates to any node above, the national root included', () => {
    given(overdue().events())
      .when(commands.escalate({ toAgencyId: 'national' }))
      .then([events.escalated({ toAgencyId: 'national' })]);
  });

  it('keeps the flag and leaves the status and the assignee alone', () => {
    const state = foldComplaint(overdue().escalated().events());
    expect(state).toMatchObject({ status: 'IN_PROGRESS', assigneeAgencyId: 'agency-x', escalatedTo: [PARENT_AGENCY] });
  });

  it('needs a missed deadline on record to escalate for a deadline', () => {
    given(inStatus('IN_PROGRESS').events()).when(commands.escalate()).thenRefused('ESCALATION_NOT_DUE');
  });

  it('escalates a complaint returned as often as the policy threshold', () => {
    given(bounced().events())
      .when(commands.escalate(bouncing))
      .then([events.escalated({ reason: 'bouncing', bounceCount: 2 })]);
  });

  it('does not escalate for bouncing below the threshold, or without one', () => {
    given(bounced().events())
      .when(commands.escalate({ ...bouncing, bounceThreshold: 3 }))
      .thenRefused('ESCALATION_NOT_DUE');
    given(bounced().events())
      .when(commands.escalate({ reason: 'bouncing', bounceThreshold: null }))
      .thenRefused('ESCALATION_NOT_DUE');
    given(inStatus('IN_PROGRESS').events())
      .when(commands.escalate({ reason: 'bouncing', bounceThreshold: 0 }))
      .thenRefused('ESCALATION_NOT_DUE');
  });

  it('escalates a returned complaint from the agency the reporter chose, which routes it', () => {
    const history = aComplaint()
      .submitted({ targetAgencyId: AGENCY })
      .verified()
      .disposedTo('unit-x1')
      .returned()
      .events();
    given(history)
      .when(commands.escalate({ reason: 'bouncing', bounceThreshold: 1 }))
      .then([events.escalated({ fromAgencyId: AGENCY, reason: 'bouncing', bounceCount: 1 })]);
  });

  it('has nowhere to go from the national router', () => {
    const history = inStatus('VERIFIED').deadlineMissed({ clock: 'verification' }).events();
    given(history).when(commands.escalate({ toAgencyId: 'national' })).thenRefused('ESCALATION_TARGET_INVALID');
  });

  it.each([
    ['the assignee itself', 'agency-x'],
    ['a node below it', 'unit-x1'],
    ['a node beside it', 'agency-y'],
    ['a node not in the tree', 'atlantis'],
  ])('refuses %s as the target', (_, toAgencyId) => {
    given(overdue().events()).when(commands.escalate({ toAgencyId })).thenRefused('ESCALATION_TARGET_INVALID');
  });

  it('knows no node above without an organisation tree', () => {
    DeciderSpecification.for(complaintDecider)(overdue().events())
      .when(commands.escalate())
      .thenRefused('ESCALATION_TARGET_INVALID');
  });

  it('escalates to each node once, and can climb further up', () => {
    const history = overdue().escalated().events();
    given(history).when(commands.escalate()).thenRefused('ALREADY_RECORDED');
    given(history)
      .when(commands.escalate({ toAgencyId: 'national' }))
      .then([events.escalated({ toAgencyId: 'national' })]);
  });

  it('is never raised twice by a retrying process', () => {
    const retried = raiseTwice(overdue().events(), commands.escalate());
    expect(retried).toEqual({ ok: false, refusal: { code: 'ALREADY_RECORDED', message: expect.any(String) } });
  });

  it.each(notSystem)('refuses %s', (_, actor) => {
    given(overdue().events()).when(commands.escalate({}, actor)).thenRefused('ROLE_NOT_ALLOWED');
  });

  it.each(TERMINAL_STATUSES)('is refused from %s', (status) => {
    given(inStatus(status).events()).when(commands.escalate()).thenRefused('INVALID_TRANSITION');
  });
});

describe('ReferToOmbudsman', () => {
  it.each(openStatuses)('refers a %s complaint, naming the node holding it', (status) => {
    const history = inStatus(status).events();
    const holder = foldComplaint(history).assigneeAgencyId;
    given(history).when(commands.referToOmbudsman()).then([events.referredToOmbudsman({ agencyId: holder })]);
  });

  it('keeps the flag and leaves the status alone', () => {
    const state = foldComplaint(inStatus('MEDIATION').referredToOmbudsman().events());
    expect(state).toMatchObject({ status: 'MEDIATION', referredToOmbudsman: true });
  });

  it('refers a complaint once', () => {
    given(inStatus('IN_PROGRESS').referredToOmbudsman().events())
      .when(commands.referToOmbudsman({ reason: 'Lagi.' }))
      .thenRefused('ALREADY_RECORDED');
  });

  it('is never raised twice by a retrying process', () => {
    const retried = raiseTwice(inStatus('IN_PROGRESS').events(), commands.referToOmbudsman());
    expect(retried).toEqual({ ok: false, refusal: { code: 'ALREADY_RECORDED', message: expect.any(String) } });
  });

  it.each(notSystem)('refuses %s', (_, actor) => {
    given(inStatus('IN_PROGRESS').events()).when(commands.referToOmbudsman({}, actor)).thenRefused('ROLE_NOT_ALLOWED');
  });

  it.each(TERMINAL_STATUSES)('is refused from %s', (status) => {
    given(inStatus(status).events()).when(commands.referToOmbudsman()).thenRefused('INVALID_TRANSITION');
  });
});

describe('flags on a paused complaint', () => {
  it('are raised while the complaint awaits its reporter', () => {
    const history = inStatus('AWAITING_REPORTER').events();
    given(history)
      .when(commands.recordDeadlineMissed({ clock: 'clarification' }))
      .then([events.deadlineMissed({ clock: 'clarification', agencyId: null })]);
    given(history).when(commands.referToOmbudsman()).then([events.referredToOmbudsman({ agencyId: null })]);
  });
});
