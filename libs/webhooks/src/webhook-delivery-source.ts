import { type DeliverySource, type PlannedDelivery, foldComplaintHistory } from '@lacak/application';
import { COMPLAINT_EVENT_TYPES, COMPLAINT_STREAM_PREFIX, type OrganisationTree, canSeeComplaint, complaintIdOf, holdingOf, receives } from '@lacak/domain';
import type { EventStore, RecordedEvent } from '@lacak/event-store';
import { type WebhookEndpointDirectory, officerOf } from './endpoint-directory';

export const WEBHOOK_CHANNEL = 'webhook';

const complaintEventTypes = new Set<string>(COMPLAINT_EVENT_TYPES);

/** The delivery's target: one endpoint, by reference. */
export const webhookTarget = (endpointId: string): string => `webhook-endpoint:${endpointId}`;

/**
 * One delivery per complaint event for each enabled endpoint subscribed to its type whose node's
 * officers see the complaint right after the event (the holder's node and every node above it, as
 * the query side's `canSeeComplaint` says), with the endpoints as they stood at that point of the log.
 * Deliveries to one endpoint about one complaint go out in log order (`orderKey`).
 */
export class WebhookDeliverySource implements DeliverySource {
  readonly name = 'webhooks';

  constructor(
    private readonly eventStore: EventStore,
    private readonly tree: OrganisationTree,
    private readonly directory: WebhookEndpointDirectory,
  ) {}

  async plan(event: RecordedEvent): Promise<PlannedDelivery[]> {
    if (!event.streamId.startsWith(COMPLAINT_STREAM_PREFIX) || !complaintEventTypes.has(event.type)) return [];
    const history = await this.eventStore.readStream(event.streamId, { maxCount: Number(event.revision) + 1 });
    const holding = holdingOf(foldComplaintHistory(history));
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
        details: { agencyId: endpoint.agencyId, endpointId: endpoint.endpointId },
      }));
  }
}
