import { COMPLAINT_STREAM_PREFIX, IDENTITY_ACCESS_STREAM_PREFIX, type IdentityAccessEvent, type OrganisationTree, toComplaintEvent } from '@lacak/domain';
import type { RecordedEvent } from '@lacak/event-store';
import type { IndexSpec } from '@lacak/read-store';
import type { DocumentProjection, Draft, ProjectedDocument } from '../projection';
import { summarise, summariseIdentityAccess } from './audit-summary';
import { summariseIdentityAccessInIndonesian, summariseInIndonesian } from './audit-summary-indonesian';

export const AUDIT_TRAIL_COLLECTION = 'audit_trail';

export interface AuditEntryDocument extends ProjectedDocument {
  complaintId: string;
  revision: number;
  type: string;
  /** The reporter's account id is withheld: auditors see the role, not who the reporter is. */
  actor: { id: string | null; role: string; agencyId: string | null };
  occurredAt: string;
  recordedAt: string;
  correlationId: string;
  /** One readable line, in English. */
  summary: string;
  /** The same line in Bahasa Indonesia; absent from entries projected before it was kept, until a rebuild. */
  summaryInIndonesian?: string;
}

/** One entry per event, keyed by event id, so a re-delivered event finds its entry and changes nothing. */
export class AuditTrailProjection implements DocumentProjection<AuditEntryDocument> {
  readonly name = 'audit-trail';
  readonly collection = AUDIT_TRAIL_COLLECTION;
  readonly streamPrefixes = [COMPLAINT_STREAM_PREFIX, IDENTITY_ACCESS_STREAM_PREFIX];
  readonly indexes: IndexSpec[] = [{ name: 'by_complaint', keys: { complaintId: 1, lastPosition: 1 } }];

  constructor(private readonly tree: OrganisationTree) {}

  documentId(event: RecordedEvent): string | null {
    return this.streamPrefixes.some((prefix) => event.streamId.startsWith(prefix)) ? event.id : null;
  }

  evolve(document: AuditEntryDocument | null, event: RecordedEvent): Draft<AuditEntryDocument> | null {
    if (document) return document;
    const { actor } = event.metadata;
    return {
      _id: event.id,
      complaintId: String(event.data.complaintId),
      revision: Number(event.revision),
      type: event.type,
      actor: { id: actor.role === 'reporter' ? null : actor.id, role: actor.role, agencyId: actor.agencyId },
      occurredAt: event.metadata.occurredAt,
      recordedAt: event.recordedAt,
      correlationId: event.metadata.correlationId,
      ...this.summaries(event),
    };
  }

  private summaries(event: RecordedEvent): Pick<AuditEntryDocument, 'summary' | 'summaryInIndonesian'> {
    if (event.streamId.startsWith(IDENTITY_ACCESS_STREAM_PREFIX)) {
      const access = { type: event.type, data: event.data } as unknown as IdentityAccessEvent;
      return { summary: summariseIdentityAccess(access), summaryInIndonesian: summariseIdentityAccessInIndonesian(access) };
    }
    const complaintEvent = toComplaintEvent(event);
    return { summary: summarise(complaintEvent, this.tree), summaryInIndonesian: summariseInIndonesian(complaintEvent, this.tree) };
  }
}
