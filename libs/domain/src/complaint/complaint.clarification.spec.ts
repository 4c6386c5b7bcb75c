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

  it('refuses a unit officer before disposition', () => {
    given(inStatus('VERIFIED').events()).when(commands.requestClarification()).thenRefused('ROLE_NOT_ALLOWED');
  });

  it('refuses an officer of another agency after disposition', () => {
    given(inStatus('IN_PROGRESS').events())
      .when(commands.requestClarification({}, actors.unitOfficer('agency-y')))
      .thenRefused('NOT_CURRENT_ASSIGNEE');
  });

  it.each(['DISPOSED', 'AWAITING_REPORTER', 'MEDIATION', 'INVESTIGATION', 'RESPONDED'] as const)(
    'is not asked while %s',
    (status) => {
      given(inStatus(status).events()).when(commands.requestClarification()).thenRefused('INVALID_TRANSITION');
    },
  );

  it.each(['SUBMITTED', 'VERIFIED', 'IN_PROGRESS'] as const)('pauses a %s complaint until answered', (status) => {
    const asked = inStatus(status).clarificationRequested();
    expect(foldComplaint(asked.events())).toMatchObject({ status: 'AWAITING_REPORTER' });
    const answered = foldComplaint(asked.clarificationAnswered().events());
    expect(answered).toMatchObject({ status, openClarifications: new Map() });
  });
});

describe('RequestClarification of the respondent or another agency', () => {
  it.each(['IN_PROGRESS', 'MEDIATION', 'INVESTIGATION'] as const)(
    'lets the assignee ask the respondent while %s',
    (status) => {
      given(inStatus(status).events())
        .when(commands.requestClarification(ofRespondent))
        .then([events.clarificationRequested(ofRespondent)]);
    },
  );

  it('names the agency asked', () => {
    const ofAgency = { party: 'agency', partyAgencyId: 'agency-bpn' } as const;
    given(inStatus('IN_PROGRESS').events())
      .when(commands.requestClarification(ofAgency))
      .then([events.clarificationRequested(ofAgency)]);
  });

  it.each(['SUBMITTED', 'VERIFIED', 'DISPOSED', 'AWAITING_REPORTER', 'RESPONDED'] as const)(
    'is not asked while %s',
    (status) => {
      given(inStatus(status).events())
        .when(commands.requestClarification(ofRespondent))
        .thenRefused('INVALID_TRANSITION');
    },
  );

  it('refuses the national admin', () => {
    given(inStatus('IN_PROGRESS').events())
      .when(commands.requestClarification(ofRespondent, actors.nationalAdmin))
      .thenRefused('ROLE_NOT_ALLOWED');
  });

  it('refuses an officer of another agency', () => {
    given(inStatus('MEDIATION').events())
      .when(commands.requestClarification(ofRespondent, actors.unitOfficer('agency-y')))
      .thenRefused('NOT_CURRENT_ASSIGNEE');
  });

  it('leaves the status as it was', () => {
    const history = inStatus('MEDIATION').clarificationRequested(ofRespondent).events();
    expect(foldComplaint(history)).toMatchObject({ status: 'MEDIATION' });
  });
});

describe('AnswerClarification of the reporter', () => {
  it('lets the reporter answer', () => {
    given(inStatus('AWAITING_REPORTER').events())
      .when(commands.answerClarification())
      .then([events.clarificationAnswered()]);
  });

  it('lets the router record an answer given offline before disposition', () => {
    given(inStatus('AWAITING_REPORTER').events())
      .when(commands.answerClarification({}, actors.nationalAdmin))
      .then([events.clarificationAnswered()]);
  });

  it('lets the assignee record an answer given offline after disposition', () => {
    given(inStatus('IN_PROGRESS').clarificationRequested().events())
      .when(commands.answerClarification({}, actors.agencyAdmin()))
      .then([events.clarificationAnswered()]);
  });

  it('refuses another reporter', () => {
    given(inStatus('AWAITING_REPORTER').events())
      .when(commands.answerClarification({}, actors.reporter('reporter-2')))
      .thenRefused('NOT_THE_REPORTER');
  });

  it('refuses any reporter account when an officer digitised the complaint', () => {
    given(aComplaint().submittedBy(actors.unitOfficer(), { channel: 'walk-in' }).clarificationRequested().events())
      .when(commands.answerClarification())
      .thenRefused('NOT_THE_REPORTER');
  });

  it('refuses a unit officer before disposition', () => {
    given(inStatus('AWAITING_REPORTER').events())
      .when(commands.answerClarification({}, actors.unitOfficer()))
      .thenRefused('ROLE_NOT_ALLOWED');
  });

  it('refuses an officer of another agency after disposition', () => {
    given(inStatus('IN_PROGRESS').clarificationRequested().events())
      .when(commands.answerClarification({}, actors.unitOfficer('agency-y')))
      .thenRefused('NOT_CURRENT_ASSIGNEE');
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
