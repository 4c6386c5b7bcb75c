import {
  COMPLAINT_EVENT_SCHEMA_VERSION,
  type Actor,
  type ComplaintEvent,
} from '@lacak/domain';
import type { EventToAppend, JsonObject, RecordedEvent } from '@lacak/event-store';
import { eventIdFor } from './ids';

export const COMPLAINT_STREAM_PREFIX = 'complaint-';

export const complaintStreamId = (complaintId: string): string => `${COMPLAINT_STREAM_PREFIX}${complaintId}`;

export const complaintIdOf = (streamId: string): string => streamId.slice(COMPLAINT_STREAM_PREFIX.length);

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

/** Stored events are trusted to be complaint events: only the engine writes complaint streams. */
export const toComplaintEvent = (recorded: RecordedEvent): ComplaintEvent =>
  ({ type: recorded.type, data: recorded.data }) as unknown as ComplaintEvent;
