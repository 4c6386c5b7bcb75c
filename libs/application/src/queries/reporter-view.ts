import type { FindingsConclusion, OfflineAnswerChannel } from '@lacak/domain';
import type { AttachmentEntry, ComplaintDocument } from '@lacak/projections';
import { PUBLIC_STATUS } from './public-status';

/**
 * What a reporter sees of their own complaint: its content, where it stands, the follow-ups and
 * the questions put to them, and the conclusion of an investigation; never the agencies' internal
 * notes (disposition notes, clarifications with other agencies, the findings' summary, reviews) nor
 * officers' ids.
 */
export interface ReporterComplaintView {
  id: string;
  trackingId: string;
  title: string;
  description: string;
  channel: ComplaintDocument['channel'];
  category: string | null;
  location: string | null;
  incidentDate: string | null;
  status: ComplaintDocument['status'];
  publicStatus: string;
  confidential: boolean;
  anonymous: boolean;
  submittedAt: string;
  updatedAt: string;
  /** A string of digits, as everywhere in the API. */
  revision: string;
  followUps: { followUp: string; at: string }[];
  /** `recordedOnBehalfVia`: the answer was given offline and an officer recorded it, through that channel. */
  questions: ReporterQuestion[];
  /** That investigation findings were recorded, and their conclusion; the summary stays with the inspectorate. */
  findings: { conclusion: FindingsConclusion; recordedAt: string } | null;
  rating: ComplaintDocument['rating'] | null;
  closure: { reasonCode: string; at: string } | null;
  /** The follow-ups the reporter called normative (a promise without substance) when disputing them. */
  normativeDisputes: { followUpAt: string; at: string }[];
  /** The evidence, theirs and the officers'; never which officer or agency added it. */
  attachments: ReporterAttachment[];
}

export type ReporterAttachment = Omit<AttachmentEntry, 'agencyId'>;

export interface ReporterQuestion {
  clarificationId: string;
  question: string;
  requestedAt: string;
  answer: string | null;
  answeredAt: string | null;
  recordedOnBehalfVia: OfflineAnswerChannel | null;
}

/** The questions put to the reporter, and how each was answered. */
export const reporterQuestions = (doc: ComplaintDocument): ReporterQuestion[] =>
  doc.clarifications
    .filter((c) => c.party === 'reporter')
    .map(({ clarificationId, question, requestedAt, answer, answeredAt, recordedOnBehalfVia }) => ({
      clarificationId,
      question,
      requestedAt,
      answer,
      answeredAt,
      recordedOnBehalfVia: recordedOnBehalfVia ?? null,
    }));

export const toReporterView = (doc: ComplaintDocument): ReporterComplaintView => ({
  id: doc._id,
  trackingId: doc.trackingId,
  title: doc.title,
  description: doc.description,
  channel: doc.channel,
  category: doc.category,
  location: doc.location,
  incidentDate: doc.incidentDate,
  status: doc.status,
  publicStatus: PUBLIC_STATUS[doc.status],
  confidential: doc.confidential,
  anonymous: doc.anonymous,
  submittedAt: doc.submittedAt,
  updatedAt: doc.updatedAt,
  revision: String(doc.revision),
  followUps: doc.followUps.map(({ followUp, at }) => ({ followUp, at })),
  questions: reporterQuestions(doc),
  findings:
    doc.investigation?.conclusion && doc.investigation.closedAt
      ? { conclusion: doc.investigation.conclusion, recordedAt: doc.investigation.closedAt }
      : null,
  rating: doc.rating ?? null,
  closure: doc.closure ? { reasonCode: doc.closure.reasonCode, at: doc.closure.at } : null,
  normativeDisputes: (doc.normativeMarks ?? []).filter((mark) => mark.markedBy === 'reporter').map(({ followUpAt, at }) => ({ followUpAt, at })),
  attachments: (doc.attachments ?? []).map(({ agencyId: _agency, ...attachment }) => attachment),
});

/** The steps of the history a reporter is told about; the rest is the agencies' internal work. */
const REPORTER_HISTORY = new Set([
  'ComplaintSubmitted',
  'ComplaintVerified',
  'ComplaintRejected',
  'ComplaintArchived',
  'ComplaintDisposed',
  'DispositionAccepted',
  'MediationStarted',
  'MediationOutcomeRecorded',
  'FindingsRecorded',
  'ComplaintResponded',
  'FollowUpDisputed',
  'ComplaintRated',
  'ComplaintClosed',
  'ComplaintReopened',
  'ComplaintMarkedDuplicate',
  // An answer recorded in the reporter's name is shown to them, so they can tell it was not theirs.
  'ClarificationAnswerRecordedOnBehalf',
  'AttachmentAdded',
  'IdentifyingAttachmentsErased',
]);

/** A verifier's judgement of the follow-up is the agencies' monitoring; the reporter sees the mark they made themselves. */
const isReporterStep = (entry: HistoryEntry): boolean =>
  REPORTER_HISTORY.has(entry.type) || (entry.type === 'FollowUpMarkedNormative' && entry.actor.role === 'reporter');

interface HistoryEntry {
  type: string;
  actor: { id: string | null; role: string; agencyId: string | null };
}

export const toReporterHistory = <E extends HistoryEntry>(entries: E[]): E[] =>
  entries
    .filter(isReporterStep)
    .map((entry) => ({ ...entry, actor: { id: null, role: entry.actor.role, agencyId: entry.actor.agencyId } }));
