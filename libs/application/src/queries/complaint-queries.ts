import { type Actor, type AgencyScope, type CommandName, canSeeComplaint, holderOf, holdingOf, mayReadIdentity, maySeeContent } from '@lacak/domain';
import { type DeadlineContext, remainingWorkingDays } from '@lacak/deadlines';
import {
  type AttachmentEntry,
  AUDIT_TRAIL_COLLECTION,
  type AuditEntryDocument,
  type ClockName,
  type ClockView,
  COMPLAINTS_COLLECTION,
  type ComplaintDocument,
  type ExceptionSinceField,
  type OmitFields,
  withoutExceptionFields,
} from '@lacak/projections';
import type { Filter, ReadStore, SortSpec } from '@lacak/read-store';
import { allowedActionsOn } from './allowed-actions';
import { assertMayRun } from './query-access';
import { type QueueFilter, queueFilter } from './complaint-filters';
import { type ReporterComplaintView, toReporterHistory, toReporterView } from './reporter-view';

export type ComplaintView = OmitFields<
  ComplaintDocument,
  '_id' | 'lastPosition' | 'searchText' | 'agencyPath' | 'reporterAccountId' | 'revision' | ExceptionSinceField
> & {
  id: string;
  /** The 64-bit stream revision: the API gives every revision as a string of digits, since JSON numbers lose precision past 2^53. */
  revision: string;
  /** Working days left on each running clock as of the request, in the agency's zone; negative once overdue. */
  remainingWorkingDays?: Partial<Record<ClockName, number>>;
};

export interface ComplaintPage {
  /** Reporters get the reporter view of their own complaints. */
  items: (ComplaintView | ReporterComplaintView)[];
  page: number;
  pageSize: number;
  total: number;
}

export type AuditEntryView = OmitFields<AuditEntryDocument, '_id' | 'lastPosition' | 'revision' | 'summaryInIndonesian'> & {
  eventId: string;
  revision: string;
  /** Null for an entry projected before the Indonesian summary was kept, until a rebuild: read `summary`. */
  summaryInIndonesian: string | null;
};

/** An audit-trail entry as the API gives it: the event id, the revision as a string of digits, both summaries. */
export const toAuditEntryView = ({ _id, lastPosition: _position, revision, summaryInIndonesian, ...rest }: AuditEntryDocument): AuditEntryView => ({
  eventId: _id,
  ...rest,
  revision: String(revision),
  summaryInIndonesian: summaryInIndonesian ?? null,
});

export interface Paging {
  page: number;
  pageSize: number;
  sort: 'oldest' | 'newest' | 'due';
}

/** What the complaint queries read: the read store, the organisation tree, the deadlines and the time. */
export interface ComplaintReadContext {
  readStore: ReadStore;
  scope: AgencyScope;
  deadlines: DeadlineContext;
  now: () => Date;
}

/**
 * The attachments the reader sees: a document the reporter marked identifying is shown only to
 * those who may read the reporter's identity (the identity seal's rules), like the identity itself.
 */
export const visibleAttachments = (document: ComplaintDocument, actor: Actor, scope: AgencyScope): AttachmentEntry[] => {
  const attachments = document.attachments ?? [];
  if (!attachments.some((a) => a.identifying)) return attachments;
  const seesIdentity = mayReadIdentity(actor, holdingOf(document), scope).allowed;
  return seesIdentity ? attachments : attachments.filter((a) => !a.identifying);
};

/**
 * A complaint as an officer, inspector or auditor sees it. Investigation findings name officials:
 * readers the access matrix keeps from them see that findings were recorded and their conclusion,
 * with the summary withheld (null). Identifying attachments follow the identity seal.
 */
export function toView(document: ComplaintDocument, actor: Actor, scope: AgencyScope): ComplaintView {
  // Monev's working days to the first follow-up are a figure for the rollup, counted with the calendar
  // known then; the detail shows the follow-ups themselves.
  const {
    _id,
    lastPosition: _position,
    searchText: _search,
    agencyPath: _path,
    reporterAccountId: _reporter,
    firstFollowUpWorkingDays: _workingDays,
    revision,
    ...rest
  } = withoutExceptionFields(document);
  const investigation =
    rest.investigation && !maySeeContent('investigation findings (summary)', actor.role)
      ? { ...rest.investigation, summary: null }
      : rest.investigation;
  return { id: _id, ...rest, revision: String(revision), investigation, attachments: visibleAttachments(document, actor, scope) };
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

/** The reader's view of one complaint: the reporter's own view, or the officers' with its clocks. */
const viewFor = (document: ComplaintDocument, actor: Actor, context: ComplaintReadContext, now: Date, memo?: Map<string, number>) =>
  actor.role === 'reporter'
    ? toReporterView(document)
    : withRemainingDays(toView(document, actor, context.scope), context.deadlines, now, memo);

/** The complaint's document when the actor may see it; an unknown complaint and one out of scope look the same. */
async function visibleComplaint(context: ComplaintReadContext, complaintId: string, actor: Actor): Promise<ComplaintDocument | null> {
  const document = await context.readStore.collection<ComplaintDocument>(COMPLAINTS_COLLECTION).findOne({ _id: complaintId });
  return document && canSeeComplaint(actor, holdingOf(document), context.scope) ? document : null;
}

/** The work queue: the complaints within the actor's scope, filtered and paged. */
export class ListComplaints {
  constructor(private readonly context: ComplaintReadContext) {}

  async run(actor: Actor, filter: QueueFilter, paging: Paging): Promise<ComplaintPage> {
    assertMayRun('list-complaints', actor);
    const query = queueFilter(actor, filter);
    if (query === null) return { items: [], page: paging.page, pageSize: paging.pageSize, total: 0 };
    const complaints = this.context.readStore.collection<ComplaintDocument>(COMPLAINTS_COLLECTION);
    const sort: SortSpec =
      paging.sort === 'due' ? { nextDueAt: 1, _id: 1 } : paging.sort === 'oldest' ? { submittedAt: 1, _id: 1 } : { submittedAt: -1, _id: -1 };
    // Sorted by due, the queue is the complaints with a clock running; the total counts the same ones, so
    // the pages add up.
    const listed = paging.sort === 'due' ? { ...query, nextDueAt: { $ne: null } } : query;
    const [items, total] = await Promise.all([
      complaints.find(listed, { sort, skip: (paging.page - 1) * paging.pageSize, limit: paging.pageSize }),
      complaints.countDocuments(listed),
    ]);
    const now = this.context.now();
    const memo = new Map<string, number>();
    return { items: items.map((document) => viewFor(document, actor, this.context, now, memo)), page: paging.page, pageSize: paging.pageSize, total };
  }
}

/** One complaint as its reader sees it, with the lifecycle commands the reader may issue on it now. */
export type ComplaintDetail = (ComplaintView | ReporterComplaintView) & { allowedActions: CommandName[] };

/** One complaint as the actor may see it; null when it is unknown or out of scope. */
export class GetComplaint {
  constructor(private readonly context: ComplaintReadContext) {}

  async run(actor: Actor, complaintId: string): Promise<ComplaintDetail | null> {
    assertMayRun('get-complaint', actor);
    const document = await visibleComplaint(this.context, complaintId, actor);
    if (!document) return null;
    const now = this.context.now();
    return { ...viewFor(document, actor, this.context, now), allowedActions: allowedActionsOn(document, actor, this.context, now) };
  }
}

/** The audit trail of one complaint, oldest first; the reporter's history for a reporter; null when unknown or out of scope. */
export class GetComplaintHistory {
  constructor(private readonly context: ComplaintReadContext) {}

  async run(actor: Actor, complaintId: string): Promise<AuditEntryView[] | null> {
    assertMayRun('get-complaint-history', actor);
    if (!(await visibleComplaint(this.context, complaintId, actor))) return null;
    const entries = await this.context.readStore
      .collection<AuditEntryDocument>(AUDIT_TRAIL_COLLECTION)
      .find({ complaintId }, { sort: { lastPosition: 1 } });
    const views = entries.map(toAuditEntryView);
    return actor.role === 'reporter' ? toReporterHistory(views) : views;
  }
}

/** Most rows one export returns; larger extracts are narrowed by agency, status or text. */
export const EXPORT_LIMIT = 10_000;

/** Rows one export reads at once. */
export const EXPORT_PAGE_SIZE = 500;

/** The work queue as rows for a CSV export, within the actor's scope, oldest first. */
export class ExportComplaints {
  constructor(private readonly context: ComplaintReadContext) {}

  async run(actor: Actor, filter: QueueFilter): Promise<ComplaintDocument[]> {
    const rows: ComplaintDocument[] = [];
    for await (const page of this.pages(actor, filter)) rows.push(...page);
    return rows;
  }

  /**
   * The same rows a page at a time, each read after the last row of the one before in (`submittedAt`,
   * `_id`) order, so a caller that writes each page out never holds the whole export.
   */
  async *pages(actor: Actor, filter: QueueFilter, pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<ComplaintDocument[]> {
    assertMayRun('export-complaints', actor);
    const query = queueFilter(actor, filter);
    if (query === null) return;
    const complaints = this.context.readStore.collection<ComplaintDocument>(COMPLAINTS_COLLECTION);
    let last: ComplaintDocument | undefined;
    for (let read = 0; read < EXPORT_LIMIT; ) {
      const after: Filter = last
        ? { $or: [{ submittedAt: { $gt: last.submittedAt } }, { submittedAt: last.submittedAt, _id: { $gt: last._id } }] }
        : {};
      // queueFilter never uses `$or`, so the page's condition joins it without an `$and` (which `$text` may not sit in).
      const page = await complaints.find({ ...query, ...after }, { sort: { submittedAt: 1, _id: 1 }, limit: Math.min(pageSize, EXPORT_LIMIT - read) });
      if (page.length > 0) yield page;
      if (page.length < pageSize) return;
      read += page.length;
      last = page[page.length - 1];
    }
  }
}
