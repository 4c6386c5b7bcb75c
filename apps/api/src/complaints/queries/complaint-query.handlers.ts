import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type Actor, type OrganisationTree, canSeeComplaint, maySeeContent, holderOf, holdingOf } from '@lacak/domain';
import { type DeadlineContext, remainingWorkingDays } from '@lacak/deadlines';
import {
  AUDIT_TRAIL_COLLECTION,
  type AuditEntryDocument,
  type ClockName,
  type ClockView,
  COMPLAINTS_COLLECTION,
  type ComplaintDocument,
} from '@lacak/projections';
import { type Filter, READ_STORE, type ReadStore, type SortSpec } from '@lacak/read-store';
import { CLOCK, type Clock, DEADLINE_CONTEXT, ORGANISATION_TREE } from '../../infrastructure/tokens';
import {
  type AuditEntryView,
  type ComplaintPage,
  type ComplaintView,
  ExportComplaintsQuery,
  GetComplaintHistoryQuery,
  GetComplaintQuery,
  ListComplaintsQuery,
} from './complaint-queries';
import { scopeFilter } from './complaint-scope';
import { type ReporterComplaintView, toReporterHistory, toReporterView } from './reporter-view';

/**
 * A complaint as an officer, inspector or auditor sees it. Investigation findings name officials:
 * readers the access matrix keeps from them see that findings were recorded and their conclusion,
 * with the summary withheld (null).
 */
export function toView(document: ComplaintDocument, actor: Actor): ComplaintView {
  const { _id, lastPosition: _position, searchText: _search, agencyPath: _path, reporterAccountId: _reporter, revision, ...rest } = document;
  const investigation =
    rest.investigation && !maySeeContent('investigation findings (summary)', actor.role)
      ? { ...rest.investigation, summary: null }
      : rest.investigation;
  return { id: _id, ...rest, revision: String(revision), investigation };
}

/**
 * Remaining working days are relative to now, so they are computed per request, not stored. Due
 * instants fall at the end of a local day, so a page repeats few of them: `memo` computes each once.
 */
export function withRemainingDays(view: ComplaintView, deadlines: DeadlineContext, now: Date, memo = new Map<string, number>()): ComplaintView {
  if (!view.deadlines) return view;
  const zone = deadlines.zoneOf(holderOf(view));
  const remaining: Partial<Record<ClockName, number>> = {};
  for (const [clock, state] of Object.entries(view.deadlines) as [ClockName, ClockView][]) {
    if (!('due' in state)) {
      remaining[clock] = state.remainingDays;
      continue;
    }
    const key = `${state.due}|${zone}`;
    let days = memo.get(key);
    if (days === undefined) {
      days = remainingWorkingDays(state.due, now.toISOString(), deadlines.calendar, zone);
      memo.set(key, days);
    }
    remaining[clock] = days;
  }
  return { ...view, remainingWorkingDays: remaining };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The work-queue filter within the actor's scope; null when the actor may see no complaint. Kept
 * flat (one condition per field) so the read store can answer it from an index.
 */
export function queueFilter(actor: Actor, filter: ListComplaintsQuery['filter']): Filter | null {
  const scope = scopeFilter(actor);
  if (scope === null) return null;
  const query: Filter = { ...scope };
  if (filter.agencyId) {
    const paths = [scope.agencyPath, filter.agencyId].filter((path): path is string => typeof path === 'string');
    query.agencyPath = paths.length === 1 ? paths[0] : { $all: paths };
  }
  if (filter.status?.length) query.status = filter.status.length === 1 ? filter.status[0] : { $in: filter.status };
  if (filter.text) query.searchText = { $regex: escapeRegExp(filter.text.toLowerCase()) };
  if (filter.overdue !== undefined) query.isOverdue = filter.overdue;
  if (filter.escalated !== undefined) query.isEscalated = filter.escalated;
  return query;
}

@QueryHandler(ListComplaintsQuery)
export class ListComplaintsHandler implements IQueryHandler<ListComplaintsQuery> {
  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(DEADLINE_CONTEXT) private readonly deadlines: DeadlineContext,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ filter, paging, actor }: ListComplaintsQuery): Promise<ComplaintPage> {
    const empty = { items: [], page: paging.page, pageSize: paging.pageSize, total: 0 };
    const query = queueFilter(actor, filter);
    if (query === null) return empty;
    const complaints = this.readStore.collection<ComplaintDocument>(COMPLAINTS_COLLECTION);
    const sort: SortSpec =
      paging.sort === 'due'
        ? { nextDueAt: 1, _id: 1 }
        : paging.sort === 'oldest'
          ? { submittedAt: 1, _id: 1 }
          : { submittedAt: -1, _id: -1 };
    const [items, total] = await Promise.all([
      complaints.find(paging.sort === 'due' ? { ...query, nextDueAt: { $ne: null } } : query, {
        sort,
        skip: (paging.page - 1) * paging.pageSize,
        limit: paging.pageSize,
      }),
      complaints.countDocuments(query),
    ]);
    const now = this.clock.now();
    const memo = new Map<string, number>();
    const views = items.map((d) => (actor.role === 'reporter' ? toReporterView(d) : withRemainingDays(toView(d, actor), this.deadlines, now, memo)));
    return { items: views, page: paging.page, pageSize: paging.pageSize, total };
  }
}

/** The complaint's document when the actor may see it. */
export async function visibleComplaint(
  readStore: ReadStore,
  tree: OrganisationTree,
  complaintId: string,
  actor: Actor,
): Promise<ComplaintDocument | null> {
  const document = await readStore.collection<ComplaintDocument>(COMPLAINTS_COLLECTION).findOne({ _id: complaintId });
  return document && canSeeComplaint(actor, holdingOf(document), tree) ? document : null;
}

@QueryHandler(GetComplaintQuery)
export class GetComplaintHandler implements IQueryHandler<GetComplaintQuery> {
  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(ORGANISATION_TREE) private readonly tree: OrganisationTree,
    @Inject(DEADLINE_CONTEXT) private readonly deadlines: DeadlineContext,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ complaintId, actor }: GetComplaintQuery): Promise<ComplaintView | ReporterComplaintView | null> {
    const document = await visibleComplaint(this.readStore, this.tree, complaintId, actor);
    if (!document) return null;
    return actor.role === 'reporter' ? toReporterView(document) : withRemainingDays(toView(document, actor), this.deadlines, this.clock.now());
  }
}

@QueryHandler(GetComplaintHistoryQuery)
export class GetComplaintHistoryHandler implements IQueryHandler<GetComplaintHistoryQuery> {
  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(ORGANISATION_TREE) private readonly tree: OrganisationTree,
  ) {}

  async execute({ complaintId, actor }: GetComplaintHistoryQuery): Promise<AuditEntryView[] | null> {
    if (!(await visibleComplaint(this.readStore, this.tree, complaintId, actor))) return null;
    const entries = await this.readStore
      .collection<AuditEntryDocument>(AUDIT_TRAIL_COLLECTION)
      .find({ complaintId }, { sort: { lastPosition: 1 } });
    const views = entries.map(({ _id, lastPosition: _position, revision, ...rest }) => ({ eventId: _id, ...rest, revision: String(revision) }));
    return actor.role === 'reporter' ? toReporterHistory(views) : views;
  }
}

/** Most rows one export returns; larger extracts are narrowed by agency, status or text. */
export const EXPORT_LIMIT = 10_000;

@QueryHandler(ExportComplaintsQuery)
export class ExportComplaintsHandler implements IQueryHandler<ExportComplaintsQuery> {
  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  async execute({ filter, actor }: ExportComplaintsQuery): Promise<ComplaintDocument[]> {
    const query = queueFilter(actor, filter);
    if (query === null) return [];
    return this.readStore
      .collection<ComplaintDocument>(COMPLAINTS_COLLECTION)
      .find(query, { sort: { submittedAt: 1, _id: 1 }, limit: EXPORT_LIMIT });
  }
}
