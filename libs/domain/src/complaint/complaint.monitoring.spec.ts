/** Monitoring indicators (komitmen pimpinan, complaint data as policy input): records that never move the complaint. */
import { DeciderSpecification } from '../testing/decider-specification';
import { AGENCY, aComplaint, actors, commands, complaintDeciderWithin, events, testOrganisation } from '../testing/complaint-builders';
import type { Actor } from './actor';
import type { ComplaintCommand } from './complaint.commands';
import { foldComplaint } from './complaint.decider';
import type { ComplaintEvent } from './complaint.events';
import { COMPLAINT_STATUSES, TERMINAL_STATUSES, type ComplaintStatus } from './complaint.values';

const decider = complaintDeciderWithin(testOrganisation);
const given = DeciderSpecification.for(decider);
const inStatus = (status: ComplaintStatus) => aComplaint().inStatus(status).events();
const monitored = [...COMPLAINT_STATUSES.filter((s) => !TERMINAL_STATUSES.includes(s)), 'CLOSED'] as const;

describe.each<[string, (data: object, actor?: Actor) => ComplaintCommand, (data?: object) => ComplaintEvent]>([
  [
    'RecordLeadershipReview',
    (data, actor) => commands.recordLeadershipReview(data, actor),
    (data) => events.leadershipReviewRecorded(data),
  ],
  [
    'LinkPolicyImprovement',
    (data, actor) => commands.linkPolicyImprovement(data, actor),
    (data) => events.policyImprovementLinked(data),
  ],
])('%s', (_, command, recorded) => {
  it.each(monitored)('is recorded by an admin of the agency holding a %s complaint', (status) => {
    // Before disposition the complaint is held by the agency the reporter chose.
    const [, ...rest] = inStatus(status);
    given([events.submitted({ targetAgencyId: AGENCY }), ...rest]).when(command({})).then([recorded()]);
  });

  it('leaves the state as it was, a closed complaint included', () => {
    const history = inStatus('CLOSED');
    const decision = decider.decide(command({}), foldComplaint(history));
    expect(decision.ok && foldComplaint([...history, ...decision.events])).toEqual(foldComplaint(history));
  });

  it('is recorded by an admin of a node above the assignee, for that node', () => {
    given(inStatus('IN_PROGRESS'))
      .when(command({}, actors.agencyAdmin('province-p')))
      .then([recorded({ agencyId: 'province-p' })]);
  });

  it('is recorded by the national admin, for no agency', () => {
    given(inStatus('CLOSED')).when(command({}, actors.nationalAdmin)).then([recorded({ agencyId: null })]);
  });

  it('is recorded before disposition by the admin of the agency the reporter chose', () => {
    given(aComplaint().submitted({ targetAgencyId: 'agency-t' }).events())
      .when(command({}, actors.agencyAdmin('agency-t')))
      .then([recorded({ agencyId: 'agency-t' })]);
  });

  it('is refused to an admin whose subtree does not hold the complaint', () => {
    given(inStatus('IN_PROGRESS')).when(command({}, actors.agencyAdmin('agency-y'))).thenRefused('NOT_CURRENT_ASSIGNEE');
    given(inStatus('IN_PROGRESS')).when(command({}, actors.agencyAdmin('unit-x1'))).thenRefused('NOT_CURRENT_ASSIGNEE');
    given(inStatus('VERIFIED')).when(command({}, actors.agencyAdmin())).thenRefused('NOT_CURRENT_ASSIGNEE');
  });

  it.each([
    ['a unit officer of the assigned agency', actors.unitOfficer()],
    ['the reporter', actors.reporter()],
    ['the system', actors.system],
    ['an inspector', actors.inspector],
    ['an auditor', actors.auditor],
  ])('is refused to %s', (__, actor) => {
    given(inStatus('IN_PROGRESS')).when(command({}, actor)).thenRefused('ROLE_NOT_ALLOWED');
  });

  it.each(['REJECTED', 'ARCHIVED_INVALID', 'DUPLICATE'] as const)('is refused on a %s complaint', (status) => {
    given(inStatus(status)).when(command({}, actors.nationalAdmin)).thenRefused('INVALID_TRANSITION');
  });
});

describe('RecordLeadershipReview', () => {
  it('takes a review of a single complaint, outside any cluster', () => {
    given(inStatus('RESPONDED'))
      .when(commands.recordLeadershipReview({ clusterId: undefined }))
      .then([events.leadershipReviewRecorded({ clusterId: null })]);
  });

  it('takes several reviews of one complaint', () => {
    const history = [...inStatus('IN_PROGRESS'), events.leadershipReviewRecorded()];
    const again = { summary: 'Ditinjau ulang setelah tindak lanjut.', clusterId: null };
    given(history).when(commands.recordLeadershipReview(again)).then([events.leadershipReviewRecorded(again)]);
  });
});
