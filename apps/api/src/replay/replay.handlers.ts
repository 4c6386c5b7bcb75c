import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { GetComplaintChanges, ListAuditEvents, ReplayComplaint } from '@lacak/application/queries';
import { GetComplaintChangesQuery, ListAuditEventsQuery, ReplayComplaintQuery } from './replay.queries';

/** Bus adapters: each hands its query to the application's use case. */

@QueryHandler(ReplayComplaintQuery)
export class ReplayComplaintHandler implements IQueryHandler<ReplayComplaintQuery> {
  constructor(private readonly useCase: ReplayComplaint) {}
  execute = ({ actor, complaintId, point }: ReplayComplaintQuery) => this.useCase.run(actor, complaintId, point);
}

@QueryHandler(GetComplaintChangesQuery)
export class GetComplaintChangesHandler implements IQueryHandler<GetComplaintChangesQuery> {
  constructor(private readonly useCase: GetComplaintChanges) {}
  execute = ({ actor, complaintId, from, to }: GetComplaintChangesQuery) => this.useCase.run(actor, complaintId, from, to);
}

@QueryHandler(ListAuditEventsQuery)
export class ListAuditEventsHandler implements IQueryHandler<ListAuditEventsQuery> {
  constructor(private readonly useCase: ListAuditEvents) {}
  execute = ({ actor, filter, paging }: ListAuditEventsQuery) => this.useCase.run(actor, filter, paging);
}
