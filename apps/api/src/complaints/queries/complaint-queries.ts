import { Query } from '@nestjs/cqrs';
import type { Actor, ComplaintStatus } from '@lacak/domain';
import type { AuditEntryDocument, ComplaintDocument, OmitFields } from '@lacak/projections';

export type ComplaintView = OmitFields<ComplaintDocument, '_id' | 'lastPosition' | 'searchText' | 'agencyPath' | 'reporterAccountId'> & {
  id: string;
};

export interface ComplaintPage {
  items: ComplaintView[];
  page: number;
  pageSize: number;
  total: number;
}

export type AuditEntryView = OmitFields<AuditEntryDocument, '_id' | 'lastPosition'> & { eventId: string };

export class ListComplaintsQuery extends Query<ComplaintPage> {
  constructor(
    readonly filter: { agencyId?: string; status?: ComplaintStatus[]; text?: string },
    readonly paging: { page: number; pageSize: number; oldestFirst: boolean },
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Null when the complaint is unknown or outside the actor's scope: the two look the same. */
export class GetComplaintQuery extends Query<ComplaintView | null> {
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
    readonly filter: { agencyId?: string; status?: ComplaintStatus[]; text?: string },
    readonly actor: Actor,
  ) {
    super();
  }
}
