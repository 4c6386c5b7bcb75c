import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ExportComplaints, GetComplaint, GetComplaintHistory, ListComplaints } from '@lacak/application/queries';
import { ExportComplaintsQuery, GetComplaintHistoryQuery, GetComplaintQuery, ListComplaintsQuery } from './complaint-queries';

/** Bus adapters: each hands its query to the application's use case. */

@QueryHandler(ListComplaintsQuery)
export class ListComplaintsHandler implements IQueryHandler<ListComplaintsQuery> {
  constructor(private readonly useCase: ListComplaints) {}
  execute = ({ actor, filter, paging }: ListComplaintsQuery) => this.useCase.run(actor, filter, paging);
}

@QueryHandler(GetComplaintQuery)
export class GetComplaintHandler implements IQueryHandler<GetComplaintQuery> {
  constructor(private readonly useCase: GetComplaint) {}
  execute = ({ actor, complaintId }: GetComplaintQuery) => this.useCase.run(actor, complaintId);
}

@QueryHandler(GetComplaintHistoryQuery)
export class GetComplaintHistoryHandler implements IQueryHandler<GetComplaintHistoryQuery> {
  constructor(private readonly useCase: GetComplaintHistory) {}
  execute = ({ actor, complaintId }: GetComplaintHistoryQuery) => this.useCase.run(actor, complaintId);
}

@QueryHandler(ExportComplaintsQuery)
export class ExportComplaintsHandler implements IQueryHandler<ExportComplaintsQuery> {
  constructor(private readonly useCase: ExportComplaints) {}
  execute = ({ actor, filter }: ExportComplaintsQuery) => this.useCase.run(actor, filter);
}
