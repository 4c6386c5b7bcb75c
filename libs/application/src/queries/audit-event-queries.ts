import { type Actor, auditEventReach } from '@lacak/domain';
import { AUDIT_EVENTS_COLLECTION, type AuditEventDocument, COMPLAINTS_COLLECTION, type ComplaintDocument } from '@lacak/projections';
import type { Filter, ReadStore } from '@lacak/read-store';
import { type AuditEntryView, toAuditEntryView } from './complaint-queries';
import { assertMayRun } from './query-access';

/** Whose events, of which type, in which period (instants, both ends included). */
export interface AuditEventFilter {
  actorId?: string;
  /** The acting agency: that node or any node below it. */
  agencyId?: string;
  type?: string;
  from?: string;
  to?: string;
}

export interface AuditEventPage {
  items: AuditEntryView[];
  page: number;
  pageSize: number;
  total: number;
}

/**
 * `GET /audit/events`: every event by an actor or an agency in a period, within the reader's reach
 * (`auditEventReach`), oldest first, from the audit-events read model.
 */
export class ListAuditEvents {
  constructor(private readonly readStore: ReadStore) {}

  async run(actor: Actor, filter: AuditEventFilter, paging: { page: number; pageSize: number }): Promise<AuditEventPage> {
    assertMayRun('list-audit-events', actor);
    const query = await this.filterFor(actor, filter);
    const empty = { items: [], page: paging.page, pageSize: paging.pageSize, total: 0 };
    if (query === null) return empty;
    const events = this.readStore.collection<AuditEventDocument>(AUDIT_EVENTS_COLLECTION);
    const [documents, total] = await Promise.all([
      events.find(query, { sort: { occurredAt: 1, lastPosition: 1 }, skip: (paging.page - 1) * paging.pageSize, limit: paging.pageSize }),
      events.countDocuments(query),
    ]);
    return { items: documents.map(({ actorAgencyPath: _path, ...entry }) => toAuditEntryView(entry)), page: paging.page, pageSize: paging.pageSize, total };
  }

  /** The filter within the reader's reach; null when it reaches no event. */
  private async filterFor(actor: Actor, filter: AuditEventFilter): Promise<Filter | null> {
    const reach = auditEventReach(actor);
    if (reach.kind === 'nothing') return null;
    const query: Filter = {};
    const paths = [reach.kind === 'subtree' ? reach.agencyId : undefined, filter.agencyId].filter((path): path is string => path !== undefined);
    if (paths.length > 0) query.actorAgencyPath = paths.length === 1 ? paths[0] : { $all: paths };
    if (filter.actorId) query['actor.id'] = filter.actorId;
    if (filter.type) query.type = filter.type;
    if (filter.from || filter.to) {
      query.occurredAt = { ...(filter.from ? { $gte: instant(filter.from) } : {}), ...(filter.to ? { $lte: instant(filter.to) } : {}) };
    }
    if (reach.kind === 'subtree' && reach.sealedExcluded) {
      // The events of rahasia and anonim complaints reach this reader only as counts; which
      // complaints are sealed is the complaints read model's to say (seals are set at submission or
      // verification, never on the events after them, so an event alone cannot tell).
      const sealed = await this.readStore
        .collection<ComplaintDocument>(COMPLAINTS_COLLECTION)
        .find({ $or: [{ confidential: true }, { anonymous: true }] }, { projection: { _id: 1 } });
      if (sealed.length > 0) query.complaintId = { $nin: sealed.map((complaint) => complaint._id) };
    }
    return query;
  }
}

/** Stored instants are UTC ISO strings: a bound given with another offset is compared as the same instant in UTC. */
const instant = (value: string): string => new Date(value).toISOString();
