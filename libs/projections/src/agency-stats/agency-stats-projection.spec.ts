import type { Actor, ComplaintEvent } from '@lacak/domain';
import { AGENCY, actors, events, OTHER_AGENCY, PARENT_AGENCY, testOrganisation } from '@lacak/domain/testing';
import { actorFor, recorded } from '../testing/complaint-history';
import { AgencyStatsProjection, type AgencyCounter, type AgencyStatsDocument, zeroCounters } from './agency-stats-projection';

const projection = new AgencyStatsProjection(testOrganisation);
const record = (event: ComplaintEvent, actor: Actor = actorFor(event)) => recorded([event], 7, () => actor)[0];

describe('AgencyStatsProjection', () => {
  it.each<[string, ComplaintEvent, Actor | undefined, string, AgencyCounter]>([
    ['a submission without a chosen agency to the national root', events.submitted(), undefined, 'national', 'received'],
    ['a submission to the chosen agency', events.submitted({ targetAgencyId: OTHER_AGENCY }), undefined, OTHER_AGENCY, 'received'],
    ['a verification to the verifying node', events.verified(), actors.agencyAdmin(PARENT_AGENCY), PARENT_AGENCY, 'verified'],
    ['a verification by an actor outside the tree to the root', events.verified(), actors.system, 'national', 'verified'],
    ['a disposition to the receiving agency, not the router', events.disposed(), actors.nationalAdmin, AGENCY, 'disposed'],
    ['a return to the returning agency', events.returned(), undefined, AGENCY, 'returned'],
    ['a rejection by the router to its node', events.rejected(), actors.nationalAdmin, 'national', 'rejected'],
    ['a rejection on behalf of an agency to that agency', events.rejected({ agencyId: OTHER_AGENCY }), actors.nationalAdmin, OTHER_AGENCY, 'rejected'],
    ['an archival to the archiving node', events.archived(), actors.agencyAdmin(OTHER_AGENCY), OTHER_AGENCY, 'archived'],
    ['a follow-up to the assignee', events.responded(), undefined, AGENCY, 'responded'],
    ['a closure by the reporter to the assignee', events.closed(), actors.reporter(), AGENCY, 'closed'],
  ])('counts %s', (_case, event, actor, agencyId, counter) => {
    const recordedEvent = record(event, actor);
    expect(projection.documentId(recordedEvent)).toBe(agencyId);
    expect(projection.evolve(null, recordedEvent)).toEqual({ _id: agencyId, ...zeroCounters(), [counter]: 1 });
  });

  it.each([events.accepted(), events.clarificationRequested(), events.mediationStarted(), events.findingsRecorded()])(
    'counts nothing for $type',
    (event) => expect(projection.documentId(record(event))).toBeNull(),
  );

  it('adds to the counters already there and touches no other', () => {
    const stored: AgencyStatsDocument = { _id: AGENCY, ...zeroCounters(), disposed: 4, responded: 2, lastPosition: 3 };
    expect(projection.evolve(stored, record(events.responded()))).toEqual({ ...stored, responded: 3 });
  });
});
