import { Query } from '@nestjs/cqrs';
import type { AuditEntryView, ComplaintDetail, ComplaintPage, ComplaintView, Paging, QueueFilter } from '@lacak/application/queries';
import type { Actor } from '@lacak/domain';
import type { ComplaintDocument } from '@lacak/projections';

export type { AuditEntryView, ComplaintPage, ComplaintView, QueueFilter };

export class ListComplaintsQuery extends Query<ComplaintPage> {
  constructor(
    readonly filter: QueueFilter,
    readonly paging: Paging,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Null when the complaint is unknown or outside the actor's scope: the two look the same. */
export class GetComplaintQuery extends Query<ComplaintDetail | null> {
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
