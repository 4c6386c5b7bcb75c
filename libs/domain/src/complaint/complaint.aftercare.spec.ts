/** After the follow-up: the reporter disputes or rates it, a closed complaint is reopened, the system closes on silence. */
import { DeciderSpecification } from '../testing/decider-specification';
import {
  AT,
  WINDOW_ENDS_AT,
  aComplaint,
  actors,
  commands,
  complaintDeciderWithin,
  events,
  testOrganisation,
} from '../testing/complaint-builders';
import { complaintDecider, foldComplaint } from './complaint.decider';
import { COMPLAINT_STATUSES, TERMINAL_STATUSES, type ComplaintStatus, type Rating } from './complaint.values';

const given = DeciderSpecification.for(complaintDecider);
const inStatus = (status: ComplaintStatus) => aComplaint().inStatus(status);
const responded = () => inStatus('RESPONDED').events();
const closed = () => inStatus('CLOSED').events();
const tracking = actors.tracking();
/** A complaint an officer digitised from a letter: only the tracking secret acts as its reporter. */
const digitised = () =>
  aComplaint().submittedBy(actors.unitOfficer(), { channel: 'letter' }).verified().disposedTo().accepted().responded();
const openStatuses = COMPLAINT_STATUSES.filter((s) => !TERMINAL_STATUSES.includes(s));
const afterWindow = '2025-03-17T02:00:00.001Z';

describe('DisputeFollowUp', () => {
  it('lets the reporter dispute the follow-up within the window', () => {
    given(responded()).when(commands.dispute()).then([events.disputed()]);
  });

  it('sends the complaint back to the same agency, in progress', () => {
    const state = foldComplaint(inStatus('RESPONDED').disputed().events());
    expect(state).toMatchObject({ status: 'IN_PROGRESS', assigneeAgencyId: 'agency-x' });
  });

  it('lets the holder of the tracking secret dispute a complaint an officer digitised', () => {
    given(digitised().events()).when(commands.dispute({}, tracking)).then([events.disputed()]);
  });

  it('is still open at the very end of the window', () => {
    given(responded()).when(commands.dispute({ windowEndsAt: AT })).then([events.disputed({ windowEndsAt: AT })]);
  });

  it('refuses a dispute after the window', () => {
    given(responded()).when(commands.dispute({}, actors.reporter(), afterWindow)).thenRefused('DISPUTE_WINDOW_CLOSED');
  });

  it('compares instants, not strings: a window given in WIB', () => {
    given(responded())
      .when(commands.dispute({ windowEndsAt: '2025-03-03T09:00:00+07:00' }))
      .then([events.disputed({ windowEndsAt: '2025-03-03T09:00:00+07:00' })]);
    given(responded())
      .when(commands.dispute({ windowEndsAt: '2025-03-03T08:59:59+07:00' }))
      .thenRefused('DISPUTE_WINDOW_CLOSED');
  });

  it('treats an unreadable window as closed', () => {
    given(responded()).when(commands.dispute({ windowEndsAt: 'next week' })).thenRefused('DISPUTE_WINDOW_CLOSED');
  });

  it('refuses another reporter, and any reporter account when an officer digitised it', () => {
    given(responded()).when(commands.dispute({}, actors.reporter('reporter-2'))).thenRefused('NOT_THE_REPORTER');
    given(digitised().events()).when(commands.dispute()).thenRefused('NOT_THE_REPORTER');
  });

  it.each([
    ['the national admin', actors.nationalAdmin],
    ['an admin of the assigned agency', actors.agencyAdmin()],
    ['a unit officer of the assigned agency', actors.unitOfficer()],
    ['the system', actors.system],
  ])('refuses %s', (_, actor) => {
    given(responded()).when(commands.dispute({}, actor)).thenRefused('ROLE_NOT_ALLOWED');
  });

  it.each([...openStatuses.filter((s) => s !== 'RESPONDED'), 'CLOSED'] as const)(
    'is refused from %s, even with the window closed',
    (status) => {
      given(inStatus(status).events())
        .when(commands.dispute({}, actors.reporter(), afterWindow))
        .thenRefused('INVALID_TRANSITION');
    },
  );

  it('lets the agency respond again, restarting the no-reply window', () => {
    const again = '2025-03-12T02:00:00.000Z';
    const history = inStatus('RESPONDED').disputed().events();
    given(history).when(commands.respond({}, actors.unitOfficer(), again)).then([events.responded({ at: again })]);
    expect(foldComplaint([...history, events.responded({ at: again })])).toMatchObject({
      status: 'RESPONDED',
      respondedAt: again,
    });
  });
});

describe('RateComplaint', () => {
  it.each(['RESPONDED', 'CLOSED'] as const)('lets the reporter rate a %s complaint', (status) => {
    given(inStatus(status).events()).when(commands.rate()).then([events.rated()]);
  });

  it('leaves the status as it was, closed included', () => {
    expect(foldComplaint(inStatus('CLOSED').rated().events())).toMatchObject({ status: 'CLOSED', rating: 4 });
    expect(foldComplaint(inStatus('RESPONDED').rated().events())).toMatchObject({ status: 'RESPONDED', rating: 4 });
  });

  it('takes a rating without a comment', () => {
    given(responded())
      .when(commands.rate({ rating: 1, comment: undefined }))
      .then([events.rated({ rating: 1, comment: null })]);
  });

  it('lets the reporter rate a complaint the system closed for lack of a reply', () => {
    const history = inStatus('RESPONDED').closed({ reasonCode: 'no_reply' }).events();
    given(history).when(commands.rate({ rating: 2 })).then([events.rated({ rating: 2 })]);
  });

  it('lets the holder of the tracking secret rate', () => {
    given(digitised().events()).when(commands.rate({}, tracking)).then([events.rated()]);
  });

  it.each([1, 2, 3, 4, 5] as const)('takes %i', (rating) => {
    given(closed()).when(commands.rate({ rating })).then([events.rated({ rating })]);
  });

  it.each([0, 6, 3.5, -1, Number.NaN])('refuses %p', (rating) => {
    given(closed())
      .when(commands.rate({ rating: rating as Rating }))
      .thenRefused('RATING_OUT_OF_RANGE');
  });

  it('rates a complaint once: again after closure', () => {
    given(inStatus('RESPONDED').rated().closed().events()).when(commands.rate()).thenRefused('ALREADY_RATED');
  });

  it('rates a complaint once: again after it was reopened and answered anew', () => {
    const history = inStatus('CLOSED').rated().reopened().responded().events();
    given(history).when(commands.rate({ rating: 5 })).thenRefused('ALREADY_RATED');
  });

  it('refuses another reporter, and any reporter account when an officer digitised it', () => {
    given(closed()).when(commands.rate({}, actors.reporter('reporter-2'))).thenRefused('NOT_THE_REPORTER');
    given(digitised().events()).when(commands.rate()).thenRefused('NOT_THE_REPORTER');
  });

  it.each([
    ['the national admin', actors.nationalAdmin],
    ['an admin of the assigned agency', actors.agencyAdmin()],
    ['the system', actors.system],
  ])('refuses %s', (_, actor) => {
    given(closed()).when(commands.rate({}, actor)).thenRefused('ROLE_NOT_ALLOWED');
  });

  it.each([...openStatuses.filter((s) => s !== 'RESPONDED'), 'REJECTED', 'ARCHIVED_INVALID', 'DUPLICATE'] as const)(
    'is refused from %s',
    (status) => {
      given(inStatus(status).events()).when(commands.rate()).thenRefused('INVALID_TRANSITION');
    },
  );
});

describe('ReopenComplaint', () => {
  const givenWithin = DeciderSpecification.for(complaintDeciderWithin(testOrganisation));

  it.each([
    ['the national admin', actors.nationalAdmin],
    ['an admin of the assigned agency', actors.agencyAdmin()],
  ])('lets %s reopen a closed complaint', (_, actor) => {
    given(closed()).when(commands.reopen({}, actor)).then([events.reopened()]);
  });

  it('lets an admin of a node above the assigned agency reopen it', () => {
    givenWithin(closed())
      .when(commands.reopen({}, actors.agencyAdmin('province-p')))
      .then([events.reopened()]);
  });

  it('sends it back to the agency it was disposed to, in progress', () => {
    const state = foldComplaint(inStatus('CLOSED').reopened().events());
    expect(state).toMatchObject({ status: 'IN_PROGRESS', assigneeAgencyId: 'agency-x' });
  });

  it('lets admins reopen whatever window the command carries', () => {
    given(closed())
      .when(commands.reopen({ windowEndsAt: '2025-03-01T00:00:00.000Z' }, actors.nationalAdmin))
      .then([events.reopened()]);
  });

  it('lets the reporter reopen it within the reopen window', () => {
    given(closed())
      .when(commands.reopen({ windowEndsAt: WINDOW_ENDS_AT }, actors.reporter()))
      .then([events.reopened()]);
  });

  it('lets the holder of the tracking secret reopen it within the window', () => {
    given(digitised().closed().events())
      .when(commands.reopen({ windowEndsAt: WINDOW_ENDS_AT }, tracking))
      .then([events.reopened()]);
  });

  it('refuses the reporter after the window, or without one', () => {
    given(closed())
      .when(commands.reopen({ windowEndsAt: WINDOW_ENDS_AT }, actors.reporter(), afterWindow))
      .thenRefused('REOPEN_WINDOW_CLOSED');
    given(closed()).when(commands.reopen({}, actors.reporter())).thenRefused('REOPEN_WINDOW_CLOSED');
  });

  it('refuses another reporter before looking at the window', () => {
    given(closed())
      .when(commands.reopen({ windowEndsAt: WINDOW_ENDS_AT }, actors.reporter('reporter-2'), afterWindow))
      .thenRefused('NOT_THE_REPORTER');
  });

  it('refuses an admin of another agency', () => {
    given(closed()).when(commands.reopen({}, actors.agencyAdmin('agency-y'))).thenRefused('NOT_CURRENT_ASSIGNEE');
  });

  it.each([
    ['a unit officer of the assigned agency', actors.unitOfficer()],
    ['the system', actors.system],
  ])('refuses %s', (_, actor) => {
    given(closed()).when(commands.reopen({}, actor)).thenRefused('ROLE_NOT_ALLOWED');
  });

  it.each([...openStatuses, 'REJECTED', 'ARCHIVED_INVALID', 'DUPLICATE'] as const)('is refused from %s', (status) => {
    given(inStatus(status).events()).when(commands.reopen()).thenRefused('INVALID_TRANSITION');
  });

  it('runs the complaint through a new follow-up to a new closure', () => {
    const history = inStatus('CLOSED').reopened().events();
    given(history).when(commands.respond()).then([events.responded()]);
    given([...history, events.responded()]).when(commands.close()).then([events.closed()]);
  });
});

describe('automatic closure', () => {
  const noReply = { reasonCode: 'no_reply', note: 'Tidak ada tanggapan 10 hari kerja.' } as const;

  it('is the ordinary ComplaintClosed with reason no_reply, and nothing else', () => {
    given(responded()).when(commands.close(noReply, actors.system)).then([events.closed(noReply)]);
  });

  it('can be undone by the reporter within the reopen window', () => {
    given(inStatus('RESPONDED').closed(noReply).events())
      .when(commands.reopen({ windowEndsAt: WINDOW_ENDS_AT }, actors.reporter()))
      .then([events.reopened()]);
  });
});
