import { type Actor, type OrganisationTree, canSeeComplaint, complaintStreamId, holdingOf } from '@lacak/domain';
import { type EventStore, type RecordedEvent, readStreamOrEmpty } from '@lacak/event-store';
import { verifyChain } from '@lacak/integrity';
import { AuditTrailProjection, ComplaintProjection, type ComplaintDocument } from '@lacak/projections';
import { foldComplaintHistory } from '../complaint-stream';
import { type AuditEntryView, type ComplaintView, toAuditEntryView, toView } from './complaint-queries';
import { type FieldChange, fieldChanges } from './field-changes';
import { assertMayRun } from './query-access';

/** A moment of a complaint's record: after the event at a revision, or as it stood at an instant (with its offset). */
export type ReplayPoint = { revision: bigint } | { at: string };

/** Why a replay point names no state of an existing complaint (404, with the code). */
export class ReplayPointNotFoundError extends Error {
  override readonly name = 'ReplayPointNotFoundError';
  constructor(
    readonly code: 'REVISION_NOT_FOUND' | 'NOT_YET_SUBMITTED',
    message: string,
  ) {
    super(message);
  }
}

/** Whether the stored record still hashes as it was written (`libs/integrity`), faults by revision. */
export interface RecordIntegrity {
  intact: boolean;
  faults: { revision: string; kind: string }[];
}

export interface ComplaintAsOf {
  complaintId: string;
  /** The revision the replay reached: the one asked for, or the last event at or before the instant. */
  revision: string;
  /** The instant asked for; null when asked by revision. */
  at: string | null;
  /** The complaint as the reader sees it now, folded from the stored events up to `revision`. */
  complaint: ComplaintView;
  /** The events that led there, oldest first, as the history shows them. */
  events: AuditEntryView[];
  integrity: RecordIntegrity;
}

/** One event between the two revisions: who, when, what, and the fields it changed. */
export type ChangeStep = AuditEntryView & { changes: FieldChange[] };

export interface ComplaintChanges {
  complaintId: string;
  from: string;
  to: string;
  /** Every field that differs between the complaint at `from` and at `to`. */
  changes: FieldChange[];
  /** Each event after `from` up to `to`, oldest first. */
  events: ChangeStep[];
  integrity: RecordIntegrity;
}

/** What replays read: the event store, never a read model, and the tree for scope and the summaries. */
export interface ReplayContext {
  eventStore: EventStore;
  tree: OrganisationTree;
}

/**
 * A complaint's record replayed from the event store: its stored events, the reader's view of the
 * complaint after any of them, and the entries the history shows for them. Views come from the same
 * folds the read models use, without the clocks: remaining days and due dates are counted against
 * today and today's holiday calendar, which say nothing about a moment past (what was missed is
 * recorded in `overdue`).
 */
class ComplaintRecord {
  private constructor(
    readonly complaintId: string,
    readonly events: RecordedEvent[],
    private readonly context: ReplayContext,
    private readonly actor: Actor,
  ) {}

  /**
   * The record when the actor may see the complaint now, by the rules of `GET /complaints/{id}`;
   * null for an unknown complaint and one out of scope alike.
   */
  static async read(context: ReplayContext, complaintId: string, actor: Actor): Promise<ComplaintRecord | null> {
    const events = await readStreamOrEmpty(context.eventStore, complaintStreamId(complaintId));
    if (events.length === 0 || !canSeeComplaint(actor, holdingOf(foldComplaintHistory(events)), context.tree)) return null;
    return new ComplaintRecord(complaintId, events, context, actor);
  }

  get lastRevision(): bigint {
    return this.events[this.events.length - 1].revision;
  }

  /** The revision a replay point reaches; refused when it names no state of the complaint. */
  revisionAt(point: ReplayPoint): bigint {
    if ('revision' in point) return this.existing(point.revision);
    // occurredAt, not the store's recordedAt: it is the instant the command was decided, sealed in
    // the event's hash and the same on every store; recordedAt is outside the hash and store-specific.
    const instant = Date.parse(point.at);
    const after = this.events.findIndex((event) => Date.parse(event.metadata.occurredAt) > instant);
    if (after === 0) {
      throw new ReplayPointNotFoundError(
        'NOT_YET_SUBMITTED',
        `Complaint ${this.complaintId} was submitted at ${this.events[0].metadata.occurredAt}, after ${point.at}.`,
      );
    }
    // A state is a prefix of the record: it ends before the first event after the instant.
    return this.events[(after === -1 ? this.events.length : after) - 1].revision;
  }

  /** The revision, when the complaint has reached it. */
  existing(revision: bigint): bigint {
    if (revision > this.lastRevision) {
      throw new ReplayPointNotFoundError(
        'REVISION_NOT_FOUND',
        `Complaint ${this.complaintId} has revisions 0 to ${this.lastRevision}; there is no revision ${revision}.`,
      );
    }
    return revision;
  }

  /** The events up to the revision, oldest first. */
  upTo(revision: bigint): RecordedEvent[] {
    return this.events.filter((event) => event.revision <= revision);
  }

  /** The reader's view after each event in turn, starting from the state `before` them (null: none yet). */
  viewsThrough(events: RecordedEvent[], before: ComplaintDocument | null = null): { document: ComplaintDocument | null; views: ComplaintView[] } {
    const projection = new ComplaintProjection(this.context.tree);
    let document = before;
    const views: ComplaintView[] = [];
    for (const event of events) {
      // As the runner does per batch: what follows from the document alone (its flags) comes in `complete`.
      const next = projection.evolve(document, event);
      document = next && ({ ...projection.complete(next), lastPosition: Number(event.position) } as ComplaintDocument);
      if (document) views.push(toView(document, this.actor, this.context.tree));
    }
    return { document, views };
  }

  /** The events as the history shows them: the audit trail's own entries. */
  entries(events: RecordedEvent[]): AuditEntryView[] {
    const trail = new AuditTrailProjection(this.context.tree);
    return events.map((event) => toAuditEntryView({ ...trail.evolve(null, event)!, lastPosition: Number(event.position) }));
  }

  integrity(): RecordIntegrity {
    const { faults } = verifyChain(this.events);
    return { intact: faults.length === 0, faults: faults.map(({ revision, kind }) => ({ revision, kind })) };
  }
}

/** `GET /complaints/{id}/as-of`: the complaint at a revision or an instant, folded from the event store. */
export class ReplayComplaint {
  constructor(private readonly context: ReplayContext) {}

  /** Null when the complaint is unknown or out of scope. */
  async run(actor: Actor, complaintId: string, point: ReplayPoint): Promise<ComplaintAsOf | null> {
    assertMayRun('replay-complaint', actor);
    const record = await ComplaintRecord.read(this.context, complaintId, actor);
    if (!record) return null;
    const revision = record.revisionAt(point);
    const events = record.upTo(revision);
    return {
      complaintId,
      revision: String(revision),
      at: 'at' in point ? point.at : null,
      complaint: record.viewsThrough(events).views.at(-1)!,
      events: record.entries(events),
      integrity: record.integrity(),
    };
  }
}

/** `GET /complaints/{id}/changes`: what changed between two revisions, field by field, event by event. */
export class GetComplaintChanges {
  constructor(private readonly context: ReplayContext) {}

  /** Null when the complaint is unknown or out of scope. `from` is at most `to`, both revisions of the complaint. */
  async run(actor: Actor, complaintId: string, from: bigint, to: bigint): Promise<ComplaintChanges | null> {
    assertMayRun('get-complaint-changes', actor);
    const record = await ComplaintRecord.read(this.context, complaintId, actor);
    if (!record) return null;
    record.existing(to);
    const start = record.viewsThrough(record.upTo(from));
    const between = record.events.filter((event) => event.revision > from && event.revision <= to);
    const { views } = record.viewsThrough(between, start.document);
    // The complaint at `from`, then after each event up to `to`.
    const states = [start.views.at(-1)!, ...views];
    return {
      complaintId,
      from: String(from),
      to: String(to),
      changes: visibleChanges(states[0], states[states.length - 1]),
      events: record.entries(between).map((entry, i) => ({ ...entry, changes: visibleChanges(states[i], states[i + 1]) })),
      integrity: record.integrity(),
    };
  }
}

/** The revision and the last update change with every event: the entry itself says which and when. */
const visibleChanges = (before: ComplaintView, after: ComplaintView): FieldChange[] => {
  const { revision: _r1, updatedAt: _u1, ...was } = before;
  const { revision: _r2, updatedAt: _u2, ...is } = after;
  return fieldChanges(was, is);
};
