import { Query } from '@nestjs/cqrs';
import type { Actor, ComplaintStatus } from '@lacak/domain';
import type { ReporterComplaintView } from './reporter-view';
import type { AuditEntryDocument, ClockName, ComplaintDocument, OmitFields } from '@lacak/projections';

export type ComplaintView = OmitFields<ComplaintDocument, '_id' | 'lastPosition' | 'searchText' | 'agencyPath' | 'reporterAccountId' | 'revision'> & {
  id: string;
  /** The 64-bit stream revision: the API gives every revision as a string of digits, since JSON numbers lose precision past 2^53. */
  revision: string;
  /** Working days left on each running clock as of the request, in the agency's zone; negative once overdue. */
  remainingWorkingDays?: Partial<Record<ClockName, number>>;
};

export interface QueueFilter {
  agencyId?: string;
  status?: ComplaintStatus[];
  text?: string;
  overdue?: boolean;
  escalated?: boolean;
}

export interface ComplaintPage {
  /** Reporters get the reporter view of their own complaints. */
  items: (ComplaintView | ReporterComplaintView)[];
  page: number;
  pageSize: number;
  total: number;
}

export type AuditEntryView = OmitFields<AuditEntryDocument, '_id' | 'lastPosition' | 'revision'> & { eventId: string; revision: string };

export class ListComplaintsQuery extends Query<ComplaintPage> {
  constructor(
    readonly filter: QueueFilter,
    readonly paging: { page: number; pageSize: number; sort: 'oldest' | 'newest' | 'due' },
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Null when the complaint is unknown or outside the actor's scope: the two look the same. */
export class GetComplaintQuery extends Query<ComplaintView | ReporterComplaintView | null> {
  constructor(
    readonly complaintId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Null when the complaint is unknown or outside the actor's scope. */
export class GetComplaintHistoryQuery extends Query<AuditEntryView[] | null> {
  constructor(
    readonly complaintId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** The work queue as rows for a CSV export, within the actor's scope, oldest first. */
export class ExportComplaintsQuery extends Query<ComplaintDocument[]> {
  constructor(
    readonly filter: QueueFilter,
    readonly actor: Actor,
  ) {
    super();
  }
}
