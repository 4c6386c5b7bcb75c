import { type AgencyScope, type CommandName, type ComplaintStatus, isOpenReporterQuestion, trackingActor } from '@lacak/domain';
import { type DeadlineContext, INDONESIAN_ZONES, type IndonesianZone } from '@lacak/deadlines';
import { COMPLAINTS_COLLECTION, type ComplaintDocument } from '@lacak/projections';
import type { Filter, ReadStore } from '@lacak/read-store';
import { allowedActionsOn, decisionStateOf } from './allowed-actions';
import { reporterWindowEndsAt } from '../reporter-windows';
import { PUBLIC_FILTER } from './complaint-filters';
import { PUBLIC_STATUS } from './public-status';
import { type ReporterComplaintView, type ReporterQuestion, reporterQuestions } from './reporter-view';

export interface PublicFollowUpView {
  followUp: string;
  at: string;
}

export interface PublicComplaintView {
  trackingId: string;
  title: string;
  description: string;
  category: string | null;
  publicStatus: string;
  submittedAt: string;
  followUps: PublicFollowUpView[];
}

export interface PublicComplaintPageView {
  items: PublicComplaintView[];
  page: number;
  total: number;
}

const followUpsOf = (complaint: ComplaintDocument): PublicFollowUpView[] => complaint.followUps.map(({ followUp, at }) => ({ followUp, at }));

/** What anyone may read without an account: content and follow-ups of public complaints, newest first, never identity. */
export class ListPublicComplaints {
  constructor(private readonly readStore: ReadStore) {}

  async run(category: string | undefined, page: number, pageSize: number): Promise<PublicComplaintPageView> {
    const filter: Filter = category ? { ...PUBLIC_FILTER, category } : PUBLIC_FILTER;
    const complaints = this.readStore.collection<ComplaintDocument>(COMPLAINTS_COLLECTION);
    const [documents, total] = await Promise.all([
      complaints.find(filter, { sort: { submittedAt: -1, _id: -1 }, skip: (page - 1) * pageSize, limit: pageSize }),
      complaints.countDocuments(filter),
    ]);
    const items = documents.map((d) => ({
      trackingId: d.trackingId,
      title: d.title,
      description: d.description,
      category: d.category,
      publicStatus: PUBLIC_STATUS[d.status],
      submittedAt: d.submittedAt,
      followUps: followUpsOf(d),
    }));
    return { items, page, total };
  }
}

export interface TrackingViewData {
  trackingId: string;
  status: ComplaintStatus;
  publicStatus: string;
  submittedAt: string;
  updatedAt: string;
  followUps: PublicFollowUpView[];
  openQuestions: { clarificationId: string; question: string; requestedAt: string }[];
  answeredQuestions: ReporterQuestion[];
  /** A string of digits: what If-Match sends back. */
  revision: string;
  rating: NonNullable<ComplaintDocument['rating']> | null;
  closure: ReporterComplaintView['closure'];
  /** Until when the latest follow-up may be disputed; null before any follow-up. */
  disputeWindowEndsAt: string | null;
  /** The zone of the agency holding the complaint, in which its times read best. */
  zone: (typeof INDONESIAN_ZONES)[IndonesianZone];
  /** What the holder of the tracking credential may do now, each a `POST /track/{trackingId}/<action>`. */
  allowedActions: TrackingAction[];
}

/**
 * What the reporter does with the tracking credential, by the lifecycle command each one is. A reporter
 * closes a complaint only by accepting its follow-up, so `close` allowed means `accept` allowed.
 */
export const TRACKING_ACTIONS = { 'answer-clarification': 'answer-clarification', accept: 'close', rate: 'rate', dispute: 'dispute' } as const satisfies Record<string, CommandName>;
export type TrackingAction = keyof typeof TRACKING_ACTIONS;

/** Whether a tracking secret opens the complaint; the secrets are derived by the API from its key. */
export type TrackingSecretCheck = (complaintId: string, secret: string) => boolean;

/**
 * The complaint a tracking id and its secret open, for its reporter without an account; null for
 * an unknown tracking id and a wrong secret alike, so neither can be probed.
 */
export class TrackedComplaints {
  constructor(
    private readonly readStore: ReadStore,
    private readonly secretOpens: TrackingSecretCheck,
  ) {}

  async find(trackingId: string, secret: string | undefined): Promise<ComplaintDocument | null> {
    const complaint = await this.readStore.collection<ComplaintDocument>(COMPLAINTS_COLLECTION).findOne({ trackingId: trackingId.toUpperCase() });
    return complaint && secret && this.secretOpens(complaint._id, secret) ? complaint : null;
  }
}

/** Where a complaint stands, for its reporter with the tracking secret: follow-ups and questions, never internal notes. */
export class TrackComplaint {
  constructor(
    private readonly tracked: TrackedComplaints,
    private readonly context: { scope: AgencyScope; deadlines: DeadlineContext; now: () => Date },
  ) {}

  async run(trackingId: string, secret: string | undefined): Promise<TrackingViewData | null> {
    const complaint = await this.tracked.find(trackingId, secret);
    if (!complaint) return null;
    return {
      trackingId: complaint.trackingId,
      status: complaint.status,
      publicStatus: PUBLIC_STATUS[complaint.status],
      submittedAt: complaint.submittedAt,
      updatedAt: complaint.updatedAt,
      followUps: followUpsOf(complaint),
      openQuestions: complaint.clarifications
        .filter(isOpenReporterQuestion)
        .map(({ clarificationId, question, requestedAt }) => ({ clarificationId, question, requestedAt })),
      answeredQuestions: reporterQuestions(complaint).filter((q) => q.answeredAt !== null),
      revision: String(complaint.revision),
      rating: complaint.rating ?? null,
      closure: complaint.closure ? { reasonCode: complaint.closure.reasonCode, at: complaint.closure.at } : null,
      disputeWindowEndsAt: reporterWindowEndsAt(this.context.deadlines, decisionStateOf(complaint), complaint.followUps.at(-1)?.at ?? null, 'disputeWindow'),
      zone: INDONESIAN_ZONES[this.context.deadlines.zoneOf(complaint.currentAgencyId)],
      allowedActions: this.allowedActions(complaint),
    };
  }

  /** The decider's answer for the holder of the tracking credential, as the tracking routes name them. */
  private allowedActions(complaint: ComplaintDocument): TrackingAction[] {
    const allowed = allowedActionsOn(complaint, trackingActor(complaint.trackingId), this.context, this.context.now());
    return (Object.keys(TRACKING_ACTIONS) as TrackingAction[]).filter((action) => allowed.includes(TRACKING_ACTIONS[action]));
  }
}
