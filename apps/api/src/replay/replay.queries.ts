import { Query } from '@nestjs/cqrs';
import type { AuditEventFilter, AuditEventPage, ComplaintAsOf, ComplaintChanges, ReplayPoint } from '@lacak/application/queries';
import type { Actor } from '@lacak/domain';

/** Null when the complaint is unknown or outside the actor's scope: the two look the same. */
export class ReplayComplaintQuery extends Query<ComplaintAsOf | null> {
  constructor(
    readonly complaintId: string,
    readonly point: ReplayPoint,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Null when the complaint is unknown or outside the actor's scope. */
export class GetComplaintChangesQuery extends Query<ComplaintChanges | null> {
  constructor(
    readonly complaintId: string,
    readonly from: bigint,
    readonly to: bigint,
    readonly actor: Actor,
  ) {
    super();
  }
}

export class ListAuditEventsQuery extends Query<AuditEventPage> {
  constructor(
    readonly filter: AuditEventFilter,
    readonly paging: { page: number; pageSize: number },
    readonly actor: Actor,
  ) {
    super();
  }
}
