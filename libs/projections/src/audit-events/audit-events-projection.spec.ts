import { AGENCY, PARENT_AGENCY, actors, aComplaint, testOrganisation } from '@lacak/domain/testing';
import { AuditTrailProjection } from '../audit-trail/audit-trail-projection';
import { recorded } from '../testing/complaint-history';
import { foldInMemory } from '../testing/fold';
import { AuditEventsProjection } from './audit-events-projection';

const projection = new AuditEventsProjection(testOrganisation);
const byRevision = <D extends { revision: number }>(documents: D[]) => documents.sort((a, b) => a.revision - b.revision);

describe('AuditEventsProjection', () => {
  it('holds the audit trail’s entries, each filed under the path of the agency that acted', () => {
    const history = recorded(aComplaint().inStatus('IN_PROGRESS').events());
    const entries = byRevision(foldInMemory(projection, history));
    const trail = byRevision(foldInMemory(new AuditTrailProjection(testOrganisation), history));
    expect(entries.map(({ actorAgencyPath: _path, ...entry }) => entry)).toEqual(trail);
    expect(entries.map((e) => [e.type, e.actorAgencyPath])).toEqual([
      ['ComplaintSubmitted', []],
      ['ComplaintVerified', ['national']],
      ['ComplaintDisposed', ['national']],
      ['DispositionAccepted', ['national', PARENT_AGENCY, AGENCY]],
    ]);
  });

  it('never stores a reporter’s account: the role only, filed under no agency', () => {
    const [submitted] = foldInMemory(projection, recorded(aComplaint().submitted().events()));
    expect(submitted).toMatchObject({ actor: { id: null, role: 'reporter', agencyId: null }, actorAgencyPath: [] });
    expect(JSON.stringify(submitted)).not.toContain(actors.reporter().id);
  });

  it('files an agency missing from the tree under the root, and leaves an entry as it is when its event comes again', () => {
    const history = recorded(aComplaint().submitted().verified().disposedTo().events(), 1, () => actors.unitOfficer('agency-gone'));
    const entries = foldInMemory(projection, history);
    expect(entries.every((e) => JSON.stringify(e.actorAgencyPath) === JSON.stringify(['national', 'agency-gone']))).toBe(true);
    expect(projection.evolve(entries[0], history[1])).toBe(entries[0]);
  });
});
