import { DeciderSpecification } from '../testing/decider-specification';
import { aComplaint, actors, commands, events } from '../testing/complaint-builders';
import { complaintDecider, foldComplaint } from './complaint.decider';
import type { ComplaintStatus } from './complaint.values';

const given = DeciderSpecification.for(complaintDecider);
const inStatus = (status: ComplaintStatus) => aComplaint().inStatus(status);
const ofRespondent = { party: 'respondent' } as const;

describe('RequestClarification of the reporter', () => {
  it.each(['SUBMITTED', 'VERIFIED'] as const)('lets the router ask while %s', (status) => {
    given(inStatus(status).events())
      .when(commands.requestClarification({}, actors.nationalAdmin))
      .then([events.clarificationRequested({ requestedByAgencyId: 'national' })]);
  });

  it('lets the chosen agency’s admin ask before disposition', () => {
    given(aComplaint().submitted({ targetAgencyId: 'agency-t' }).events())
      .when(commands.requestClarification({}, actors.agencyAdmin('agency-t')))
      .then([events.clarificationRequested({ requestedByAgencyId: 'agency-t' })]);
  });

  it('lets the assignee ask while IN_PROGRESS', () => {
    given(inStatus('IN_PROGRESS').events())
      .when(commands.requestClarification())
      .then([events.clarificationRequested()]);
  });

  it('refuses an officer of another agency after disposition', () => {
    given(inStatus('IN_PROGRESS').clarificationRequested().events())
      .when(commands.answerClarification({}, actors.unitOfficer('agency-y')))
      .thenRefused('ROLE_NOT_ALLOWED');
  });
});

describe('RecordClarificationAnswerOnBehalf', () => {
  it('lets the router record the answer the reporter gave offline before disposition', () => {
    given(inStatus('AWAITING_REPORTER').events())
      .when(commands.recordAnswerOnBehalf({ channel: 'walk-in' }, actors.nationalAdmin))
      .then([events.answerRecordedOnBehalf({ channel: 'walk-in', agencyId: null })]);
  });

  it('lets the assignee record it after disposition, naming its agency and the channel', () => {
    given(inStatus('IN_PROGRESS').clarificationRequested().events())
      .when(commands.recordAnswerOnBehalf({}, actors.unitOfficer()))
      .then([events.answerRecordedOnBehalf()]);
  });

  it('resolves the question as the reporter’s answer would: back to the status it was asked in', () => {
    const history = [...inStatus('IN_PROGRESS').clarificationRequested().events(), events.answerRecordedOnBehalf()];
    expect(foldComplaint(history)).toMatchObject({ status: 'IN_PROGRESS', openClarifications: new Map() });
  });

  it('refuses a unit officer before disposition', () => {
    given(inStatus('AWAITING_REPORTER').events())
      .when(commands.recordAnswerOnBehalf({}, actors.unitOfficer()))
      .thenRefused('ROLE_NOT_ALLOWED');
  });

  it('refuses an officer of another agency after disposition', () => {
    given(inStatus('IN_PROGRESS').clarificationRequested().events())
      .when(commands.recordAnswerOnBehalf({}, actors.unitOfficer('agency-y')))
      .thenRefused('NOT_CURRENT_ASSIGNEE');
  });

  it('refuses the reporter, whose own answer is AnswerClarification', () => {
    given(inStatus('AWAITING_REPORTER').events())
      .when(commands.recordAnswerOnBehalf({}, actors.reporter()))
      .thenRefused('ROLE_NOT_ALLOWED');
  });

  it('applies only to an open question to the reporter', () => {
    given(inStatus('IN_PROGRESS').clarificationRequested({ party: 'respondent' }).events())
      .when(commands.recordAnswerOnBehalf())
      .thenRefused('CLARIFICATION_NOT_OPEN');
    given(inStatus('IN_PROGRESS').events()).when(commands.recordAnswerOnBehalf()).thenRefused('CLARIFICATION_NOT_OPEN');
  });
});

describe('AnswerClarification of the respondent or another agency', () => {
  const asked = () => inStatus('IN_PROGRESS').clarificationRequested(ofRespondent);

  it('lets the assignee record the answer', () => {
    given(asked().events())
      .when(commands.answerClarification({}, actors.unitOfficer()))
      .then([events.clarificationAnswered(ofRespondent)]);
  });

  it('refuses the reporter', () => {
    given(asked().events()).when(commands.answerClarification()).thenRefused('ROLE_NOT_ALLOWED');
  });

  it('refuses an officer of another agency', () => {
    given(asked().events())
      .when(commands.answerClarification({}, actors.unitOfficer('agency-y')))
      .thenRefused('NOT_CURRENT_ASSIGNEE');
  });

  it('leaves a complaint awaiting its reporter where it is', () => {
    const history = asked()
      .clarificationRequested({ clarificationId: 'clarification-2' })
      .clarificationAnswered()
      .events();
    expect(foldComplaint(history)).toMatchObject({ status: 'AWAITING_REPORTER' });
  });
});

describe('AnswerClarification of a clarification that is not open', () => {
  it('refuses an id never asked', () => {
    given(inStatus('AWAITING_REPORTER').events())
      .when(commands.answerClarification({ clarificationId: 'clarification-9' }))
      .thenRefused('CLARIFICATION_NOT_OPEN');
  });

  it('refuses an id already answered', () => {
    given(inStatus('AWAITING_REPORTER').clarificationAnswered().events())
      .when(commands.answerClarification())
      .thenRefused('CLARIFICATION_NOT_OPEN');
  });

  it('refuses an id that only looks like an object property', () => {
    given(inStatus('IN_PROGRESS').events())
      .when(commands.answerClarification({ clarificationId: 'constructor' }))
      .thenRefused('CLARIFICATION_NOT_OPEN');
  });
});
