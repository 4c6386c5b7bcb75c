import { type DeliverySource, type PlannedDelivery, foldComplaintHistory } from '@lacak/application';
import {
  COMPLAINT_EVENT_TYPES,
  COMPLAINT_STREAM_PREFIX,
  type ComplaintState,
  type OrganisationTree,
  canSeeComplaint,
  complaintIdOf,
  evolveComplaint,
  holdingOf,
  receives,
  toComplaintEvent,
} from '@lacak/domain';
import type { EventStore, RecordedEvent } from '@lacak/event-store';
import { type WebhookEndpointDirectory, officerOf } from './endpoint-directory';

export const WEBHOOK_CHANNEL = 'webhook';

const complaintEventTypes = new Set<string>(COMPLAINT_EVENT_TYPES);

/** Complaint streams kept folded: the next event of one of them folds only itself. */
const FOLDED_STREAMS_KEPT = 1_000;

/** The delivery's target: one endpoint, by reference. */
export const webhookTarget = (endpointId: string): string => `webhook-endpoint:${endpointId}`;

/**
 * One delivery per complaint event for each enabled endpoint subscribed to its type whose node's
 * officers see the complaint right after the event (the holder's node and every node above it, as
 * the query side's `canSeeComplaint` says), with the endpoints as they stood at that point of the log.
 * Deliveries to one endpoint about one complaint go out in log order (`orderKey`). Each complaint's
 * state is kept folded up to the last event planned (the most recently planned streams), so the
 * planner folds each event once instead of re-reading its stream.
 */
export class WebhookDeliverySource implements DeliverySource {
  readonly name = 'webhooks';
  private readonly folded = new Map<string, { revision: bigint; state: ComplaintState }>();

  constructor(
    private readonly eventStore: EventStore,
    private readonly tree: OrganisationTree,
    private readonly directory: WebhookEndpointDirectory,
  ) {}

  async plan(event: RecordedEvent): Promise<PlannedDelivery[]> {
    if (!event.streamId.startsWith(COMPLAINT_STREAM_PREFIX) || !complaintEventTypes.has(event.type)) return [];
    const holding = holdingOf(await this.stateAfter(event));
    const complaintId = complaintIdOf(event.streamId);
    const endpoints = await this.directory.endpointsOver(holding.holderAgencyId, event.position);
    return endpoints
      .filter((endpoint) => receives(endpoint, event.type) && canSeeComplaint(officerOf(endpoint), holding, this.tree))
      .map((endpoint) => ({
        channel: WEBHOOK_CHANNEL,
        target: webhookTarget(endpoint.endpointId),
        topic: 'event',
        complaintId,
        orderKey: `${webhookTarget(endpoint.endpointId)}|${complaintId}`,
        details: { agencyId: endpoint.agencyId, endpointId: endpoint.endpointId, revision: event.revision.toString() },
      }));
  }

  /**
   * The complaint right after the event: the kept fold when it stands just before the event (or at
   * it, for an event planned again), else the stream read up to the event.
   */
  private async stateAfter(event: RecordedEvent): Promise<ComplaintState> {
    const kept = this.folded.get(event.streamId);
    const state =
      kept?.revision === event.revision
        ? kept.state
        : kept?.revision === event.revision - 1n
          ? evolveComplaint(kept.state, toComplaintEvent(event))
          : foldComplaintHistory(await this.eventStore.readStream(event.streamId, { maxCount: Number(event.revision) + 1 }));
    // Re-inserted, so the Map's order is the order streams were last planned in and the oldest go first.
    this.folded.delete(event.streamId);
    this.folded.set(event.streamId, { revision: event.revision, state });
    if (this.folded.size > FOLDED_STREAMS_KEPT) this.folded.delete(this.folded.keys().next().value as string);
    return state;
  }
}
