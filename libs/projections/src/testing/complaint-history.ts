import { randomUUID } from 'node:crypto';
import { COMPLAINT_EVENT_SCHEMA_VERSION, type Actor, type ComplaintEvent, complaintStreamId } from '@lacak/domain';
import type { EventStore, EventToAppend, JsonObject, RecordedEvent } from '@lacak/event-store';
import { AGENCY, AT, OTHER_AGENCY, actors, aComplaint } from '@lacak/domain/testing';

/** Who plausibly records each event: the reporter, the national router, or the assignee's officer. */
export function actorFor(event: ComplaintEvent): Actor {
  switch (event.type) {
    case 'ComplaintSubmitted':
    case 'ComplaintClosed':
      return actors.reporter();
    case 'ClarificationAnswered':
      return event.data.party === 'reporter' ? actors.reporter() : actors.unitOfficer();
    case 'ComplaintVerified':
    case 'ComplaintRejected':
    case 'ComplaintArchived':
    case 'ComplaintDisposed':
      return actors.nationalAdmin;
    default:
      return actors.unitOfficer();
  }
}

/** The builders always write `complaint-1`; this moves a history to another complaint (and tracking id). */
export function asComplaint(complaintId: string, history: ComplaintEvent[]): ComplaintEvent[] {
  return history.map(
    (event) =>
      ({
        ...event,
        data: { ...event.data, complaintId, ...(event.type === 'ComplaintSubmitted' ? { trackingId: `LPR-${complaintId}` } : {}) },
      }) as ComplaintEvent,
  );
}

let commandCounter = 0;
/** A store record of an event with the metadata the engine writes, each as if from its own command. */
export const toAppend = (event: { type: string; data: object }, actor: Actor): EventToAppend => ({
  id: randomUUID(),
  type: event.type,
  data: event.data as JsonObject,
  metadata: {
    correlationId: 'correlation-1',
    causationId: `command-${++commandCounter}`,
    actor: { id: actor.id, role: actor.role, agencyId: actor.agencyId },
    occurredAt: AT,
    schemaVersion: COMPLAINT_EVENT_SCHEMA_VERSION,
  },
});

/** Store records for events in the given order: revisions per stream, positions from `firstPosition`. */
export function recorded(
  history: ComplaintEvent[],
  firstPosition = 1,
  actor: (event: ComplaintEvent) => Actor = actorFor,
): RecordedEvent[] {
  const revisions = new Map<string, bigint>();
  return history.map((event, index) => {
    const streamId = complaintStreamId(event.data.complaintId);
    const revision = (revisions.get(streamId) ?? -1n) + 1n;
    revisions.set(streamId, revision);
    return { ...toAppend(event, actor(event)), streamId, revision, position: BigInt(firstPosition + index), recordedAt: AT };
  });
}

const append = (store: EventStore, event: ComplaintEvent) =>
  store.appendToStream(complaintStreamId(event.data.complaintId), [toAppend(event, actorFor(event))], { expectedState: 'any' });

/** Appends events one at a time in the given order, so positions follow it; returns the last position. */
export async function appendHistory(store: EventStore, history: ComplaintEvent[]): Promise<bigint> {
  let position = 0n;
  for (const event of history) ({ position } = await append(store, event));
  return position;
}

/** Appends events of different complaints all at once: few commits, in no particular order. */
export async function appendAtOnce(store: EventStore, history: ComplaintEvent[]): Promise<void> {
  await Promise.all(history.map((event) => append(store, event)));
}

/** Takes one event of each history in turn, so a batch touches many documents. */
export function interleave(histories: ComplaintEvent[][]): ComplaintEvent[] {
  const longest = Math.max(...histories.map((h) => h.length));
  return Array.from({ length: longest }, (_, i) => histories.flatMap((h) => (i < h.length ? [h[i]] : []))).flat();
}

/** Six complaints in different end states, several agencies, a bounce and a reporter clarification. */
export function sampleHistories(): ComplaintEvent[][] {
  return [
    asComplaint('c1', aComplaint().inStatus('CLOSED').events()),
    asComplaint('c2', aComplaint().inStatus('AWAITING_REPORTER').clarificationAnswered().disposedTo().events()),
    asComplaint(
      'c3',
      aComplaint().submitted({ targetAgencyId: OTHER_AGENCY }).verified().disposedTo(AGENCY).returned().disposedTo(OTHER_AGENCY).events(),
    ),
    asComplaint('c4', aComplaint().inStatus('REJECTED').events()),
    asComplaint('c5', aComplaint().inStatus('ARCHIVED_INVALID').events()),
    asComplaint('c6', aComplaint().inStatus('INVESTIGATION').events()),
  ];
}
