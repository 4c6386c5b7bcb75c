import type { ComplaintEvent } from '@lacak/domain';
import { AGENCY, actors, aComplaint, events, OTHER_AGENCY, testOrganisation } from '@lacak/domain/testing';
import { recorded } from '../testing/complaint-history';
import { foldInMemory } from '../testing/fold';
import { AuditTrailProjection } from './audit-trail-projection';

const projection = new AuditTrailProjection(testOrganisation);
const trail = (history: ComplaintEvent[]) =>
  foldInMemory(projection, recorded(history)).sort((a, b) => a.revision - b.revision);
/** The summary of an event, recorded after a submission unless it is one. */
const summaryOf = (event: ComplaintEvent) =>
  trail(event.type === 'ComplaintSubmitted' ? [event] : [events.submitted(), event]).at(-1)?.summary;

describe('AuditTrailProjection', () => {
  it('keeps one entry per event, keyed by the event id, in revision order', () => {
    const history = recorded(aComplaint().inStatus('DISPOSED').events());
    const entries = foldInMemory(projection, history);
    expect(entries.map((e) => e._id).sort()).toEqual(history.map((e) => e.id).sort());
    expect(entries.find((e) => e._id === history[2].id)).toEqual({
      _id: history[2].id,
      complaintId: 'complaint-1',
      revision: 2,
      type: 'ComplaintDisposed',
      actor: { id: 'admin-national', role: 'national_admin', agencyId: 'national' },
      occurredAt: history[2].metadata.occurredAt,
      recordedAt: history[2].recordedAt,
      correlationId: history[2].metadata.correlationId,
      summary: 'Disposed to Dinas X',
      summaryInIndonesian: 'Didisposisikan ke Dinas X',
      lastPosition: 3,
    });
  });

  it('keeps each entry’s summary in English and in Bahasa Indonesia', () => {
    const [submitted, verified] = trail(aComplaint().inStatus('VERIFIED').events());
    expect(submitted).toMatchObject({
      summary: 'Complaint LPR-2025-000001 submitted via web',
      summaryInIndonesian: 'Pengaduan LPR-2025-000001 disampaikan melalui situs web',
    });
    expect(verified).toMatchObject({
      summary: 'Verified as pengaduan in category infrastruktur, SLA class ordinary',
      summaryInIndonesian: 'Diverifikasi sebagai pengaduan, kategori infrastruktur, kelas SLA biasa',
    });
  });

  it("withholds the reporter's account id but keeps an officer's", () => {
    const [submitted, , , accepted] = trail(aComplaint().inStatus('IN_PROGRESS').events());
    expect(submitted.actor).toEqual({ id: null, role: 'reporter', agencyId: null });
    expect(accepted.actor).toEqual({ id: `officer-${AGENCY}`, role: 'unit_officer', agencyId: AGENCY });
  });

  it.each<[string, ComplaintEvent, string]>([
    ['a plain submission', events.submitted(), 'Complaint LPR-2025-000001 submitted via web'],
    [
      'a confidential, anonymous submission to an agency',
      events.submitted({ targetAgencyId: AGENCY, confidential: true, anonymous: true }),
      'Complaint LPR-2025-000001 submitted via web to Dinas X (rahasia, anonim)',
    ],
    ['a verification', events.verified({ confidential: true }), 'Verified as pengaduan in category infrastruktur, SLA class ordinary (rahasia)'],
    ['a re-disposition', events.disposed({ agencyId: OTHER_AGENCY, previousAgencyId: AGENCY }), 'Re-disposed from Dinas X to Dinas Y'],
    ['a return', events.returned(), 'Returned by Dinas X (not_our_authority): Jalan nasional, bukan wewenang dinas.'],
    ['a clarification asked of an agency', events.clarificationRequested({ party: 'agency', partyAgencyId: OTHER_AGENCY }), 'Clarification requested from Dinas Y'],
    ['a clarification asked of the reporter', events.clarificationRequested(), 'Clarification requested from the reporter'],
    ['a follow-up by an agency missing from the tree', events.responded({ agencyId: 'dissolved-agency' }), 'Follow-up (tindak lanjut) given by dissolved-agency'],
    ['a closure', events.closed(), 'Closed (accepted_by_reporter)'],
    [
      'a follow-up the reporter marked normative',
      events.followUpMarkedNormative({ markedBy: 'reporter', reason: 'Hanya janji.' }),
      'Follow-up of Dinas X given 2025-03-03T02:00:00.000Z marked normative by the reporter: Hanya janji.',
    ],
  ])('summarises %s in one readable line', (_case, event, summary) => {
    expect(summaryOf(event)).toBe(summary);
  });

  it('leaves an existing entry as it is when its event comes again', () => {
    const [event] = recorded([events.submitted()]);
    const [entry] = foldInMemory(projection, [event]);
    expect(projection.evolve(entry, { ...event, metadata: { ...event.metadata, actor: actors.nationalAdmin } })).toBe(entry);
  });

  it('ignores streams that are neither complaints nor identity accesses', () => {
    const [event] = recorded([events.submitted()]);
    expect(projection.documentId({ ...event, streamId: 'checkpoint-1' })).toBeNull();
  });

  it('records a read of the reporter identity with who and why, never the identity', () => {
    const [submitted] = recorded([events.submitted()]);
    const read = {
      ...submitted,
      id: 'identity-read-1',
      streamId: 'reporter-identity-complaint-1',
      revision: 0n,
      position: 99n,
      type: 'ReporterIdentityRead',
      data: { complaintId: 'complaint-1', reason: 'Konfirmasi alamat untuk mediasi', at: submitted.recordedAt },
      metadata: { ...submitted.metadata, actor: { id: 'auditor-1', role: 'auditor', agencyId: AGENCY } },
    };
    expect(projection.evolve(null, read)).toMatchObject({
      complaintId: 'complaint-1',
      type: 'ReporterIdentityRead',
      actor: { id: 'auditor-1', role: 'auditor', agencyId: AGENCY },
      summary: 'Reporter identity read: Konfirmasi alamat untuk mediasi',
      summaryInIndonesian: 'Identitas pelapor dibaca: Konfirmasi alamat untuk mediasi',
    });
  });

  it('records a refused read with who asked, why, and the refusal they were given', () => {
    const [submitted] = recorded([events.submitted()]);
    const refused = {
      ...submitted,
      id: 'identity-read-refused-1',
      streamId: 'reporter-identity-complaint-1',
      revision: 0n,
      position: 99n,
      type: 'ReporterIdentityReadRefused',
      data: { complaintId: 'complaint-1', reason: 'Cek data pelapor', at: submitted.recordedAt, refusal: 'IDENTITY_SEALED' },
      metadata: { ...submitted.metadata, actor: { id: 'officer-1', role: 'unit_officer', agencyId: AGENCY } },
    };
    expect(projection.evolve(null, refused)).toMatchObject({
      complaintId: 'complaint-1',
      type: 'ReporterIdentityReadRefused',
      actor: { id: 'officer-1', role: 'unit_officer', agencyId: AGENCY },
      summary: 'Reporter identity read refused (IDENTITY_SEALED): Cek data pelapor',
      summaryInIndonesian: 'Pembacaan identitas pelapor ditolak (IDENTITY_SEALED): Cek data pelapor',
    });
  });
});
