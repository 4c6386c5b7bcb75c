import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '@lacak/domain';
import { type DeadlineContext, loadPolicyBook, loadWorkingDayCalendar } from '@lacak/deadlines';
import { AUDIT_TRAIL_COLLECTION, type AuditEntryDocument, COMPLAINTS_COLLECTION, type ComplaintDocument } from '@lacak/projections';
import { SqliteReadStore } from '@lacak/read-store';
import { AGENCY, PARENT_AGENCY, testOrganisation } from '@lacak/domain/testing';
import { ExportComplaints, GetComplaint, GetComplaintHistory, ListComplaints, type ComplaintReadContext, type ComplaintView } from './complaint-queries';
import { ListPublicComplaints } from './public-queries';
import { QueryRefusedError } from './query-access';
import type { ReporterComplaintView } from './reporter-view';

const REPORTER = 'warga-1';
const SUMMARY = 'Kepala puskesmas terbukti memungut biaya';

/** A complaint as the complaints projection stores it, held by AGENCY: only the fields the queries read vary. */
const complaint = (id: string, fields: Partial<ComplaintDocument> = {}): ComplaintDocument => ({
  _id: id,
  lastPosition: '1',
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
  hasReporterIdentity: false,
  reporterAccountId: REPORTER,
  targetAgencyId: AGENCY,
  assigneeAgencyId: AGENCY,
  currentAgencyId: AGENCY,
  agencyPath: testOrganisation.pathTo(AGENCY),
  submittedAt: `2025-03-0${id.length % 9}T02:00:00.000Z`,
  updatedAt: '2025-03-10T02:00:00.000Z',
  revision: 3,
  dispositions: [],
  bounceCount: 0,
  clarifications: [],
  mediation: null,
  investigation: { openedAt: '2025-03-05T02:00:00.000Z', reason: 'Dugaan pungli', conclusion: 'irregularity_found', summary: SUMMARY, closedAt: '2025-03-06T02:00:00.000Z' },
  followUps: [{ agencyId: AGENCY, followUp: 'Biaya dikembalikan.', at: '2025-03-07T02:00:00.000Z' }],
  rejection: null,
  archival: null,
  closure: null,
  searchText: id,
  ...fields,
}) as ComplaintDocument;

const actor = (role: Actor['role'], agencyId: string | null, id = `${role}-1`): Actor => ({ id, role, agencyId });
const inspector = actor('apip_inspector', PARENT_AGENCY);
const agencyAdmin = actor('agency_admin', AGENCY);
const reporter = actor('reporter', null, REPORTER);

describe('Query use cases: scope and visibility per role', () => {
  let dir: string;
  let readStore: SqliteReadStore;
  let context: ComplaintReadContext;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lacak-queries-'));
    readStore = SqliteReadStore.open({ file: join(dir, 'read-models.db') });
    await readStore.collection<ComplaintDocument>(COMPLAINTS_COLLECTION).bulkWrite(
      [
        complaint('normal'),
        complaint('rahasia', { confidential: true, reporterAccountId: 'warga-2' }),
        complaint('anonim', { anonymous: true, reporterAccountId: null }),
        complaint('unverified', { status: 'SUBMITTED', classification: null }),
        complaint('rejected', { status: 'REJECTED' }),
      ].map((document) => ({ insertOne: { document } })),
    );
    // No complaint here has running clocks; the policies give the reporter's windows for the allowed actions.
    const policies = loadPolicyBook();
    const deadlines: DeadlineContext = {
      policies,
      calendar: loadWorkingDayCalendar(),
      tree: testOrganisation,
      zoneOf: () => 'Asia/Jakarta',
      policyFor: (version, submittedAt) => (version ? policies.byVersion(version) : policies.inForce(submittedAt)),
    };
    context = { readStore, scope: testOrganisation, deadlines, now: () => new Date('2025-03-10T02:00:00.000Z') };
  });
  afterAll(async () => {
    await readStore?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const listed = async (reader: Actor) =>
    (await new ListComplaints(context).run(reader, {}, { page: 1, pageSize: 20, sort: 'oldest' })).items.map((item) => item.id).sort();

  it('never gives an inspector a rahasia or anonim complaint, in the queue, the detail, the history or the export', async () => {
    expect(await listed(inspector)).toEqual(['normal', 'rejected', 'unverified']);
    expect(await listed(agencyAdmin)).toEqual(['anonim', 'normal', 'rahasia', 'rejected', 'unverified']);
    for (const sealed of ['rahasia', 'anonim']) {
      expect(await new GetComplaint(context).run(inspector, sealed)).toBeNull();
      expect(await new GetComplaintHistory(context).run(inspector, sealed)).toBeNull();
    }
    expect((await new ExportComplaints(context).run(inspector, {})).map((row) => row._id).sort()).toEqual(['normal', 'rejected', 'unverified']);
  });

  it('withholds the findings summary from the agency but not from the inspectorate', async () => {
    const seenBy = async (reader: Actor) => ((await new GetComplaint(context).run(reader, 'normal')) as ComplaintView).investigation;
    expect(await seenBy(agencyAdmin)).toMatchObject({ conclusion: 'irregularity_found', summary: null });
    expect(await seenBy(inspector)).toMatchObject({ conclusion: 'irregularity_found', summary: SUMMARY });
  });

  it('gives a reporter only their own complaints, in the reporter’s view without internal notes', async () => {
    expect(await listed(reporter)).toEqual(['normal', 'rejected', 'unverified']);
    const own = (await new GetComplaint(context).run(reporter, 'normal')) as ReporterComplaintView;
    expect(own).toMatchObject({ id: 'normal', findings: { conclusion: 'irregularity_found' }, followUps: [{ followUp: 'Biaya dikembalikan.' }] });
    expect(JSON.stringify(own)).not.toContain(SUMMARY);
    expect(await new GetComplaint(context).run(reporter, 'rahasia')).toBeNull();
  });

  it('gives each history entry its Indonesian summary, and null for one projected before it was kept', async () => {
    const entry = (revision: number, summaries: Pick<AuditEntryDocument, 'summary' | 'summaryInIndonesian'>): AuditEntryDocument => ({
      _id: `event-${revision}`,
      lastPosition: revision + 1,
      complaintId: 'normal',
      revision,
      type: 'ComplaintDisposed',
      actor: { id: 'admin-national', role: 'national_admin', agencyId: 'national' },
      occurredAt: '2025-03-03T02:00:00.000Z',
      recordedAt: '2025-03-03T02:00:00.000Z',
      correlationId: `correlation-${revision}`,
      ...summaries,
    });
    await readStore.collection<AuditEntryDocument>(AUDIT_TRAIL_COLLECTION).bulkWrite(
      [
        entry(0, { summary: 'Disposed to Dinas X' }),
        entry(1, { summary: 'Re-disposed from Dinas X to Dinas Y', summaryInIndonesian: 'Didisposisikan ulang dari Dinas X ke Dinas Y' }),
      ].map((document) => ({ insertOne: { document } })),
    );
    const history = await new GetComplaintHistory(context).run(agencyAdmin, 'normal');
    expect(history?.map(({ summary, summaryInIndonesian }) => ({ summary, summaryInIndonesian }))).toEqual([
      { summary: 'Disposed to Dinas X', summaryInIndonesian: null },
      { summary: 'Re-disposed from Dinas X to Dinas Y', summaryInIndonesian: 'Didisposisikan ulang dari Dinas X ke Dinas Y' },
    ]);
  });

  it('refuses a role the matrix never lets run the query before reading anything', async () => {
    await expect(new ExportComplaints(context).run(reporter, {})).rejects.toThrow(QueryRefusedError);
  });

  it('lists publicly only verified complaints that are neither rahasia nor rejected', async () => {
    const page = await new ListPublicComplaints(readStore).run(undefined, 1, 20);
    expect(page.items.map((item) => item.trackingId).sort()).toEqual(['LPR-ANONIM', 'LPR-NORMAL']);
    expect(page.total).toBe(2);
  });
});
