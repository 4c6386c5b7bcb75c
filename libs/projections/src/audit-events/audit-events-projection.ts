import type { OrganisationTree } from '@lacak/domain';
import type { RecordedEvent } from '@lacak/event-store';
import type { IndexSpec } from '@lacak/read-store';
import { type AuditEntryDocument, AuditTrailProjection } from '../audit-trail/audit-trail-projection';
import type { DocumentProjection, Draft } from '../projection';

export const AUDIT_EVENTS_COLLECTION = 'audit_events';

/**
 * One event as the audit trail shows it (the role but never the account of a reporter, no identity,
 * findings by their conclusion only), filed under the path of the agency that acted, so the events
 * of an agency and everything below it are one equality match, as the work queue's complaints are.
 */
export interface AuditEventDocument extends AuditEntryDocument {
  /** Root-to-node path of the actor's agency; empty for reporters and the system, who act for none. */
  actorAgencyPath: string[];
}

/**
 * Every event by whom and when, across complaints, for auditors: `GET /audit/events`. The same
 * entries as the audit trail, which is kept per complaint; this one is kept per actor, agency and time.
 */
export class AuditEventsProjection implements DocumentProjection<AuditEventDocument> {
  readonly name = 'audit-events';
  readonly collection = AUDIT_EVENTS_COLLECTION;
  /**
   * One index per filter, each in equality–sort–range order: a page sorts by `occurredAt` and then
   * the log order (`lastPosition`: each document holds one event, so it is unique); `from`/`to` are
   * a range on `occurredAt`, the event type and the other filters are checked on the fetched entries.
   */
  readonly indexes: IndexSpec[] = [
    { name: 'actor_time', keys: { 'actor.id': 1, occurredAt: 1, lastPosition: 1 } },
    { name: 'agency_time', keys: { actorAgencyPath: 1, occurredAt: 1, lastPosition: 1 } },
    { name: 'type_time', keys: { type: 1, occurredAt: 1, lastPosition: 1 } },
    { name: 'time', keys: { occurredAt: 1, lastPosition: 1 } },
  ];
  private readonly entries: AuditTrailProjection;

  constructor(private readonly tree: OrganisationTree) {
    this.entries = new AuditTrailProjection(tree);
  }

  get streamPrefixes(): string[] {
    return this.entries.streamPrefixes;
  }

  documentId(event: RecordedEvent): string | null {
    return this.entries.documentId(event);
  }

  evolve(document: AuditEventDocument | null, event: RecordedEvent): Draft<AuditEventDocument> | null {
    if (document) return document;
    const entry = this.entries.evolve(null, event);
    if (!entry) return null;
    const agencyId = entry.actor.agencyId;
    return { ...entry, actorAgencyPath: agencyId === null ? [] : this.pathTo(agencyId) };
  }

  /** An agency missing from a reconfigured tree is filed under the root, like the complaints. */
  private pathTo(agencyId: string): string[] {
    const path = this.tree.pathTo(agencyId);
    return path.length > 0 ? path : [this.tree.root.id, agencyId];
  }
}
