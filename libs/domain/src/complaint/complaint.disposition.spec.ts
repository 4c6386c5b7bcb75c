import { DeciderSpecification } from '../testing/decider-specification';
import { aComplaint, actors, commands, complaintDeciderWithin, events, testOrganisation } from '../testing/complaint-builders';
import { foldComplaint } from './complaint.decider';
import type { ComplaintStatus } from './complaint.values';

// Agencies with units below them, so admins can dispose within their subtree.
const given = DeciderSpecification.for(complaintDeciderWithin(testOrganisation));
const inStatus = (status: ComplaintStatus) => aComplaint().inStatus(status).events();

describe('DisposeComplaint (first disposition)', () => {
  it('disposes a verified complaint with no previous agency', () => {
    given(inStatus('VERIFIED')).when(commands.dispose()).then([events.disposed()]);
  });

  it('lets the chosen agency’s admin dispose to one of its units', () => {
    given(aComplaint().submitted({ targetAgencyId: 'agency-t' }).verified().events())
      .when(commands.dispose({ agencyId: 'unit-t1' }, actors.agencyAdmin('agency-t')))
      .then([events.disposed({ agencyId: 'unit-t1' })]);
  });

  it.each([
    ['a unit officer', actors.unitOfficer()],
    ['an agency admin the reporter did not choose', actors.agencyAdmin()],
    ['the reporter', actors.reporter()],
  ])('is refused to %s', (_, actor) => {
    given(inStatus('VERIFIED')).when(commands.dispose({}, actor)).thenRefused('ROLE_NOT_ALLOWED');
  });

  it('requires verification first, whoever asks', () => {
    given(inStatus('SUBMITTED')).when(commands.dispose()).thenRefused('DISPOSITION_REQUIRES_VERIFICATION');
    given(inStatus('SUBMITTED'))
      .when(commands.dispose({}, actors.agencyAdmin('agency-y')))
      .thenRefused('DISPOSITION_REQUIRES_VERIFICATION');
  });

  it('disposes a returned complaint afresh, even to the agency that returned it', () => {
    given(aComplaint().inStatus('DISPOSED').returned().events())
      .when(commands.dispose())
      .then([events.disposed({ previousAgencyId: null })]);
  });
});

describe('DisposeComplaint (re-disposition)', () => {
  const toY = { agencyId: 'agency-y' };

  describe.each(['DISPOSED', 'IN_PROGRESS'] as const)('from %s', (status) => {
    it.each([
      ['the national admin to another agency', actors.nationalAdmin, toY],
      ['an admin of the assigned agency to one of its units', actors.agencyAdmin(), { agencyId: 'unit-x1' }],
    ])('lets %s re-dispose, naming the previous agency', (_, actor, target) => {
      given(inStatus(status))
        .when(commands.dispose(target, actor))
        .then([events.disposed({ ...target, previousAgencyId: 'agency-x' })]);
    });

    it('refuses an admin of the assigned agency disposing outside its subtree', () => {
      given(inStatus(status)).when(commands.dispose(toY, actors.agencyAdmin())).thenRefused('TARGET_OUTSIDE_SCOPE');
    });

    it('lets an admin of a node above the assigned agency act on it', () => {
      given(aComplaint().verified().disposedTo('unit-x1').events())
        .when(commands.dispose({ agencyId: 'agency-x' }, actors.agencyAdmin('agency-x')))
        .then([events.disposed({ agencyId: 'agency-x', previousAgencyId: 'unit-x1' })]);
    });

    it('refuses an admin of another agency', () => {
      given(inStatus(status))
        .when(commands.dispose(toY, actors.agencyAdmin('agency-y')))
        .thenRefused('NOT_CURRENT_ASSIGNEE');
    });

    it.each([
      ['a unit officer of the assigned agency', actors.unitOfficer()],
      ['the reporter', actors.reporter()],
      ['the system', actors.system],
    ])('refuses %s', (_, actor) => {
      given(inStatus(status)).when(commands.dispose(toY, actor)).thenRefused('ROLE_NOT_ALLOWED');
    });

    it('refuses the agency it is already disposed to', () => {
      given(inStatus(status))
        .when(commands.dispose({ agencyId: 'agency-x' }))
        .thenRefused('ALREADY_DISPOSED_TO_AGENCY');
    });
  });

  it.each(['respondent', 'agency'] as const)('waits for an open %s clarification', (party) => {
    given(aComplaint().inStatus('IN_PROGRESS').clarificationRequested({ party }).events())
      .when(commands.dispose(toY))
      .thenRefused('OPEN_CLARIFICATIONS');
  });

  it('re-disposes once the clarification is answered', () => {
    const answered = aComplaint()
      .inStatus('IN_PROGRESS')
      .clarificationRequested({ party: 'respondent' })
      .clarificationAnswered();
    given(answered.events())
      .when(commands.dispose(toY))
      .then([events.disposed({ ...toY, previousAgencyId: 'agency-x' })]);
  });
});

describe('AcceptDisposition', () => {
  it.each([
    ['a unit officer', actors.unitOfficer()],
    ['the admin', actors.agencyAdmin()],
  ])('lets %s of the assigned agency accept', (_, actor) => {
    given(inStatus('DISPOSED')).when(commands.accept({}, actor)).then([events.accepted()]);
  });

  it('names the agency the complaint was re-disposed to', () => {
    given(aComplaint().inStatus('DISPOSED').disposedTo('agency-y').events())
      .when(commands.accept({}, actors.unitOfficer('agency-y')))
      .then([events.accepted({ agencyId: 'agency-y' })]);
  });

  it('refuses an officer of the agency it was disposed away from', () => {
    given(aComplaint().inStatus('DISPOSED').disposedTo('agency-y').events())
      .when(commands.accept())
      .thenRefused('NOT_CURRENT_ASSIGNEE');
  });

  it.each([
    ['the national admin', actors.nationalAdmin],
    ['the reporter', actors.reporter()],
  ])('refuses %s', (_, actor) => {
    given(inStatus('DISPOSED')).when(commands.accept({}, actor)).thenRefused('ROLE_NOT_ALLOWED');
  });
});

describe('RejectComplaint by the assignee (return to the router)', () => {
  const notOurs = { reasonCode: 'not_our_authority', reason: 'Jalan nasional, bukan wewenang dinas.' } as const;

  it.each([
    ['a unit officer', actors.unitOfficer()],
    ['the admin', actors.agencyAdmin()],
  ])('lets %s of the assigned agency return it as not its authority', (_, actor) => {
    given(inStatus('DISPOSED')).when(commands.reject(notOurs, actor)).then([events.returned()]);
  });

  it('does not let the assignee reject it as out of scope', () => {
    given(inStatus('DISPOSED'))
      .when(commands.reject({ reasonCode: 'out_of_scope' }, actors.unitOfficer()))
      .thenRefused('REJECT_REASON_NOT_ALLOWED');
  });

  it('refuses an officer of another agency', () => {
    given(inStatus('DISPOSED'))
      .when(commands.reject(notOurs, actors.unitOfficer('agency-y')))
      .thenRefused('NOT_CURRENT_ASSIGNEE');
  });

  it('refuses the national admin, who re-disposes instead', () => {
    given(inStatus('DISPOSED')).when(commands.reject(notOurs, actors.nationalAdmin)).thenRefused('ROLE_NOT_ALLOWED');
  });

  it('puts the complaint back to VERIFIED with no assignee and one more bounce', () => {
    const state = foldComplaint(aComplaint().inStatus('DISPOSED').returned().events());
    expect(state).toMatchObject({ status: 'VERIFIED', assigneeAgencyId: null, bounceCount: 1 });
  });
});

describe('the disposition chain', () => {
  it('keeps every agency in order and counts the returns', () => {
    const history = aComplaint()
      .inStatus('DISPOSED')
      .returned()
      .disposedTo('agency-y')
      .accepted()
      .disposedTo('agency-z')
      .events();
    expect(foldComplaint(history)).toMatchObject({
      status: 'DISPOSED',
      assigneeAgencyId: 'agency-z',
      dispositionChain: ['agency-x', 'agency-y', 'agency-z'],
      bounceCount: 1,
    });
  });
});
