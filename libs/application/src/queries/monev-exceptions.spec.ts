import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '@lacak/domain';
import { AGENCY, OTHER_AGENCY, PARENT_AGENCY, testOrganisation } from '@lacak/domain/testing';
import { COMPLAINTS_COLLECTION, type ComplaintDocument, ComplaintProjection, EXCEPTION_SINCE_FIELDS } from '@lacak/projections';
import { SqliteReadStore } from '@lacak/read-store';
import { ListOverdueActions } from '../evaluations/evaluation-queries';
import { ListMonevExceptions, type MonevExceptionKind, decodeExceptionCursor } from './monev-exceptions';
import { QueryRefusedError } from './query-access';

const NOW = '2025-03-10T02:00:00.000Z';
/** A follow-up deadline falls due at the end of a local day (WIB): 3 March. */
const FOLLOW_UP_DUE = '2025-03-03T16:59:59.999Z';
const projection = new ComplaintProjection(testOrganisation);

/** A complaint held by `holder` as the complaints projection stores it, exception fields completed by the projection itself. */
function complaint(id: string, holder: string | null, fields: Partial<ComplaintDocument> = {}): ComplaintDocument {
  const currentAgencyId = holder ?? 'national';
  const draft = {
    _id: id,
    trackingId: `LPR-${id.toUpperCase()}`,
    title: `Keluhan ${id}`,
    description: 'Diminta biaya tambahan.',
    channel: 'web',
    category: 'kesehatan',
    location: null,
    incidentDate: null,
    status: 'IN_PROGRESS',
    classification: 'pengaduan',
    slaClass: 'ordinary',
    confidential: false,
    anonymous: false,
    hasReporterIdentity: true,
    reporterAccountId: 'warga-1',
    targetAgencyId: holder,
    assigneeAgencyId: holder,
    currentAgencyId,
    agencyPath: testOrganisation.pathTo(currentAgencyId),
    submittedAt: '2025-02-24T02:00:00.000Z',
    updatedAt: '2025-03-09T02:00:00.000Z',
    revision: 3,
    dispositions: [],
    bounceCount: 0,
    returns: [],
    clarifications: [],
    mediation: null,
    investigation: null,
    followUps: [],
    rejection: null,
    archival: null,
    closure: null,
    disputes: [],
    overdue: [],
    escalations: [],
    ombudsmanReferral: null,
    searchText: id,
    ...fields,
  } as ComplaintDocument;
  return { ...projection.complete(draft), lastPosition: 1 } as ComplaintDocument;
}

const followUp = { agencyId: AGENCY, followUp: 'Biaya dikembalikan.', at: '2025-03-05T02:00:00.000Z' };
const escalation = (at: string, fromAgencyId = AGENCY) => ({ fromAgencyId, toAgencyId: PARENT_AGENCY, reason: 'deadline' as const, at });

const DOCUMENTS = [
  complaint('overdue', AGENCY, { overdue: [{ clock: 'followUp', dueAt: FOLLOW_UP_DUE, at: '2025-03-04T00:00:00.000Z' }] }),
  // Followed up late, verified late, or closed: overdue, but not without follow-up, or no longer open.
  complaint('late-follow-up', AGENCY, { status: 'RESPONDED', followUps: [followUp], overdue: [{ clock: 'resolution', dueAt: FOLLOW_UP_DUE, at: NOW }] }),
  complaint('late-verification', null, { status: 'VERIFIED', overdue: [{ clock: 'verification', dueAt: FOLLOW_UP_DUE, at: NOW }] }),
  complaint('overdue-closed', AGENCY, { status: 'CLOSED', overdue: [{ clock: 'followUp', dueAt: FOLLOW_UP_DUE, at: NOW }] }),
  complaint('escalated', AGENCY, { escalations: [escalation('2025-03-06T02:00:00.000Z'), escalation('2025-03-08T02:00:00.000Z')] }),
  // Escalated at 23:30 WIB on 9 March, 01:30 WIT on 10 March: a day old in Jakarta, none in Jayapura.
  complaint('escalated-elsewhere', OTHER_AGENCY, { escalations: [escalation('2025-03-09T16:30:00.000Z', OTHER_AGENCY)] }),
  complaint('escalated-rahasia', AGENCY, { confidential: true, escalations: [escalation('2025-03-07T02:00:00.000Z')] }),
  complaint('escalated-rejected', AGENCY, { status: 'REJECTED', escalations: [escalation('2025-03-01T02:00:00.000Z')] }),
  // Returned by the agency the router disposed it to: back with the router (national) until disposed again.
  complaint('bouncing', null, {
    status: 'VERIFIED',
    bounceCount: 2,
    returns: [
      { agencyId: AGENCY, reasonCode: 'not_our_authority', at: '2025-03-02T02:00:00.000Z' },
      { agencyId: OTHER_AGENCY, reasonCode: 'not_our_authority', at: '2025-03-04T02:00:00.000Z' },
    ],
  }),
  complaint('bounced-then-handled', AGENCY, { bounceCount: 1, returns: [{ agencyId: OTHER_AGENCY, reasonCode: 'not_our_authority', at: '2025-03-01T02:00:00.000Z' }] }),
  complaint('disputed', AGENCY, { followUps: [followUp], disputes: [{ agencyId: AGENCY, reason: 'Belum ada perbaikan.', at: '2025-03-07T02:00:00.000Z' }] }),
  complaint('disputed-closed', AGENCY, {
    status: 'CLOSED',
    followUps: [followUp],
    disputes: [{ agencyId: AGENCY, reason: 'Belum ada perbaikan.', at: '2025-03-07T02:00:00.000Z' }],
  }),
  // The Ombudsman's examination goes on after the agency closed the complaint.
  complaint('ombudsman', AGENCY, { status: 'CLOSED', followUps: [followUp], ombudsmanReferral: { reason: 'Tidak selesai 60 hari.', at: '2025-03-08T02:00:00.000Z' } }),
  complaint('quiet', AGENCY),
];

const actor = (role: Actor['role'], agencyId: string | null): Actor => ({ id: `${role}-1`, role, agencyId });
const nationalAdmin = actor('national_admin', 'national');
const agencyAdmin = actor('agency_admin', AGENCY);
const inspector = actor('apip_inspector', PARENT_AGENCY);

describe('Monev exceptions: the complaints a coordinator acts on, per subtree', () => {
  let dir: string;
  let readStore: SqliteReadStore;
  let exceptions: ListMonevExceptions;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lacak-monev-'));
    readStore = SqliteReadStore.open({ file: join(dir, 'read-models.db') });
    const complaints = readStore.collection<ComplaintDocument>(COMPLAINTS_COLLECTION);
    await complaints.bulkWrite(DOCUMENTS.map((document) => ({ insertOne: { document } })));
    for (const index of projection.indexes) await complaints.createIndex(index);
    const reads = {
      readStore,
      tree: testOrganisation,
      deadlines: { zoneOf: (agencyId: string | null) => (agencyId === OTHER_AGENCY ? ('Asia/Jayapura' as const) : ('Asia/Jakarta' as const)) },
      now: () => new Date(NOW),
    };
    // No evaluations here: the overdue action-plan items themselves are covered over HTTP (test/http/evaluations.e2e.spec.ts).
    exceptions = new ListMonevExceptions({ ...reads, overdueActions: new ListOverdueActions(reads) });
  });
  afterAll(async () => {
    await readStore.close();
    await rm(dir, { recursive: true, force: true });
  });

  const ids = (list: { items: { complaintId: string }[] }) => list.items.map((item) => item.complaintId);

  it('lists each kind of the national root oldest first, with the instant that made it one', async () => {
    const overview = (await exceptions.overview(nationalAdmin, 'national'))!;
    expect(overview.asOf).toBe(NOW);
    expect(overview.node).toMatchObject({ id: 'national', name: 'National' });
    const { 'overdue-action-items': overdueActions, ...complaintKinds } = overview.kinds;
    expect(overdueActions).toEqual({ count: 0, items: [] });
    const listed = Object.fromEntries(Object.entries(complaintKinds).map(([kind, list]) => [kind, { count: list.count, ids: ids(list) }]));
    expect(listed).toEqual({
      'no-follow-up-overdue': { count: 1, ids: ['overdue'] },
      escalated: { count: 3, ids: ['escalated', 'escalated-rahasia', 'escalated-elsewhere'] },
      bouncing: { count: 2, ids: ['bounced-then-handled', 'bouncing'] },
      disputed: { count: 1, ids: ['disputed'] },
      ombudsman: { count: 1, ids: ['ombudsman'] },
    });
    expect(overview.kinds['no-follow-up-overdue'].items[0]).toEqual({
      complaintId: 'overdue',
      trackingId: 'LPR-OVERDUE',
      title: 'Keluhan overdue',
      status: 'IN_PROGRESS',
      agency: { id: AGENCY, name: 'Dinas X' },
      since: FOLLOW_UP_DUE,
      ageDays: 7,
    });
    // The first escalation and the first return make the complaint one, not the latest.
    expect(overview.kinds.escalated.items[0].since).toBe('2025-03-06T02:00:00.000Z');
    expect(overview.kinds.bouncing.items[1]).toMatchObject({ since: '2025-03-02T02:00:00.000Z', agency: { id: 'national', name: 'National' } });
  });

  it('counts age in calendar days of the holding agency’s zone', async () => {
    const escalated = (await exceptions.page(nationalAdmin, 'national', 'escalated'))!;
    const age = Object.fromEntries(escalated.items.map((item) => [item.complaintId, item.ageDays]));
    expect(age).toEqual({ escalated: 4, 'escalated-rahasia': 3, 'escalated-elsewhere': 0 });
  });

  it('keeps to the node’s subtree', async () => {
    const agency = (await exceptions.overview(agencyAdmin, AGENCY))!;
    expect(ids(agency.kinds.escalated)).toEqual(['escalated', 'escalated-rahasia']);
    expect(agency.kinds.bouncing).toMatchObject({ count: 1, items: [{ complaintId: 'bounced-then-handled' }] });
    const other = (await exceptions.overview(nationalAdmin, OTHER_AGENCY))!;
    expect(Object.values(other.kinds).map((list) => list.count)).toEqual([0, 1, 0, 0, 0, 0]);
    const officer = (await exceptions.page(actor('unit_officer', AGENCY), AGENCY, 'disputed'))!;
    expect(ids(officer)).toEqual(['disputed']);
  });

  it('leaves the overdue action-plan items out for a role that may not list them, and refuses them asked for alone', async () => {
    const officer = actor('unit_officer', AGENCY);
    const overview = (await exceptions.overview(officer, AGENCY))!;
    expect(Object.keys(overview.kinds)).toEqual(['no-follow-up-overdue', 'escalated', 'bouncing', 'disputed', 'ombudsman']);
    await expect(exceptions.overdueActionPage(officer, AGENCY)).rejects.toBeInstanceOf(QueryRefusedError);
    expect(await exceptions.overdueActionPage(agencyAdmin, AGENCY)).toMatchObject({ kind: 'overdue-action-items', count: 0, items: [] });
  });

  it('answers null for a node outside the reader’s subtree or unknown, and refuses roles the matrix leaves out', async () => {
    expect(await exceptions.overview(agencyAdmin, PARENT_AGENCY)).toBeNull();
    expect(await exceptions.overview(agencyAdmin, OTHER_AGENCY)).toBeNull();
    expect(await exceptions.page(agencyAdmin, 'agency-z', 'escalated')).toBeNull();
    await expect(exceptions.overview(actor('reporter', null), AGENCY)).rejects.toBeInstanceOf(QueryRefusedError);
    await expect(exceptions.overview(actor('system', null), 'national')).rejects.toBeInstanceOf(QueryRefusedError);
  });

  it('counts rahasia and anonim complaints for an inspector but never lists them', async () => {
    const escalated = (await exceptions.page(inspector, PARENT_AGENCY, 'escalated'))!;
    expect({ count: escalated.count, ids: ids(escalated) }).toEqual({ count: 3, ids: ['escalated', 'escalated-elsewhere'] });
    const auditor = (await exceptions.page(actor('auditor', PARENT_AGENCY), PARENT_AGENCY, 'escalated'))!;
    expect(ids(auditor)).toEqual(['escalated', 'escalated-rahasia', 'escalated-elsewhere']);
  });

  it('pages one kind with a cursor, oldest first, to the end', async () => {
    const seen: string[] = [];
    let page = (await exceptions.page(nationalAdmin, 'national', 'escalated', 1))!;
    seen.push(...ids(page));
    while (page.nextCursor) {
      page = (await exceptions.page(nationalAdmin, 'national', 'escalated', 1, decodeExceptionCursor(page.nextCursor)!))!;
      seen.push(...ids(page));
    }
    expect(seen).toEqual(['escalated', 'escalated-rahasia', 'escalated-elsewhere']);
    expect(page.count).toBe(3);
  });

  describe('on the embedded read store', () => {
    const complaints = () => readStore.collection<ComplaintDocument>(COMPLAINTS_COLLECTION);
    const KINDS = Object.entries(EXCEPTION_SINCE_FIELDS) as [MonevExceptionKind, string][];

    it.each(KINDS)('counts %s in a subtree from the multikey side table and its index alone', (_kind, field) => {
      const plan = complaints().explain({ agencyPath: PARENT_AGENCY, [field]: { $gt: '' } }, { count: true }).join('\n');
      expect(plan).toMatch(/multikey USING PRIMARY KEY \(k0=\? AND k1>\? AND k1<\?\)/);
      expect(plan).not.toMatch(/SCAN c_|json_each/);
    });

    it.each(KINDS)('counts and pages %s at the national root through its own index', (_kind, field) => {
      const count = complaints().explain({ [field]: { $gt: '' } }, { count: true }).join('\n');
      expect(count).toMatch(/SEARCH c_complaints USING COVERING INDEX c_complaints\.exception_/);
      const page = complaints().explain({ [field]: { $gt: '' } }, { sort: { [field]: 1, _id: 1 }, limit: 11 }).join('\n');
      // In the index's order; only ties of the instant are ordered by id after it.
      expect(page).toMatch(/SEARCH c_complaints USING INDEX c_complaints\.exception_/);
      expect(page).not.toMatch(/SCAN c_complaints|TEMP B-TREE FOR ORDER BY/);
    });

    it('reads a subtree’s page along the side table, in order', () => {
      const field = EXCEPTION_SINCE_FIELDS.escalated;
      const plan = complaints()
        .explain({ agencyPath: PARENT_AGENCY, confidential: false, anonymous: false, [field]: { $gt: '' } }, { sort: { [field]: 1, _id: 1 }, limit: 11 })
        .join('\n');
      // The side table (`s`) from the kind's first instant in (instant, id) order, each complaint found by rowid; the few holding the node as a scalar through the kind's index.
      expect(plan).toMatch(/MERGE \(UNION ALL\)[\s\S]*SEARCH s USING PRIMARY KEY \(k0=\? AND k1>\? AND k1<\?\)[\s\S]*USING INDEX c_complaints\.exception_escalated_agency/);
      expect(plan).not.toMatch(/SCAN c_complaints\b/);
    });
  });
});
