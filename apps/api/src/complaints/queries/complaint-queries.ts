import { Query } from '@nestjs/cqrs';
import type { ComplaintStatus } from '@lacak/domain';
import type { AuditEntryDocument, ComplaintDocument, OmitFields } from '@lacak/projections';

export type ComplaintView = OmitFields<ComplaintDocument, '_id' | 'lastPosition' | 'searchText' | 'agencyPath'> & { id: string };

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
  ) {
    super();
  }
}

export class GetComplaintQuery extends Query<ComplaintView | null> {
  constructor(readonly complaintId: string) {
    super();
  }
}

/** Null when the complaint is unknown; an empty list never happens for a known complaint. */
export class GetComplaintHistoryQuery extends Query<AuditEntryView[] | null> {
  constructor(readonly complaintId: string) {
    super();
  }
}
