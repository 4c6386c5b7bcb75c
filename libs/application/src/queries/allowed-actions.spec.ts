import { COMPLAINT_STATUSES, type ComplaintEvent, foldComplaint } from '@lacak/domain';
import { OTHER_AGENCY, aComplaint, actors, testOrganisation } from '@lacak/domain/testing';
import { ComplaintProjection } from '@lacak/projections';
import { foldInMemory, recorded } from '@lacak/projections/testing';
import { decisionStateOf } from './allowed-actions';

const projection = new ComplaintProjection(testOrganisation);
const projected = (history: ComplaintEvent[]) => foldInMemory(projection, recorded(history))[0]!;

/** The fields of the decider's state the detail document does not carry. */
const decided = (history: ComplaintEvent[]) => ({ ...foldComplaint(history), reporterRef: null });

describe('The decider state read off the detail document', () => {
  const histories: [string, ComplaintEvent[]][] = [
    ...COMPLAINT_STATUSES.map((status): [string, ComplaintEvent[]] => [status, aComplaint().inStatus(status).events()]),
    ['a question to the respondent open', aComplaint().inStatus('IN_PROGRESS').clarificationRequested({ party: 'respondent' }).events()],
    ['a question to the reporter answered', aComplaint().inStatus('AWAITING_REPORTER').clarificationAnswered().events()],
    ['a return and a re-disposition', aComplaint().inStatus('DISPOSED').returned().disposedTo(OTHER_AGENCY).events()],
    ['a follow-up marked normative, then closed and rated', aComplaint().inStatus('RESPONDED').markedNormative().closed().rated().events()],
    ['disputed, then responded again', aComplaint().inStatus('RESPONDED').disputed().responded().events()],
    ['reopened after closure', aComplaint().inStatus('CLOSED').reopened().events()],
    ['overdue, escalated and referred', aComplaint().inStatus('IN_PROGRESS').deadlineMissed().escalated().referredToOmbudsman().events()],
    ['submitted by an account', aComplaint().submittedBy(actors.reporter()).events()],
  ];

  it.each(histories)('given %s, then it is the state the stream folds to', (_name, history) => {
    expect(decisionStateOf(projected(history))).toEqual(decided(history));
  });
});
