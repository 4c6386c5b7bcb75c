import { COMPLAINT_STATUSES, type ComplaintEvent, type ComplaintStatus } from '@lacak/domain';
import { AGENCY, AT, CLARIFICATION_ID, DUE_AT, aComplaint, events, OTHER_AGENCY, PARENT_AGENCY, testOrganisation } from '@lacak/domain/testing';
import { recorded } from '../testing/complaint-history';
import { foldInMemory } from '../testing/fold';
import type { ComplaintDocument } from './complaint-document';
import { ComplaintProjection } from './complaint-projection';

const projection = new ComplaintProjection(testOrganisation);

/** The complaint after its whole history, or undefined when the projection keeps no document. */
const project = (history: ComplaintEvent[]): ComplaintDocument | undefined => foldInMemory(projection, recorded(history))[0];

describe('ComplaintProjection', () => {
  it('files a new complaint under the national root when the reporter chose no agency', () => {
    expect(project(aComplaint().submitted().events())).toMatchObject({
      _id: 'complaint-1',
      status: 'SUBMITTED',
      revision: 0,
      lastPosition: 1,
      hasReporterIdentity: true,
      targetAgencyId: null,
      currentAgencyId: 'national',
      agencyPath: ['national'],
      searchText: 'lpr-2025-000001 jalan berlubang di depan sdn 3 lubang besar di jalan depan sekolah sudah dua bulan tidak diperbaiki.',
    });
  });

  it('files it under the chosen agency, with the whole root-to-agency path for subtree filters', () => {
    const document = project(aComplaint().submitted({ targetAgencyId: AGENCY }).events());
    expect(document).toMatchObject({ currentAgencyId: AGENCY, agencyPath: ['national', PARENT_AGENCY, AGENCY] });
  });

  it('keeps an agency missing from the tree visible under the root', () => {
    const document = project(aComplaint().submitted({ targetAgencyId: 'dissolved-agency' }).events());
    expect(document?.agencyPath).toEqual(['national', 'dissolved-agency']);
  });

  it.each(COMPLAINT_STATUSES.map((status) => [status]))('shows %s after the usual path to it', (status: ComplaintStatus) => {
    const history = aComplaint().inStatus(status).events();
    expect(project(history)).toMatchObject({ status, revision: history.length - 1, lastPosition: history.length });
  });

  it('moves the complaint to the assignee on disposition and back to the target when it is returned', () => {
    const builder = aComplaint().submitted({ targetAgencyId: OTHER_AGENCY }).verified().disposedTo(AGENCY);
    expect(project(builder.events())).toMatchObject({
      status: 'DISPOSED',
      assigneeAgencyId: AGENCY,
      currentAgencyId: AGENCY,
      agencyPath: ['national', PARENT_AGENCY, AGENCY],
    });

    expect(project(builder.returned().events())).toMatchObject({
      status: 'VERIFIED',
      assigneeAgencyId: null,
      currentAgencyId: OTHER_AGENCY,
      agencyPath: ['national', PARENT_AGENCY, OTHER_AGENCY],
      bounceCount: 1,
    });

    expect(project(builder.disposedTo(OTHER_AGENCY).events())?.dispositions).toEqual([
      expect.objectContaining({ agencyId: AGENCY, previousAgencyId: null }),
      expect.objectContaining({ agencyId: OTHER_AGENCY, previousAgencyId: null }),
    ]);
  });

  it.each<ComplaintStatus>(['VERIFIED', 'IN_PROGRESS'])(
    'pauses the complaint while the reporter is asked, and resumes it in %s when answered',
    (before) => {
      const asked = aComplaint().inStatus(before).clarificationRequested();
      expect(project(asked.events())).toMatchObject({
        status: 'AWAITING_REPORTER',
        clarifications: [expect.objectContaining({ clarificationId: CLARIFICATION_ID, resumeStatus: before, answer: null })],
      });

      const answered = project(asked.clarificationAnswered().events());
      expect(answered?.status).toBe(before);
      expect(answered?.clarifications[0]).toMatchObject({ answer: 'Jl. Merdeka nomor 10.', answeredAt: expect.any(String) });
    },
  );

  it('does not pause the complaint while another agency is asked', () => {
    const asked = aComplaint().inStatus('IN_PROGRESS').clarificationRequested({ party: 'agency', partyAgencyId: OTHER_AGENCY });
    expect(project(asked.events())).toMatchObject({
      status: 'IN_PROGRESS',
      clarifications: [expect.objectContaining({ party: 'agency', partyAgencyId: OTHER_AGENCY, resumeStatus: null })],
    });
    expect(project(asked.clarificationAnswered().events())?.status).toBe('IN_PROGRESS');
  });

  it('records mediation, investigation, follow-up and closure as they happen', () => {
    const history = aComplaint().inStatus('IN_PROGRESS').mediationStarted().mediationOutcomeRecorded()
      .investigationOpened().findingsRecorded().responded().closed().events();
    expect(project(history)).toMatchObject({
      status: 'CLOSED',
      mediation: { outcome: 'agreement', endedAt: expect.any(String) },
      investigation: { conclusion: 'irregularity_found', summary: 'Pungutan tanpa dasar hukum.' },
      followUps: [{ agencyId: AGENCY, followUp: 'Jalan telah diperbaiki pada 10 Maret.', at: expect.any(String) }],
      closure: { reasonCode: 'accepted_by_reporter', note: null, at: expect.any(String) },
    });
  });

  it('lists each follow-up judged normative, by whom, for the agency that gave it, without moving the status', () => {
    const later = '2025-03-10T02:00:00.000Z';
    const history = aComplaint().inStatus('RESPONDED').markedNormative({ markedBy: 'reporter' }).disputed()
      .responded({ at: later }).markedNormative({ followUpAt: later, at: later }).events();
    expect(project(history)).toMatchObject({
      status: 'RESPONDED',
      normativeMarks: [
        { agencyId: AGENCY, markedBy: 'reporter', reason: expect.any(String), followUpAt: '2025-03-03T02:00:00.000Z', at: '2025-03-03T02:00:00.000Z' },
        { agencyId: AGENCY, markedBy: 'verifier', reason: expect.any(String), followUpAt: later, at: later },
      ],
    });
    expect(project(aComplaint().submitted().events())?.normativeMarks).toEqual([]);
  });

  it('keeps the monev exceptions a complaint is, each with its instant, only while they hold', () => {
    const exceptionsOf = (document: ComplaintDocument | undefined) =>
      Object.fromEntries(Object.entries(document ?? {}).filter(([field]) => field.startsWith('exception')));
    const unanswered = aComplaint()
      .submitted({ targetAgencyId: OTHER_AGENCY })
      .verified()
      .disposedTo(OTHER_AGENCY)
      .returned()
      .disposedTo(AGENCY)
      .accepted()
      .deadlineMissed({ clock: 'followUp', dueAt: DUE_AT })
      .escalated({ toAgencyId: PARENT_AGENCY })
      .referredToOmbudsman();
    const document = project(unanswered.events());
    expect(document?.returns).toEqual([{ agencyId: OTHER_AGENCY, reasonCode: 'not_our_authority', at: AT }]);
    expect(exceptionsOf(document)).toEqual({
      exceptionOverdueSince: DUE_AT,
      exceptionEscalatedSince: AT,
      exceptionBouncingSince: AT,
      exceptionOmbudsmanSince: AT,
    });
    // Followed up, then disputed: no longer without follow-up, now disputed.
    const disputed = unanswered.responded().disputed();
    expect(Object.keys(exceptionsOf(project(disputed.events()))).sort()).toEqual([
      'exceptionBouncingSince',
      'exceptionDisputedSince',
      'exceptionEscalatedSince',
      'exceptionOmbudsmanSince',
    ]);
    // Closed: only the Ombudsman's referral goes on.
    expect(exceptionsOf(project(disputed.responded().closed().events()))).toEqual({ exceptionOmbudsmanSince: AT });
  });

  it('keeps no document for events of a complaint it never saw submitted, nor for other streams', () => {
    const [verified] = recorded([events.verified()]);
    expect(projection.evolve(null, verified)).toBeNull();
    expect(projection.documentId({ ...verified, streamId: 'reporter-1' })).toBeNull();
  });
});
