import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import {
  AUDIT_TRAIL_COLLECTION,
  type AuditEntryDocument,
  COMPLAINTS_COLLECTION,
  type ComplaintDocument,
} from '@lacak/projections';
import { type Filter, READ_STORE, type ReadStore } from '@lacak/read-store';
import {
  type AuditEntryView,
  type ComplaintPage,
  type ComplaintView,
  GetComplaintHistoryQuery,
  GetComplaintQuery,
  ListComplaintsQuery,
} from './complaint-queries';

const toView = ({ _id, lastPosition: _p, searchText: _s, agencyPath: _a, ...rest }: ComplaintDocument): ComplaintView => ({ id: _id, ...rest });

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

@QueryHandler(ListComplaintsQuery)
export class ListComplaintsHandler implements IQueryHandler<ListComplaintsQuery> {
  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  async execute({ filter, paging }: ListComplaintsQuery): Promise<ComplaintPage> {
    const query: Filter = {};
    if (filter.agencyId) query.agencyPath = filter.agencyId;
    if (filter.status?.length) query.status = { $in: filter.status };
    if (filter.text) query.searchText = { $regex: escapeRegExp(filter.text.toLowerCase()) };
    const complaints = this.readStore.collection<ComplaintDocument>(COMPLAINTS_COLLECTION);
    const direction = paging.oldestFirst ? 1 : -1;
    const [items, total] = await Promise.all([
      complaints.find(query, {
        sort: { submittedAt: direction, _id: direction },
        skip: (paging.page - 1) * paging.pageSize,
        limit: paging.pageSize,
      }),
      complaints.countDocuments(query),
    ]);
    return { items: items.map(toView), page: paging.page, pageSize: paging.pageSize, total };
  }
}

@QueryHandler(GetComplaintQuery)
export class GetComplaintHandler implements IQueryHandler<GetComplaintQuery> {
  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  async execute({ complaintId }: GetComplaintQuery): Promise<ComplaintView | null> {
    const document = await this.readStore.collection<ComplaintDocument>(COMPLAINTS_COLLECTION).findOne({ _id: complaintId });
    return document ? toView(document) : null;
  }
}

@QueryHandler(GetComplaintHistoryQuery)
export class GetComplaintHistoryHandler implements IQueryHandler<GetComplaintHistoryQuery> {
  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  async execute({ complaintId }: GetComplaintHistoryQuery): Promise<AuditEntryView[] | null> {
    const entries = await this.readStore
      .collection<AuditEntryDocument>(AUDIT_TRAIL_COLLECTION)
      .find({ complaintId }, { sort: { revision: 1 } });
    if (entries.length === 0) return null;
    return entries.map(({ _id, lastPosition: _p, ...rest }) => ({ eventId: _id, ...rest }));
  }
}
