import {
  ANY,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AppendResult as ClientAppendResult,
  type AppendStreamState,
  type EventData,
  type Filter,
  type ReadPosition,
  type RecordedEvent as ClientRecordedEvent,
} from '@kurrent/kurrentdb-client';
import type {
  AllPosition,
  AppendResult,
  EventMetadata,
  EventToAppend,
  ExpectedStreamState,
  JsonObject,
  RecordedEvent,
} from '../event-store.port';

/** A stored event the port cannot represent: not JSON, or without Lacak's metadata. */
export class UnreadableEventError extends Error {
  override readonly name = 'UnreadableEventError';
  constructor(
    readonly streamId: string,
    readonly eventId: string,
    reason: string,
  ) {
    super(`Event ${eventId} in ${streamId} is not a Lacak event: ${reason}`);
  }
}

export function toStreamState(expected: ExpectedStreamState): AppendStreamState {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
    default:
      return expected;
  }
}

/** Every append writes each event as its own log record, so an event's prepare position equals its commit position. */
export function toReadPosition(position: AllPosition): ReadPosition {
  return position === 'start' ? START : { commit: position, prepare: position };
}

/** Filtered on the server, so a catch-up does not ship the whole log to skip it here. */
export function toSubscriptionFilter(streamPrefixes: readonly string[] = []): Filter {
  return streamPrefixes.length > 0 ? streamNameFilter({ prefixes: [...streamPrefixes] }) : excludeSystemEvents();
}

/** KurrentDB's own records ($metadata, $stats, projection links, ...) live under `$` types and streams. */
export function isSystemEvent(event: { streamId: string; type: string }): boolean {
  return event.type.startsWith('$') || event.streamId.startsWith('$');
}

export function toEventData({ id, type, data, metadata }: EventToAppend): EventData {
  return jsonEvent({ id, type, data, metadata });
}

/** The client parsed the JSON payload, so a plain object here holds JSON values only. */
function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function isEventMetadata(value: unknown): value is EventMetadata {
  if (!isJsonObject(value) || !isJsonObject(value.actor)) return false;
  const { correlationId, causationId, occurredAt, schemaVersion, actor } = value;
  return (
    [correlationId, causationId, occurredAt, actor.id, actor.role].every((field) => typeof field === 'string') &&
    typeof schemaVersion === 'number' &&
    (actor.agencyId === null || typeof actor.agencyId === 'string')
  );
}

/** Revisions and positions go through BigInt(): some client versions handed them over as numbers. */
export function toRecordedEvent(event: ClientRecordedEvent): RecordedEvent {
  const { streamId, id, type, data, metadata, position } = event;
  if (!event.isJson || !isJsonObject(data)) throw new UnreadableEventError(streamId, id, 'data is not a JSON object');
  if (!isEventMetadata(metadata)) throw new UnreadableEventError(streamId, id, 'metadata lacks correlation, actor or schema');
  if (!position) throw new UnreadableEventError(streamId, id, 'the server reports no position (KurrentDB 22.6+ does)');
  return {
    id,
    type,
    data,
    metadata,
    streamId,
    revision: BigInt(event.revision),
    position: BigInt(position.commit),
    recordedAt: event.created.toISOString(),
  };
}

/** Undefined for what the port does not carry: system records and unresolved links. */
export function fromResolvedEvent({ event }: AllStreamResolvedEvent): RecordedEvent | undefined {
  return event && !isSystemEvent(event) ? toRecordedEvent(event) : undefined;
}

/** A KurrentDB read starts AT the position it is given; the port reads strictly after it. */
export async function collectAfter(
  resolvedEvents: AsyncIterable<AllStreamResolvedEvent>,
  from: AllPosition,
  maxCount = Number.POSITIVE_INFINITY,
): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  if (maxCount <= 0) return events;
  for await (const resolved of resolvedEvents) {
    const event = fromResolvedEvent(resolved);
    if (!event || (from !== 'start' && event.position <= from)) continue;
    events.push(event);
    if (events.length >= maxCount) break;
  }
  return events;
}

/**
 * Servers that do not report the position of an idempotent re-append leave it out; `positionAt`
 * then reads the position of the batch's last event from the stream.
 */
export async function toAppendResult(
  result: ClientAppendResult,
  positionAt: (revision: bigint) => Promise<bigint | undefined>,
): Promise<AppendResult> {
  // Only reachable with throwOnAppendFailure=false, whose result carries no usable conflict details.
  if (!result.success) throw new Error('KurrentDB refused the append; connect with throwOnAppendFailure=true (the default)');
  const nextExpectedRevision = BigInt(result.nextExpectedRevision);
  const position = result.position ? BigInt(result.position.commit) : await positionAt(nextExpectedRevision);
  if (position === undefined) throw new Error(`KurrentDB reported no event at revision ${nextExpectedRevision}`);
  return { nextExpectedRevision, position };
}
