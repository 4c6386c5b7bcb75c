import { DeciderSpecification } from '../testing/decider-specification';
import { aComplaint, actors, commands, events } from '../testing/complaint-builders';
import type { Actor } from './actor';
import type { ComplaintCommand } from './complaint.commands';
import { complaintDecider, foldComplaint } from './complaint.decider';
import type { ComplaintStatus } from './complaint.values';

const given = DeciderSpecification.for(complaintDecider);
const inStatus = (status: ComplaintStatus) => aComplaint().inStatus(status);

describe('handling steps of the assignee', () => {
  it('starts mediation on a complaint in progress', () => {
    given(inStatus('IN_PROGRESS').events()).when(commands.startMediation()).then([events.mediationStarted()]);
  });

  it('records the mediation outcome and resumes handling', () => {
    const outcome = { outcome: 'no_agreement', note: 'Tidak tercapai kesepakatan.' } as const;
    given(inStatus('MEDIATION').events())
      .when(commands.recordMediationOutcome(outcome))
      .then([events.mediationOutcomeRecorded(outcome)]);
    expect(foldComplaint(inStatus('MEDIATION').mediationOutcomeRecorded().events()).status).toBe('IN_PROGRESS');
  });

  it('opens an investigation on a complaint in progress', () => {
    given(inStatus('IN_PROGRESS').events()).when(commands.openInvestigation()).then([events.investigationOpened()]);
  });

  it('records findings and resumes handling', () => {
    given(inStatus('INVESTIGATION').events()).when(commands.recordFindings()).then([events.findingsRecorded()]);
    expect(foldComplaint(inStatus('INVESTIGATION').findingsRecorded().events()).status).toBe('IN_PROGRESS');
  });

  it('lets the assigned agency’s admin act too', () => {
    given(inStatus('IN_PROGRESS').events())
      .when(commands.startMediation({}, actors.agencyAdmin()))
      .then([events.mediationStarted()]);
  });

  it('follows the complaint to the agency it was re-disposed to', () => {
    const history = inStatus('IN_PROGRESS').disposedTo('agency-y').accepted().events();
    given(history)
      .when(commands.openInvestigation({}, actors.unitOfficer('agency-y')))
      .then([events.investigationOpened({ agencyId: 'agency-y' })]);
    given(history).when(commands.openInvestigation()).thenRefused('NOT_CURRENT_ASSIGNEE');
  });
});

describe.each<[string, ComplaintStatus, (actor: Actor) => ComplaintCommand]>([
  ['StartMediation', 'IN_PROGRESS', (actor) => commands.startMediation({}, actor)],
  ['RecordMediationOutcome', 'MEDIATION', (actor) => commands.recordMediationOutcome({}, actor)],
  ['OpenInvestigation', 'IN_PROGRESS', (actor) => commands.openInvestigation({}, actor)],
  ['RecordFindings', 'INVESTIGATION', (actor) => commands.recordFindings({}, actor)],
  ['RespondToComplaint', 'IN_PROGRESS', (actor) => commands.respond({}, actor)],
])('%s is for the assignee only', (_, status, command) => {
  it.each([
    ['a unit officer of another agency', actors.unitOfficer('agency-y')],
    ['an admin of another agency', actors.agencyAdmin('agency-y')],
  ])('refuses %s', (__, actor) => {
    given(inStatus(status).events()).when(command(actor)).thenRefused('NOT_CURRENT_ASSIGNEE');
  });

  it.each([
    ['the national admin', actors.nationalAdmin],
    ['the reporter', actors.reporter()],
    ['the system', actors.system],
  ])('refuses %s', (__, actor) => {
    given(inStatus(status).events()).when(command(actor)).thenRefused('ROLE_NOT_ALLOWED');
  });
});

describe('RespondToComplaint', () => {
  it.each(['IN_PROGRESS', 'MEDIATION'] as const)('records the follow-up of a %s complaint', (status) => {
    given(inStatus(status).events()).when(commands.respond()).then([events.responded()]);
  });

  it('records the follow-up once findings are in', () => {
    given(inStatus('INVESTIGATION').findingsRecorded().events()).when(commands.respond()).then([events.responded()]);
  });

  it('requires findings while an investigation is open, whoever asks', () => {
    given(inStatus('INVESTIGATION').events()).when(commands.respond()).thenRefused('FINDINGS_REQUIRED');
    given(inStatus('INVESTIGATION').events())
      .when(commands.respond({}, actors.unitOfficer('agency-y')))
      .thenRefused('FINDINGS_REQUIRED');
  });

  it.each(['respondent', 'agency'] as const)('waits for an open %s clarification', (party) => {
    given(inStatus('IN_PROGRESS').clarificationRequested({ party }).events())
      .when(commands.respond())
      .thenRefused('OPEN_CLARIFICATIONS');
  });

  it('waits for the reporter, whose clarification pauses the complaint', () => {
    given(inStatus('IN_PROGRESS').clarificationRequested().events())
      .when(commands.respond())
      .thenRefused('INVALID_TRANSITION');
  });

  it('starts the no-reply window at the response', () => {
    const respondedAt = '2025-03-10T03:00:00.000Z';
    const history = inStatus('IN_PROGRESS').responded({ at: respondedAt }).events();
    expect(foldComplaint(history)).toMatchObject({ status: 'RESPONDED', respondedAt });
  });
});
