import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { ListPublicComplaints, type PublicComplaintPageView, TrackComplaint, type TrackingViewData } from '@lacak/application/queries';

export class ListPublicComplaintsQuery extends Query<PublicComplaintPageView> {
  constructor(
    readonly category: string | undefined,
    readonly page: number,
    readonly pageSize: number,
  ) {
    super();
  }
}

/** Null for an unknown tracking id and a wrong secret alike. */
export class TrackComplaintQuery extends Query<TrackingViewData | null> {
  constructor(
    readonly trackingId: string,
    readonly secret: string | undefined,
  ) {
    super();
  }
}

@QueryHandler(ListPublicComplaintsQuery)
export class ListPublicComplaintsHandler implements IQueryHandler<ListPublicComplaintsQuery> {
  constructor(private readonly useCase: ListPublicComplaints) {}
  execute = ({ category, page, pageSize }: ListPublicComplaintsQuery) => this.useCase.run(category, page, pageSize);
}

@QueryHandler(TrackComplaintQuery)
export class TrackComplaintHandler implements IQueryHandler<TrackComplaintQuery> {
  constructor(private readonly useCase: TrackComplaint) {}
  execute = ({ trackingId, secret }: TrackComplaintQuery) => this.useCase.run(trackingId, secret);
}
