import { type Actor, type OrganisationTree, type OrgNode, canSeeAgency, mayQuery } from '@lacak/domain';
import { type DeadlineContext, localDateOf } from '@lacak/deadlines';
import {
  COMPLAINT_EXCEPTION_KINDS,
  COMPLAINTS_COLLECTION,
  type ComplaintDocument,
  type ComplaintExceptionKind,
  EXCEPTION_SINCE_FIELDS,
} from '@lacak/projections';
import type { Filter, ReadStore } from '@lacak/read-store';
import type { ListOverdueActions, OverdueAction } from '../evaluations/evaluation-queries';
import { scopeFilter } from './complaint-filters';
import { assertMayRun } from './query-access';

/** Overdue action-plan items: read from the evaluations read model, with an item shape of their own. */
export const OVERDUE_ACTION_ITEMS = 'overdue-action-items';

/**
 * The kinds of exceptions a coordinator acts on. The complaint kinds come from the complaints read
 * model (`complaint-exceptions.ts` in the projections says what makes each one); overdue action-plan
 * items come from the evaluations read model, through `ListOverdueActions`.
 */
export const MONEV_EXCEPTION_KINDS = [...COMPLAINT_EXCEPTION_KINDS, OVERDUE_ACTION_ITEMS] as const;
export type MonevExceptionKind = (typeof MONEV_EXCEPTION_KINDS)[number];

/** A complaint needing a coordinator's action, as any reader of the node's exceptions may see it. */
export interface ComplaintExceptionItem {
  complaintId: string;
  trackingId: string;
  title: string;
  status: ComplaintDocument['status'];
  /** The node holding the complaint now. */
  agency: { id: string; name: string };
  /** When the fact that made it this kind of exception happened. */
  since: string;
  /** Calendar days from `since` to the request, both as local dates in the holding agency's zone. */
  ageDays: number;
}

export interface ExceptionList {
  /**
   * Every complaint of the kind in the node's subtree. An APIP inspector counts rahasia and anonim
   * complaints too but never sees them listed (they reach inspectors only as numbers).
   */
  count: number;
  /** Oldest first (by `since`, then id). */
  items: ComplaintExceptionItem[];
  /** Gives the next items with `kind` and `cursor`; null after the last. */
  nextCursor: string | null;
}

/** The overdue action-plan items of the subtree, most overdue first (as `ListOverdueActions` gives them). */
export interface OverdueActionList {
  count: number;
  /** The first `limit`; no cursor: a subtree's overdue actions are few (one evaluation per agency and year). */
  items: OverdueAction[];
}

export interface MonevExceptionsOverview {
  node: OrgNode;
  asOf: string;
  /** `overdue-action-items` only for a role that may list overdue actions (`list-overdue-actions`). */
  kinds: Record<ComplaintExceptionKind, ExceptionList> & { [OVERDUE_ACTION_ITEMS]?: OverdueActionList };
}

export interface MonevExceptionPage extends ExceptionList {
  node: OrgNode;
  asOf: string;
  kind: ComplaintExceptionKind;
}

export interface MonevOverdueActionPage extends OverdueActionList {
  node: OrgNode;
  asOf: string;
  kind: typeof OVERDUE_ACTION_ITEMS;
}

/** Where a page of one kind starts: after this complaint. */
export interface ExceptionCursor {
  since: string;
  complaintId: string;
}

/** Opaque to clients: base64url of the last item's `since` and id. */
export const encodeExceptionCursor = ({ since, complaintId }: ExceptionCursor): string =>
  Buffer.from(JSON.stringify([since, complaintId])).toString('base64url');

/** The cursor a page handed out, or null when the text is not one. */
export function decodeExceptionCursor(text: string): ExceptionCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2 || !value.every((part) => typeof part === 'string' && part.length > 0 && part.length <= 200)) return null;
    return { since: value[0], complaintId: value[1] };
  } catch {
    return null;
  }
}

export const EXCEPTIONS_DEFAULT_LIMIT = 10;
export const EXCEPTIONS_MAX_LIMIT = 100;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What the exception lists read: the complaints read model, the organisation tree, the agencies'
 * zones and the time, and the overdue action-plan items through their own use case.
 */
export interface MonevExceptionsContext {
  readStore: ReadStore;
  tree: OrganisationTree;
  deadlines: Pick<DeadlineContext, 'zoneOf'>;
  now: () => Date;
  overdueActions: ListOverdueActions;
}

/**
 * The exceptions of a node's subtree: per kind, how many and the oldest, or one kind page by page.
 * Counts read only the kind's index (a subtree's from the `agencyPath` side table); a page reads
 * about as many complaints as it shows. Null when the node is unknown or out of the actor's scope.
 */
export class ListMonevExceptions {
  constructor(private readonly context: MonevExceptionsContext) {}

  async overview(actor: Actor, nodeId: string, limit = EXCEPTIONS_DEFAULT_LIMIT): Promise<MonevExceptionsOverview | null> {
    const node = this.visibleNode(actor, nodeId);
    if (!node) return null;
    const now = this.context.now();
    const [lists, overdue] = await Promise.all([
      Promise.all(COMPLAINT_EXCEPTION_KINDS.map((kind) => this.list(actor, node, kind, limit, undefined, now))),
      // A role that may list exceptions but not action plans (a unit officer) gets the complaints only.
      mayQuery('list-overdue-actions', actor.role) ? this.overdueList(actor, node, limit, now) : null,
    ]);
    const kinds: MonevExceptionsOverview['kinds'] = Object.fromEntries(COMPLAINT_EXCEPTION_KINDS.map((kind, i) => [kind, lists[i]])) as Record<
      ComplaintExceptionKind,
      ExceptionList
    >;
    if (overdue) kinds[OVERDUE_ACTION_ITEMS] = overdue;
    return { node, asOf: now.toISOString(), kinds };
  }

  /** The overdue action-plan items, the first `limit`; refused (403) for a role that may not list overdue actions. */
  async overdueActionPage(actor: Actor, nodeId: string, limit = EXCEPTIONS_DEFAULT_LIMIT): Promise<MonevOverdueActionPage | null> {
    const node = this.visibleNode(actor, nodeId);
    if (!node) return null;
    const now = this.context.now();
    const list = await this.overdueList(actor, node, limit, now);
    return list && { node, asOf: now.toISOString(), kind: OVERDUE_ACTION_ITEMS, ...list };
  }

  async page(
    actor: Actor,
    nodeId: string,
    kind: ComplaintExceptionKind,
    limit = EXCEPTIONS_DEFAULT_LIMIT,
    after?: ExceptionCursor,
  ): Promise<MonevExceptionPage | null> {
    const node = this.visibleNode(actor, nodeId);
    if (!node) return null;
    const now = this.context.now();
    return { node, asOf: now.toISOString(), kind, ...(await this.list(actor, node, kind, limit, after, now)) };
  }

  private visibleNode(actor: Actor, nodeId: string): OrgNode | null {
    assertMayRun('list-monev-exceptions', actor);
    const node = this.context.tree.get(nodeId);
    return node && canSeeAgency(actor, nodeId, this.context.tree) ? node : null;
  }

  /** Read through `ListOverdueActions`, its access rule and reach included; ageing as of the node's local date of `now`. */
  private async overdueList(actor: Actor, node: OrgNode, limit: number, now: Date): Promise<OverdueActionList | null> {
    const today = localDateOf(now.toISOString(), this.context.deadlines.zoneOf(node.id));
    const overdue = await this.context.overdueActions.run(actor, node.id, today);
    return overdue && { count: overdue.length, items: overdue.slice(0, limit) };
  }

  private async list(actor: Actor, node: OrgNode, kind: ComplaintExceptionKind, limit: number, after: ExceptionCursor | undefined, now: Date): Promise<ExceptionList> {
    const field = EXCEPTION_SINCE_FIELDS[kind];
    // The root's subtree is every complaint: read through the kind's own index, not the side table's largest run.
    const subtree: Filter = node.id === this.context.tree.root.id ? {} : { agencyPath: node.id };
    // `$gt: ''`: an instant is there (the partial index holds exactly those), as a range the indexes seek to.
    const ofKind: Filter = { ...subtree, [field]: { $gt: '' } };
    // The reader's own restrictions (an inspector never sees sealed complaints listed); the node lies within their reach.
    const visible: Filter = { ...scopeFilter(actor), ...ofKind };
    const page: Filter = after
      ? { ...visible, $or: [{ [field]: { $gt: after.since } }, { [field]: after.since, _id: { $gt: after.complaintId } }] }
      : visible;
    const complaints = this.context.readStore.collection<ComplaintDocument>(COMPLAINTS_COLLECTION);
    const [count, documents] = await Promise.all([
      complaints.countDocuments(ofKind),
      complaints.find(page, { sort: { [field]: 1, _id: 1 }, limit: limit + 1 }),
    ]);
    const items = documents.slice(0, limit).map((document) => this.itemOf(document, document[field]!, now));
    const last = items[items.length - 1];
    return { count, items, nextCursor: documents.length > limit && last ? encodeExceptionCursor(last) : null };
  }

  private itemOf(document: ComplaintDocument, since: string, now: Date): ComplaintExceptionItem {
    const agencyId = document.currentAgencyId;
    const zone = this.context.deadlines.zoneOf(agencyId);
    return {
      complaintId: document._id,
      trackingId: document.trackingId,
      title: document.title,
      status: document.status,
      agency: { id: agencyId, name: this.context.tree.get(agencyId)?.name ?? agencyId },
      since,
      ageDays: Math.round((Date.parse(localDateOf(now.toISOString(), zone)) - Date.parse(localDateOf(since, zone))) / DAY_MS),
    };
  }
}
