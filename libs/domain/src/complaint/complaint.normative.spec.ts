/** Normative answers (jawaban normatif): a follow-up judged a promise without substance, by a verifier or the reporter's dispute. */
import { DeciderSpecification } from '../testing/decider-specification';
import {
  AGENCY,
  OTHER_AGENCY,
  PARENT_AGENCY,
  aComplaint,
  actors,
  commands,
  complaintDeciderWithin,
  events,
  testOrganisation,
} from '../testing/complaint-builders';
import type { Actor } from './actor';
import { foldComplaint } from './complaint.decider';
import type { ComplaintStatus } from './complaint.values';

const given = DeciderSpecification.for(complaintDeciderWithin(testOrganisation));
const inStatus = (status: ComplaintStatus) => aComplaint().inStatus(status);
const LATER = '2025-03-10T02:00:00.000Z';
const inspector = (agencyId: string): Actor => ({ id: `inspector-${agencyId}`, role: 'apip_inspector', agencyId });

describe('MarkFollowUpNormative', () => {
  it.each(['RESPONDED', 'CLOSED'] as const)('lets the national admin mark the follow-up of a %s complaint', (status) => {
    given(inStatus(status).events()).when(commands.markFollowUpNormative()).then([events.followUpMarkedNormative()]);
  });

  it('marks the follow-up a dispute sent back to handling, naming when it was given', () => {
    given(inStatus('RESPONDED').disputed().events())
      .when(commands.markFollowUpNormative({}, actors.nationalAdmin, LATER))
      .then([events.followUpMarkedNormative({ at: LATER })]);
  });

  it('marks the latest follow-up, for the agency that gave it, after a re-disposition elsewhere', () => {
    const history = inStatus('RESPONDED').disputed().disposedTo(OTHER_AGENCY).events();
    given(history).when(commands.markFollowUpNormative({}, actors.nationalAdmin, LATER)).then([
      events.followUpMarkedNormative({ agencyId: AGENCY, at: LATER }),
    ]);
  });

  it('lets an admin or an APIP inspector whose subtree holds the complaint mark it, for the agency that answered', () => {
    for (const verifier of [actors.agencyAdmin(PARENT_AGENCY), inspector(PARENT_AGENCY), actors.agencyAdmin()]) {
      given(inStatus('RESPONDED').events()).when(commands.markFollowUpNormative({}, verifier)).then([events.followUpMarkedNormative()]);
    }
  });

  it('marks a later follow-up once the earlier one was marked', () => {
    const history = inStatus('RESPONDED').markedNormative().disputed().responded({ at: LATER }).events();
    given(history)
      .when(commands.markFollowUpNormative({}, actors.nationalAdmin, LATER))
      .then([events.followUpMarkedNormative({ followUpAt: LATER, at: LATER })]);
  });

  it('is refused before any follow-up, naming that there is none', () => {
    for (const status of ['SUBMITTED', 'VERIFIED', 'DISPOSED', 'IN_PROGRESS', 'MEDIATION', 'INVESTIGATION', 'AWAITING_REPORTER'] as const) {
      given(inStatus(status).events()).when(commands.markFollowUpNormative()).thenRefused('NO_FOLLOW_UP');
    }
  });

  it('is refused when the latest follow-up is already marked, by a verifier or by the reporter', () => {
    given(inStatus('RESPONDED').markedNormative().events()).when(commands.markFollowUpNormative()).thenRefused('FOLLOW_UP_ALREADY_NORMATIVE');
    given(inStatus('RESPONDED').markedNormative({ markedBy: 'reporter' }).disputed().events())
      .when(commands.markFollowUpNormative())
      .thenRefused('FOLLOW_UP_ALREADY_NORMATIVE');
  });

  it('is refused to a verifier whose subtree does not hold the complaint', () => {
    given(inStatus('RESPONDED').events()).when(commands.markFollowUpNormative({}, actors.agencyAdmin(OTHER_AGENCY))).thenRefused('NOT_CURRENT_ASSIGNEE');
    given(inStatus('RESPONDED').events()).when(commands.markFollowUpNormative({}, inspector('agency-t'))).thenRefused('NOT_CURRENT_ASSIGNEE');
  });

  it.each([
    ['a unit officer of the agency that answered', actors.unitOfficer()],
    ['the reporter, who disputes instead', actors.reporter()],
    ['an auditor', actors.auditor],
    ['the system', actors.system],
  ])('is refused to %s', (_, actor) => {
    given(inStatus('RESPONDED').events()).when(commands.markFollowUpNormative({}, actor)).thenRefused('ROLE_NOT_ALLOWED');
  });

  it('is refused on a complaint that ended without closure', () => {
    const archivedAfterFollowUp = inStatus('RESPONDED').disputed().clarificationRequested().clarificationExpired().events();
    given(archivedAfterFollowUp).when(commands.markFollowUpNormative()).thenRefused('INVALID_TRANSITION');
  });

  it('leaves the status where it was and remembers the follow-up as marked', () => {
    const before = foldComplaint(inStatus('RESPONDED').events());
    const after = foldComplaint(inStatus('RESPONDED').markedNormative().events());
    expect(after).toEqual({ ...before, latestFollowUp: { agencyId: AGENCY, at: before.respondedAt, normative: true } });
  });
});

describe('DisputeFollowUp as normative', () => {
  it('records the dispute, then the reporter’s mark of the follow-up, in one decision', () => {
    given(inStatus('RESPONDED').events())
      .when(commands.dispute({ normative: true }))
      .then([events.disputed(), events.followUpMarkedNormative({ markedBy: 'reporter', reason: events.disputed().data.reason })]);
  });

  it('records only the dispute when the reporter does not call it normative', () => {
    given(inStatus('RESPONDED').events()).when(commands.dispute({ normative: false })).then([events.disputed()]);
  });

  it('keeps the one mark a verifier already gave the follow-up, and still records the dispute', () => {
    given(inStatus('RESPONDED').markedNormative().events()).when(commands.dispute({ normative: true })).then([events.disputed()]);
  });

  it('marks nothing when the dispute itself is refused', () => {
    given(inStatus('RESPONDED').events())
      .when(commands.dispute({ normative: true }, actors.reporter(), '2025-03-17T02:00:00.001Z'))
      .thenRefused('DISPUTE_WINDOW_CLOSED');
  });
});
