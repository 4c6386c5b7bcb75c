import {
  type Actor,
  type OrganisationTree,
  type WebhookEndpointState,
  foldWebhookEndpoints,
  toWebhookEndpointEvent,
  webhookEndpointsStreamId,
} from '@lacak/domain';
import { type EventStore, type RecordedEvent, readStreamOrEmpty } from '@lacak/event-store';

/**
 * Where endpoints are looked up: each node's stream, folded. Reading the streams rather than a read
 * model keeps planning exact: a complaint event reaches the endpoints registered before it in the
 * log, however far a projection has got. Each node's events are kept in memory (endpoint streams are
 * short); a lookup reads only what was appended since, usually nothing.
 */
export class WebhookEndpointDirectory {
  private readonly kept = new Map<string, RecordedEvent[]>();

  constructor(
    private readonly eventStore: EventStore,
    private readonly tree: OrganisationTree,
  ) {}

  /**
   * The endpoints of the holder's node and every node above it (whose officers see the complaint) as
   * they stood before `position`; the national root's for a complaint no agency holds yet.
   */
  async endpointsOver(holderAgencyId: string | null, position: bigint): Promise<WebhookEndpointState[]> {
    const nodes = holderAgencyId === null ? [this.tree.root.id] : this.tree.pathTo(holderAgencyId);
    const endpoints = await Promise.all(
      nodes.map(async (agencyId) => {
        const history = (await this.eventsOf(agencyId)).filter((event) => event.position < position);
        return Object.values(foldWebhookEndpoints(history.map(toWebhookEndpointEvent)).endpoints);
      }),
    );
    return endpoints.flat();
  }

  /** One endpoint as it stands now; null once removed. */
  async current(agencyId: string, endpointId: string): Promise<WebhookEndpointState | null> {
    const history = await this.eventsOf(agencyId);
    return foldWebhookEndpoints(history.map(toWebhookEndpointEvent)).endpoints[endpointId] ?? null;
  }

  /** A node's endpoint events to date: the kept ones and those appended after them. */
  private async eventsOf(agencyId: string): Promise<readonly RecordedEvent[]> {
    const before = this.kept.get(agencyId) ?? [];
    const fromRevision = (before.at(-1)?.revision ?? -1n) + 1n;
    const appended = await readStreamOrEmpty(this.eventStore, webhookEndpointsStreamId(agencyId), { fromRevision });
    // Lookups run concurrently: add only what another one has not added meanwhile.
    const current = this.kept.get(agencyId) ?? [];
    const last = current.at(-1)?.revision ?? -1n;
    const events = [...current, ...appended.filter((event) => event.revision > last)];
    this.kept.set(agencyId, events);
    return events;
  }
}

/**
 * Who an endpoint speaks for: an officer of its node. What the endpoint receives is what such an
 * officer may read, by the same access rules as the API's queries.
 */
export const officerOf = (endpoint: Pick<WebhookEndpointState, 'endpointId' | 'agencyId'>): Actor => ({
  id: `webhook-endpoint:${endpoint.endpointId}`,
  role: 'unit_officer',
  agencyId: endpoint.agencyId,
});
