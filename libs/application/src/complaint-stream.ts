import {
  COMPLAINT_EVENT_SCHEMA_VERSION,
  type Actor,
  type ComplaintState,
  foldComplaint,
  toComplaintEvent,
} from '@lacak/domain';
import type { EventToAppend, JsonObject, RecordedEvent } from '@lacak/event-store';
import { eventIdFor } from './ids';

// The stream names and the decoding of stored events are the domain's; callers of the application find them here too.
export { COMPLAINT_STREAM_PREFIX, complaintIdOf, complaintStreamId, toComplaintEvent } from '@lacak/domain';

export interface CommandEnvelope {
  /** Unique per command; a retry of the same command reuses it. */
  commandId: string;
  correlationId: string;
  /** The request's fingerprint (`RequestFingerprints`): a replay of the command id must match it. */
  requestFingerprint?: string;
}

/** Domain events → store events with deterministic ids and the metadata every event carries. */
export function toEventsToAppend(
  events: readonly { type: string; data: object }[],
  actor: Actor,
  at: string,
  envelope: CommandEnvelope,
): EventToAppend[] {
  return events.map((event, index) => ({
    id: eventIdFor(envelope.commandId, index),
    type: event.type,
    data: event.data as unknown as JsonObject,
    metadata: {
      correlationId: envelope.correlationId,
      causationId: envelope.commandId,
      actor: { id: actor.id, role: actor.role, agencyId: actor.agencyId },
      occurredAt: at,
      schemaVersion: COMPLAINT_EVENT_SCHEMA_VERSION,
      ...(envelope.requestFingerprint ? { requestFingerprint: envelope.requestFingerprint } : {}),
    },
  }));
}

/** The complaint's state from its stored events: the one fold of a complaint stream. */
export const foldComplaintHistory = (history: readonly RecordedEvent[]): ComplaintState => foldComplaint(history.map(toComplaintEvent));
