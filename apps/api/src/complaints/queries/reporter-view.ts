import type { ComplaintDocument } from '@lacak/projections';
import { PUBLIC_STATUS } from '../../tracking/public-status';

/**
 * What a reporter sees of their own complaint: its content, where it stands, the follow-ups and
 * the questions put to them; never the agencies' internal notes (disposition notes, clarifications
 * with other agencies, investigation findings, reviews) nor officers' ids.
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
  questions: { clarificationId: string; question: string; requestedAt: string; answer: string | null; answeredAt: string | null }[];
  rating: ComplaintDocument['rating'] | null;
  closure: { reasonCode: string; at: string } | null;
}

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
  questions: doc.clarifications
    .filter((c) => c.party === 'reporter')
    .map(({ clarificationId, question, requestedAt, answer, answeredAt }) => ({ clarificationId, question, requestedAt, answer, answeredAt })),
  rating: doc.rating ?? null,
  closure: doc.closure ? { reasonCode: doc.closure.reasonCode, at: doc.closure.at } : null,
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
  'ComplaintResponded',
  'FollowUpDisputed',
  'ComplaintRated',
  'ComplaintClosed',
  'ComplaintReopened',
  'ComplaintMarkedDuplicate',
]);

interface HistoryEntry {
  type: string;
  actor: { id: string | null; role: string; agencyId: string | null };
}

export const toReporterHistory = <E extends HistoryEntry>(entries: E[]): E[] =>
  entries
    .filter((entry) => REPORTER_HISTORY.has(entry.type))
    .map((entry) => ({ ...entry, actor: { id: null, role: entry.actor.role, agencyId: entry.actor.agencyId } }));
