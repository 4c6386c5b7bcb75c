/**
 * Test data for complaint specs: actors, commands and events with fixed ids and times,
 * and `aComplaint()` to build event histories. Command and event defaults mirror each
 * other, so a default command's expected event needs only its derived fields spelled out.
 */
import { type Actor, trackingActor } from '../complaint/actor';
import { decideComplaint, type AgencyScope } from '../complaint/complaint.decide';
import { complaintDecider } from '../complaint/complaint.decider';
import type { ComplaintState } from '../complaint/complaint.state';
import { OrganisationTree } from '../organisation/organisation-tree';
import type {
  AcceptDisposition,
  AnnounceAutoClose,
  AnswerClarification,
  ArchiveComplaint,
  CloseComplaint,
  ComplaintCommand,
  DisposeComplaint,
  DisputeFollowUp,
  EscalateToParent,
  ExpireClarification,
  LinkPolicyImprovement,
  AddAttachment,
  MarkDuplicate,
  MarkFollowUpNormative,
  OpenInvestigation,
  RateComplaint,
  RecordClarificationAnswerOnBehalf,
  RecordDeadlineMissed,
  RecordFindings,
  RecordLeadershipReview,
  RecordMediationOutcome,
  ReferToOmbudsman,
  RejectComplaint,
  ReopenComplaint,
  RequestClarification,
  RespondToComplaint,
  StartMediation,
  SubmitComplaint,
  VerifyComplaint,
} from '../complaint/complaint.commands';
import type {
  ClarificationAnswerRecordedOnBehalf,
  ClarificationAnswered,
  ClarificationExpired,
  ClarificationRequested,
  ComplaintArchived,
  ComplaintClosed,
  ComplaintDisposed,
  ComplaintEvent,
  ComplaintMarkedDuplicate,
  ComplaintRated,
  ComplaintRejected,
  ComplaintReopened,
  ComplaintResponded,
  ComplaintSubmitted,
  ComplaintVerified,
  DeadlineMissed,
  DispositionAccepted,
  DispositionReturned,
  EscalatedToParent,
  FindingsRecorded,
  FollowUpDisputed,
  FollowUpMarkedNormative,
  InvestigationOpened,
  LeadershipReviewRecorded,
  MediationOutcomeRecorded,
  MediationStarted,
  PolicyImprovementLinked,
  AutoCloseAnnounced,
  AttachmentAdded,
  IdentifyingAttachmentsErased,
  ReferredToOmbudsman,
} from '../complaint/complaint.events';
import type { ClarificationParty, ComplaintStatus } from '../complaint/complaint.values';

export const COMPLAINT_ID = 'complaint-1';
export const AT = '2025-03-03T02:00:00.000Z';
export const AGENCY = 'agency-x';
export const CLARIFICATION_ID = 'clarification-1';
/** The end of the dispute and reopen windows, and the deadline, the default commands carry. */
export const WINDOW_ENDS_AT = '2025-03-17T02:00:00.000Z';
export const DUE_AT = '2025-02-28T02:00:00.000Z';
export const ORIGINAL_COMPLAINT_ID = 'complaint-0';
export const PARENT_AGENCY = 'province-p';

/** The default assignee's sibling agency in the same province. */
export const OTHER_AGENCY = 'agency-y';

/**
 * The one organisation tree of the lib specs: national › province-p › {agency-x › unit-x1,
 * agency-y}, and national › agency-t › unit-t1 beside them. `PARENT_AGENCY` is the node above the
 * default assignee; the agencies' names are what audit summaries print.
 */
export const testOrganisation = new OrganisationTree([
  { id: 'national', name: 'National', kind: 'national', parentId: null },
  { id: PARENT_AGENCY, name: 'Province P', kind: 'province', parentId: 'national' },
  { id: AGENCY, name: 'Dinas X', kind: 'regional_agency', parentId: PARENT_AGENCY },
  { id: 'unit-x1', name: 'Unit X1', kind: 'unit', parentId: AGENCY },
  { id: OTHER_AGENCY, name: 'Dinas Y', kind: 'regional_agency', parentId: PARENT_AGENCY },
  { id: 'agency-t', name: 'Agency T', kind: 'ministry', parentId: 'national' },
  { id: 'unit-t1', name: 'Unit T1', kind: 'unit', parentId: 'agency-t' },
]);

/** The complaint decider deciding within a scope, for `DeciderSpecification.for`. */
export const complaintDeciderWithin = (scope: AgencyScope) => ({
  ...complaintDecider,
  decide: (command: ComplaintCommand, state: ComplaintState) => decideComplaint(command, state, scope),
});

const actor = (id: string, role: Actor['role'], agencyId: string | null): Actor => ({ id, role, agencyId });

export const actors = {
  nationalAdmin: actor('admin-national', 'national_admin', 'national'),
  agencyAdmin: (agencyId = AGENCY) => actor(`admin-${agencyId}`, 'agency_admin', agencyId),
  unitOfficer: (agencyId = AGENCY) => actor(`officer-${agencyId}`, 'unit_officer', agencyId),
  reporter: (id = 'reporter-1') => actor(id, 'reporter', null),
  /** Whoever presents the default complaint's tracking id and secret. */
  tracking: (trackingId = 'LPR-2025-000001') => trackingActor(trackingId),
  inspector: actor('inspector-1', 'apip_inspector', 'inspektorat-x'),
  auditor: actor('auditor-1', 'auditor', null),
  system: actor('system', 'system', null),
};

const submission = {
  trackingId: 'LPR-2025-000001',
  title: 'Jalan berlubang di depan SDN 3',
  description: 'Lubang besar di jalan depan sekolah sudah dua bulan tidak diperbaiki.',
  channel: 'web',
  reporterRef: 'reporter-ref-1',
} as const;
/** What a submission without the optional fields records. */
const submittedOptionals = {
  category: null,
  location: null,
  incidentDate: null,
  targetAgencyId: null,
  anonymous: false,
  confidential: false,
} as const;
const verification = {
  classification: 'pengaduan',
  category: 'infrastruktur',
  slaClass: 'ordinary',
  anonymous: false,
  confidential: false,
} as const;
const rejection = { reasonCode: 'out_of_scope', reason: 'Perkara pidana, bukan pelayanan publik.' } as const;
const returning = { reasonCode: 'not_our_authority', reason: 'Jalan nasional, bukan wewenang dinas.' } as const;
const archiving = { reasonCode: 'too_general', reason: 'Isi laporan terlalu umum.' } as const;
const disposition = { agencyId: AGENCY, note: 'Mohon ditindaklanjuti.' };
const clarification = {
  clarificationId: CLARIFICATION_ID,
  party: 'reporter',
  question: 'Di ruas jalan mana?',
} as const;
const answer = { clarificationId: CLARIFICATION_ID, answer: 'Jl. Merdeka nomor 10.' };
const mediation = { note: 'Mediasi antara pelapor dan sekolah.' };
const outcome = { outcome: 'agreement', note: 'Sepakat diperbaiki bulan ini.' } as const;
const investigation = { reason: 'Dugaan pungutan liar.' };
const findings = { conclusion: 'irregularity_found', summary: 'Pungutan tanpa dasar hukum.' } as const;
const followUp = { followUp: 'Jalan telah diperbaiki pada 10 Maret.' };
const dispute = { reason: 'Lubang hanya ditambal pasir, belum diaspal.', windowEndsAt: WINDOW_ENDS_AT };
const normativeJudgement = { reason: 'Hanya berjanji akan ditindaklanjuti, tanpa langkah nyata.' };
const rating = { rating: 4, comment: 'Cepat ditangani.' } as const;
const reopening = { reason: 'Lubang muncul lagi seminggu setelah ditutup.' };
const expiry = { clarificationId: CLARIFICATION_ID, dueAt: DUE_AT };
const missedDeadline = {
  clock: 'followUp' as const,
  dueAt: DUE_AT,
  calendars: [{ year: 2025, source: 'holiday-file' as const, version: null }],
};
const escalation = { toAgencyId: PARENT_AGENCY, reason: 'deadline' } as const;
const referral = { reason: 'Belum selesai setelah 60 hari.' };
const autoCloseNotice = { dueAt: '2025-03-17T16:59:59.999Z' };
const duplicate = { originalComplaintId: ORIGINAL_COMPLAINT_ID, note: 'Laporan yang sama dari pelapor yang sama.' };
const review = { summary: 'Dibahas dalam rapat pimpinan bersama laporan jalan rusak lain.', clusterId: 'cluster-jalan-2025' };
const policy = {
  policyTitle: 'SOP pemeliharaan jalan sekolah',
  description: 'Inspeksi jalan depan sekolah setiap bulan.',
  effectiveDate: '2025-04-01',
};

function command<C extends ComplaintCommand>(type: C['type'], base: Omit<C['data'], 'complaintId'>, by: Actor) {
  return (data: Partial<C['data']> = {}, actor: Actor = by, at: string = AT): C =>
    ({ type, data: { complaintId: COMPLAINT_ID, ...base, ...data }, actor, at }) as C;
}

const attachment = {
  attachmentId: 'attachment-1',
  sha256: 'ab'.repeat(32),
  fileName: 'foto-jalan.jpg',
  mediaType: 'image/jpeg',
  size: 2048,
};

export const commands = {
  submit: command<SubmitComplaint>('SubmitComplaint', submission, actors.reporter()),
  verify: command<VerifyComplaint>('VerifyComplaint', verification, actors.nationalAdmin),
  reject: command<RejectComplaint>('RejectComplaint', rejection, actors.nationalAdmin),
  archive: command<ArchiveComplaint>('ArchiveComplaint', archiving, actors.nationalAdmin),
  dispose: command<DisposeComplaint>('DisposeComplaint', disposition, actors.nationalAdmin),
  accept: command<AcceptDisposition>('AcceptDisposition', {}, actors.unitOfficer()),
  requestClarification: command<RequestClarification>('RequestClarification', clarification, actors.unitOfficer()),
  answerClarification: command<AnswerClarification>('AnswerClarification', answer, actors.reporter()),
  recordAnswerOnBehalf: command<RecordClarificationAnswerOnBehalf>(
    'RecordClarificationAnswerOnBehalf',
    { ...answer, channel: 'phone' },
    actors.agencyAdmin(),
  ),
  startMediation: command<StartMediation>('StartMediation', mediation, actors.unitOfficer()),
  recordMediationOutcome: command<RecordMediationOutcome>('RecordMediationOutcome', outcome, actors.unitOfficer()),
  openInvestigation: command<OpenInvestigation>('OpenInvestigation', investigation, actors.unitOfficer()),
  recordFindings: command<RecordFindings>('RecordFindings', findings, actors.unitOfficer()),
  respond: command<RespondToComplaint>('RespondToComplaint', followUp, actors.unitOfficer()),
  close: command<CloseComplaint>('CloseComplaint', { reasonCode: 'accepted_by_reporter' }, actors.reporter()),
  dispute: command<DisputeFollowUp>('DisputeFollowUp', dispute, actors.reporter()),
  markFollowUpNormative: command<MarkFollowUpNormative>('MarkFollowUpNormative', normativeJudgement, actors.nationalAdmin),
  rate: command<RateComplaint>('RateComplaint', rating, actors.reporter()),
  reopen: command<ReopenComplaint>('ReopenComplaint', reopening, actors.nationalAdmin),
  expireClarification: command<ExpireClarification>('ExpireClarification', expiry, actors.system),
  recordDeadlineMissed: command<RecordDeadlineMissed>('RecordDeadlineMissed', missedDeadline, actors.system),
  escalate: command<EscalateToParent>('EscalateToParent', escalation, actors.system),
  referToOmbudsman: command<ReferToOmbudsman>('ReferToOmbudsman', referral, actors.system),
  announceAutoClose: command<AnnounceAutoClose>('AnnounceAutoClose', autoCloseNotice, actors.system),
  markDuplicate: command<MarkDuplicate>('MarkDuplicate', duplicate, actors.unitOfficer()),
  recordLeadershipReview: command<RecordLeadershipReview>('RecordLeadershipReview', review, actors.agencyAdmin()),
  linkPolicyImprovement: command<LinkPolicyImprovement>('LinkPolicyImprovement', policy, actors.agencyAdmin()),
  addAttachment: command<AddAttachment>('AddAttachment', attachment, actors.reporter()),
};

function event<E extends ComplaintEvent>(type: E['type'], base: Omit<E['data'], 'complaintId' | 'at'>) {
  return (data: Partial<E['data']> = {}): E =>
    ({ type, data: { complaintId: COMPLAINT_ID, ...base, at: AT, ...data } }) as E;
}

const byAgency = { agencyId: AGENCY };
/** The archive reason ExpireClarification records. */
export const EXPIRED_REASON = 'The reporter did not answer the clarification by its deadline.';

export const events = {
  submitted: event<ComplaintSubmitted>('ComplaintSubmitted', {
    ...submission,
    ...submittedOptionals,
    reporterAccountId: 'reporter-1',
    slaPolicyVersion: null,
  }),
  verified: event<ComplaintVerified>('ComplaintVerified', verification),
  rejected: event<ComplaintRejected>('ComplaintRejected', { ...rejection, agencyId: null }),
  returned: event<DispositionReturned>('DispositionReturned', { ...returning, ...byAgency }),
  archived: event<ComplaintArchived>('ComplaintArchived', archiving),
  disposed: event<ComplaintDisposed>('ComplaintDisposed', { ...disposition, previousAgencyId: null }),
  accepted: event<DispositionAccepted>('DispositionAccepted', byAgency),
  clarificationRequested: event<ClarificationRequested>('ClarificationRequested', {
    ...clarification,
    partyAgencyId: null,
    requestedByAgencyId: AGENCY,
  }),
  clarificationAnswered: event<ClarificationAnswered>('ClarificationAnswered', { ...answer, party: 'reporter' }),
  answerRecordedOnBehalf: event<ClarificationAnswerRecordedOnBehalf>('ClarificationAnswerRecordedOnBehalf', {
    ...answer,
    channel: 'phone',
    ...byAgency,
  }),
  mediationStarted: event<MediationStarted>('MediationStarted', { ...mediation, ...byAgency }),
  mediationOutcomeRecorded: event<MediationOutcomeRecorded>('MediationOutcomeRecorded', { ...outcome, ...byAgency }),
  investigationOpened: event<InvestigationOpened>('InvestigationOpened', { ...investigation, ...byAgency }),
  findingsRecorded: event<FindingsRecorded>('FindingsRecorded', { ...findings, ...byAgency }),
  responded: event<ComplaintResponded>('ComplaintResponded', { ...followUp, ...byAgency }),
  closed: event<ComplaintClosed>('ComplaintClosed', { reasonCode: 'accepted_by_reporter', note: null, ...byAgency }),
  disputed: event<FollowUpDisputed>('FollowUpDisputed', { ...dispute, ...byAgency }),
  /** The default follow-up (at `AT`) marked by a verifier. */
  followUpMarkedNormative: event<FollowUpMarkedNormative>('FollowUpMarkedNormative', {
    ...normativeJudgement,
    ...byAgency,
    markedBy: 'verifier',
    followUpAt: AT,
  }),
  rated: event<ComplaintRated>('ComplaintRated', { ...rating, ...byAgency }),
  reopened: event<ComplaintReopened>('ComplaintReopened', { ...reopening, ...byAgency }),
  clarificationExpired: event<ClarificationExpired>('ClarificationExpired', expiry),
  deadlineMissed: event<DeadlineMissed>('DeadlineMissed', { ...missedDeadline, ...byAgency }),
  escalated: event<EscalatedToParent>('EscalatedToParent', { ...escalation, fromAgencyId: AGENCY, bounceCount: 0 }),
  referredToOmbudsman: event<ReferredToOmbudsman>('ReferredToOmbudsman', { ...referral, ...byAgency }),
  autoCloseAnnounced: event<AutoCloseAnnounced>('AutoCloseAnnounced', { ...autoCloseNotice, ...byAgency, followUpAt: AT }),
  markedDuplicate: event<ComplaintMarkedDuplicate>('ComplaintMarkedDuplicate', {
    ...duplicate,
    ...byAgency,
    targetAgencyId: null,
  }),
  leadershipReviewRecorded: event<LeadershipReviewRecorded>('LeadershipReviewRecorded', { ...review, ...byAgency }),
  policyImprovementLinked: event<PolicyImprovementLinked>('PolicyImprovementLinked', { ...policy, ...byAgency }),
  attachmentAdded: event<AttachmentAdded>('AttachmentAdded', { ...attachment, identifying: false, addedBy: 'reporter', agencyId: null }),
  identifyingAttachmentsErased: event<IdentifyingAttachmentsErased>('IdentifyingAttachmentsErased', {
    attachmentIds: [attachment.attachmentId],
    reason: 'Permintaan penghapusan data pelapor',
  }),
};

/** Builds an event history step by step, keeping the assignee and clarification parties consistent. */
class ComplaintHistoryBuilder {
  private readonly history: ComplaintEvent[] = [];
  private assignee: string | null = null;
  private readonly parties = new Map<string, ClarificationParty>();

  submitted(data: Partial<ComplaintSubmitted['data']> = {}) {
    return this.add(events.submitted(data));
  }
  submittedBy(submitter: Actor, data: Partial<ComplaintSubmitted['data']> = {}) {
    return this.submitted({ reporterAccountId: submitter.role === 'reporter' ? submitter.id : null, ...data });
  }
  verified(data: Partial<ComplaintVerified['data']> = {}) {
    return this.add(events.verified(data));
  }
  rejected() {
    return this.add(events.rejected());
  }
  archived() {
    return this.add(events.archived());
  }
  disposedTo(agencyId = AGENCY) {
    this.add(events.disposed({ agencyId, previousAgencyId: this.assignee }));
    this.assignee = agencyId;
    return this;
  }
  returned() {
    this.add(events.returned({ agencyId: this.agency }));
    this.assignee = null;
    return this;
  }
  accepted() {
    return this.add(events.accepted({ agencyId: this.agency }));
  }
  /** Asked by the router before disposition, by the assignee after it. */
  clarificationRequested(data: Partial<ClarificationRequested['data']> = {}) {
    const requested = events.clarificationRequested({
      requestedByAgencyId: this.assignee ?? actors.nationalAdmin.agencyId,
      ...data,
    });
    this.parties.set(requested.data.clarificationId, requested.data.party);
    return this.add(requested);
  }
  clarificationAnswered(clarificationId = CLARIFICATION_ID) {
    const party = this.parties.get(clarificationId) ?? 'reporter';
    return this.add(events.clarificationAnswered({ clarificationId, party }));
  }
  mediationStarted() {
    return this.add(events.mediationStarted({ agencyId: this.agency }));
  }
  mediationOutcomeRecorded() {
    return this.add(events.mediationOutcomeRecorded({ agencyId: this.agency }));
  }
  investigationOpened() {
    return this.add(events.investigationOpened({ agencyId: this.agency }));
  }
  findingsRecorded() {
    return this.add(events.findingsRecorded({ agencyId: this.agency }));
  }
  responded(data: Partial<ComplaintResponded['data']> = {}) {
    return this.add(events.responded({ agencyId: this.agency, ...data }));
  }
  closed(data: Partial<ComplaintClosed['data']> = {}) {
    return this.add(events.closed({ agencyId: this.agency, ...data }));
  }
  disputed() {
    return this.add(events.disputed({ agencyId: this.agency }));
  }
  /** The latest follow-up (given at `followUpAt`) marked normative. */
  markedNormative(data: Partial<FollowUpMarkedNormative['data']> = {}) {
    return this.add(events.followUpMarkedNormative({ agencyId: this.agency, ...data }));
  }
  rated(data: Partial<ComplaintRated['data']> = {}) {
    return this.add(events.rated({ agencyId: this.agency, ...data }));
  }
  reopened() {
    return this.add(events.reopened({ agencyId: this.agency }));
  }
  /** A reporter clarification that lapsed, and the archive it leads to. */
  clarificationExpired(clarificationId = CLARIFICATION_ID) {
    this.add(events.clarificationExpired({ clarificationId }));
    return this.add(events.archived({ reasonCode: 'unanswered_clarification', reason: EXPIRED_REASON }));
  }
  deadlineMissed(data: Partial<DeadlineMissed['data']> = {}) {
    return this.add(events.deadlineMissed({ agencyId: this.assignee, ...data }));
  }
  escalated(data: Partial<EscalatedToParent['data']> = {}) {
    return this.add(events.escalated({ fromAgencyId: this.agency, ...data }));
  }
  referredToOmbudsman() {
    return this.add(events.referredToOmbudsman({ agencyId: this.assignee }));
  }
  markedDuplicate(data: Partial<ComplaintMarkedDuplicate['data']> = {}) {
    return this.add(events.markedDuplicate({ agencyId: this.assignee, ...data }));
  }

  /** Shortest usual path to a status; clarifications are asked of the reporter before disposition. */
  inStatus(status: ComplaintStatus): this {
    switch (status) {
      case 'SUBMITTED':
        return this.submitted();
      case 'VERIFIED':
        return this.inStatus('SUBMITTED').verified();
      case 'AWAITING_REPORTER':
        return this.inStatus('VERIFIED').clarificationRequested();
      case 'DISPOSED':
        return this.inStatus('VERIFIED').disposedTo();
      case 'IN_PROGRESS':
        return this.inStatus('DISPOSED').accepted();
      case 'MEDIATION':
        return this.inStatus('IN_PROGRESS').mediationStarted();
      case 'INVESTIGATION':
        return this.inStatus('IN_PROGRESS').investigationOpened();
      case 'RESPONDED':
        return this.inStatus('IN_PROGRESS').responded();
      case 'CLOSED':
        return this.inStatus('RESPONDED').closed();
      case 'REJECTED':
        return this.inStatus('SUBMITTED').rejected();
      case 'ARCHIVED_INVALID':
        return this.inStatus('SUBMITTED').archived();
      case 'DUPLICATE':
        return this.inStatus('IN_PROGRESS').markedDuplicate();
    }
  }

  events(): ComplaintEvent[] {
    return [...this.history];
  }

  private get agency(): string {
    return this.assignee ?? AGENCY;
  }

  private add(event: ComplaintEvent): this {
    this.history.push(event);
    return this;
  }
}

export const aComplaint = () => new ComplaintHistoryBuilder();
