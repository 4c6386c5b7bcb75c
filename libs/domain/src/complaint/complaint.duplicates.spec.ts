/** A complaint that repeats another ends as DUPLICATE, linked to the original. */
import { DeciderSpecification } from '../testing/decider-specification';
import {
  ORIGINAL_COMPLAINT_ID,
  aComplaint,
  actors,
  commands,
  complaintDeciderWithin,
  events,
  testOrganisation,
} from '../testing/complaint-builders';
import { complaintDecider, foldComplaint } from './complaint.decider';
import { COMPLAINT_STATUSES, TERMINAL_STATUSES, type ComplaintStatus } from './complaint.values';

const given = DeciderSpecification.for(complaintDecider);
const inStatus = (status: ComplaintStatus) => aComplaint().inStatus(status).events();
const beforeDisposition = { agencyId: null };

describe('MarkDuplicate', () => {
  it.each(['SUBMITTED', 'VERIFIED'] as const)('lets the router mark a %s complaint', (status) => {
    given(inStatus(status))
      .when(commands.markDuplicate({}, actors.nationalAdmin))
      .then([events.markedDuplicate(beforeDisposition)]);
  });

  it('lets the admin of the agency the reporter chose mark it, recording where it was received', () => {
    given(aComplaint().submitted({ targetAgencyId: 'agency-t' }).events())
      .when(commands.markDuplicate({}, actors.agencyAdmin('agency-t')))
      .then([events.markedDuplicate({ ...beforeDisposition, targetAgencyId: 'agency-t' })]);
  });

  it.each(['DISPOSED', 'IN_PROGRESS'] as const)('lets the assignee mark a %s complaint', (status) => {
    given(inStatus(status)).when(commands.markDuplicate()).then([events.markedDuplicate()]);
    given(inStatus(status)).when(commands.markDuplicate({}, actors.agencyAdmin())).then([events.markedDuplicate()]);
  });

  it('lets an officer of a node above the assignee mark it', () => {
    DeciderSpecification.for(complaintDeciderWithin(testOrganisation))(inStatus('IN_PROGRESS'))
      .when(commands.markDuplicate({}, actors.unitOfficer('province-p')))
      .then([events.markedDuplicate()]);
  });

  it('takes no note', () => {
    given(inStatus('IN_PROGRESS'))
      .when(commands.markDuplicate({ note: undefined }))
      .then([events.markedDuplicate({ note: null })]);
  });

  it('ends the complaint as DUPLICATE, linked to the original', () => {
    const state = foldComplaint(aComplaint().inStatus('IN_PROGRESS').markedDuplicate().events());
    expect(state).toMatchObject({ status: 'DUPLICATE', duplicateOf: ORIGINAL_COMPLAINT_ID });
  });

  it('is a terminal status', () => {
    expect(COMPLAINT_STATUSES).toContain('DUPLICATE');
    expect(TERMINAL_STATUSES).toContain('DUPLICATE');
  });

  it.each([
    ['rating', commands.rate({}, actors.reporter())],
    ['reopening', commands.reopen({}, actors.nationalAdmin)],
    ['a leadership review', commands.recordLeadershipReview()],
    ['marking it again', commands.markDuplicate()],
  ])('refuses %s afterwards', (_, command) => {
    given(inStatus('DUPLICATE')).when(command).thenRefused('INVALID_TRANSITION');
  });

  it('refuses a complaint as a duplicate of itself', () => {
    given(inStatus('IN_PROGRESS'))
      .when(commands.markDuplicate({ originalComplaintId: 'complaint-1' }))
      .thenRefused('DUPLICATE_OF_ITSELF');
  });

  it.each(['AWAITING_REPORTER', 'MEDIATION', 'INVESTIGATION', 'RESPONDED', 'CLOSED', 'REJECTED', 'ARCHIVED_INVALID'] as const)(
    'is refused from %s',
    (status) => {
      given(inStatus(status)).when(commands.markDuplicate()).thenRefused('INVALID_TRANSITION');
    },
  );

  it.each([
    ['a unit officer', actors.unitOfficer()],
    ['an agency admin the reporter did not choose', actors.agencyAdmin()],
    ['the reporter', actors.reporter()],
    ['the system', actors.system],
  ])('refuses %s before disposition', (_, actor) => {
    given(inStatus('VERIFIED')).when(commands.markDuplicate({}, actor)).thenRefused('ROLE_NOT_ALLOWED');
  });

  it.each([
    ['the national admin', actors.nationalAdmin],
    ['the reporter', actors.reporter()],
    ['the system', actors.system],
  ])('refuses %s after disposition', (_, actor) => {
    given(inStatus('IN_PROGRESS')).when(commands.markDuplicate({}, actor)).thenRefused('ROLE_NOT_ALLOWED');
  });

  it('refuses an officer of another agency after disposition', () => {
    given(inStatus('DISPOSED'))
      .when(commands.markDuplicate({}, actors.unitOfficer('agency-y')))
      .thenRefused('NOT_CURRENT_ASSIGNEE');
  });
});
