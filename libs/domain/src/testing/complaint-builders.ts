/**
 * Test data for complaint specs: actors, commands and events with fixed ids and times,
 * and `aComplaint()` to build event histories. Command and event defaults mirror each
 * other, so a default command's expected event needs only its derived fields spelled out.
 */
import type { Actor } from '../complaint/actor';
import type {
  AcceptDisposition,
  AnswerClarification,
  ArchiveComplaint,
  CloseComplaint,
  ComplaintCommand,
  DisposeComplaint,
  OpenInvestigation,
  RecordFindings,
  RecordMediationOutcome,
  RejectComplaint,
  RequestClarification,
  RespondToComplaint,
  StartMediation,
  SubmitComplaint,
  VerifyComplaint,
} from '../complaint/complaint.commands';
import type {
  ClarificationAnswered,
  ClarificationRequested,
  ComplaintArchived,
  ComplaintClosed,
  ComplaintDisposed,
  ComplaintEvent,
  ComplaintRejected,
  ComplaintResponded,
  ComplaintSubmitted,
  ComplaintVerified,
  DispositionAccepted,
  DispositionReturned,
  FindingsRecorded,
  InvestigationOpened,
  MediationOutcomeRecorded,
  MediationStarted,
} from '../complaint/complaint.events';
import type { ClarificationParty, ComplaintStatus } from '../complaint/complaint.values';

export const COMPLAINT_ID = 'complaint-1';
export const AT = '2025-03-03T02:00:00.000Z';
export const AGENCY = 'agency-x';
export const CLARIFICATION_ID = 'clarification-1';

const actor = (id: string, role: Actor['role'], agencyId: string | null): Actor => ({ id, role, agencyId });

export const actors = {
  nationalAdmin: actor('admin-national', 'national_admin', 'national'),
  agencyAdmin: (agencyId = AGENCY) => actor(`admin-${agencyId}`, 'agency_admin', agencyId),
  unitOfficer: (agencyId = AGENCY) => actor(`officer-${agencyId}`, 'unit_officer', agencyId),
  reporter: (id = 'reporter-1') => actor(id, 'reporter', null),
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

function command<C extends ComplaintCommand>(type: C['type'], base: Omit<C['data'], 'complaintId'>, by: Actor) {
  return (data: Partial<C['data']> = {}, actor: Actor = by, at: string = AT): C =>
    ({ type, data: { complaintId: COMPLAINT_ID, ...base, ...data }, actor, at }) as C;
}

export const commands = {
  submit: command<SubmitComplaint>('SubmitComplaint', submission, actors.reporter()),
  verify: command<VerifyComplaint>('VerifyComplaint', verification, actors.nationalAdmin),
  reject: command<RejectComplaint>('RejectComplaint', rejection, actors.nationalAdmin),
  archive: command<ArchiveComplaint>('ArchiveComplaint', archiving, actors.nationalAdmin),
  dispose: command<DisposeComplaint>('DisposeComplaint', disposition, actors.nationalAdmin),
  accept: command<AcceptDisposition>('AcceptDisposition', {}, actors.unitOfficer()),
  requestClarification: command<RequestClarification>('RequestClarification', clarification, actors.unitOfficer()),
  answerClarification: command<AnswerClarification>('AnswerClarification', answer, actors.reporter()),
  startMediation: command<StartMediation>('StartMediation', mediation, actors.unitOfficer()),
  recordMediationOutcome: command<RecordMediationOutcome>('RecordMediationOutcome', outcome, actors.unitOfficer()),
  openInvestigation: command<OpenInvestigation>('OpenInvestigation', investigation, actors.unitOfficer()),
  recordFindings: command<RecordFindings>('RecordFindings', findings, actors.unitOfficer()),
  respond: command<RespondToComplaint>('RespondToComplaint', followUp, actors.unitOfficer()),
  close: command<CloseComplaint>('CloseComplaint', { reasonCode: 'accepted_by_reporter' }, actors.reporter()),
};

function event<E extends ComplaintEvent>(type: E['type'], base: Omit<E['data'], 'complaintId' | 'at'>) {
  return (data: Partial<E['data']> = {}): E =>
    ({ type, data: { complaintId: COMPLAINT_ID, ...base, at: AT, ...data } }) as E;
}

const byAgency = { agencyId: AGENCY };

export const events = {
  submitted: event<ComplaintSubmitted>('ComplaintSubmitted', {
    ...submission,
    ...submittedOptionals,
    reporterAccountId: 'reporter-1',
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
  mediationStarted: event<MediationStarted>('MediationStarted', { ...mediation, ...byAgency }),
  mediationOutcomeRecorded: event<MediationOutcomeRecorded>('MediationOutcomeRecorded', { ...outcome, ...byAgency }),
  investigationOpened: event<InvestigationOpened>('InvestigationOpened', { ...investigation, ...byAgency }),
  findingsRecorded: event<FindingsRecorded>('FindingsRecorded', { ...findings, ...byAgency }),
  responded: event<ComplaintResponded>('ComplaintResponded', { ...followUp, ...byAgency }),
  closed: event<ComplaintClosed>('ComplaintClosed', { reasonCode: 'accepted_by_reporter', note: null, ...byAgency }),
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
  closed() {
    return this.add(events.closed({ agencyId: this.agency }));
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
