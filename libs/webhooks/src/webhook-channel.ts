import type { DeliveryChannel, DeliveryOutcome, DeliveryRecord, WebhookEndpointCommands, WebhookSecrets } from '@lacak/application';
import { toView } from '@lacak/application/queries';
import { type OrganisationTree, type WebhookEndpointState, canSeeComplaint, holdingOf } from '@lacak/domain';
import type { EventStore, RecordedEvent } from '@lacak/event-store';
import { COMPLAINTS_COLLECTION, type ComplaintDocument } from '@lacak/projections';
import type { ReadStore } from '@lacak/read-store';
import { Webhook } from 'standardwebhooks';
import { type Dispatcher, request } from 'undici';
import { type WebhookAddressPolicy, WebhookAddressRefused } from './address-policy';
import { type WebhookEndpointDirectory, officerOf } from './endpoint-directory';
import { WEBHOOK_CHANNEL } from './webhook-delivery-source';

/** The complaint's read model has not reached the event yet: the body cannot be built before it has. */
const VIEW_BEHIND = 'complaint-view-behind';

export interface WebhookChannelSettings {
  /** How long one call may take, connection included. */
  timeoutMs: number;
  /** An endpoint whose delivery keeps failing for longer than this is disabled. */
  disableAfterMs: number;
}

export interface WebhookChannelDependencies {
  eventStore: EventStore;
  readStore: ReadStore;
  tree: OrganisationTree;
  directory: WebhookEndpointDirectory;
  commands: Pick<WebhookEndpointCommands, 'disableFailing'>;
  secrets: Pick<WebhookSecrets, 'open'>;
  policy: WebhookAddressPolicy;
  /** Connects only to addresses the policy checked (`guardedDispatcher`). */
  dispatcher: Dispatcher;
  now: () => Date;
  /** Where the engine tells operators and admins an endpoint was disabled. */
  warn: (entry: Record<string, unknown>) => void;
}

/** What a receiver gets, as Standard Webhooks suggests (`type`, `timestamp`, `data`). */
export interface WebhookPayload {
  type: string;
  timestamp: string;
  data: { eventId: string; complaintId: string; revision: string; complaint: ReturnType<typeof toView> };
}

/**
 * Calls an agency's endpoint for one complaint event, signed per Standard Webhooks (`webhook-id` is
 * the delivery's idempotency key, so a repeat carries the same one). The body is built now, from the
 * complaint as an officer of the endpoint's node reads it through the query side (`toView`: no
 * identity, findings only where the access matrix shows them). 2xx is delivered; any other answer,
 * a timeout or a refused address is retried, until the endpoint has failed for longer than allowed
 * and is disabled; 410 Gone disables it at once.
 */
export class WebhookChannel implements DeliveryChannel {
  readonly name = WEBHOOK_CHANNEL;

  constructor(
    private readonly deps: WebhookChannelDependencies,
    private readonly settings: WebhookChannelSettings,
  ) {}

  async deliver(delivery: DeliveryRecord, signal: AbortSignal): Promise<DeliveryOutcome> {
    const { agencyId, endpointId } = delivery.details as { agencyId: string; endpointId: string };
    const endpoint = await this.deps.directory.current(agencyId, endpointId);
    if (!endpoint) return { kind: 'skipped', reason: 'endpoint-removed' };
    if (endpoint.disabled?.reason === 'by-admin') return { kind: 'skipped', reason: 'endpoint-disabled' };
    // Disabled by the engine: kept as dead letters, which an admin may retry once the receiver is back.
    if (endpoint.disabled) return { kind: 'failed', reason: `endpoint-disabled-${endpoint.disabled.reason}`, retryable: false };

    const payload = await this.payloadFor(delivery, endpoint);
    if ('kind' in payload) return payload;
    const body = JSON.stringify(payload);
    const sentAt = this.deps.now();
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Lacak-Webhooks',
      'webhook-id': delivery._id,
      'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
      'webhook-signature': new Webhook(this.deps.secrets.open(endpoint.sealedSecret)).sign(delivery._id, sentAt, body),
    };
    const answer = await this.call(endpoint.url, body, headers, signal);
    if (answer === 'delivered') return { kind: 'delivered' };
    if (answer === 'http-410') return this.disable(endpoint, 'gone', null, answer);
    const failingSince = this.failingSince(delivery, endpoint);
    if (sentAt.getTime() - Date.parse(failingSince) >= this.settings.disableAfterMs) return this.disable(endpoint, 'failing', failingSince, answer);
    return { kind: 'failed', reason: answer, retryable: true };
  }

  /** The body for this endpoint, or why there is none to send now. */
  private async payloadFor(delivery: DeliveryRecord, endpoint: WebhookEndpointState): Promise<WebhookPayload | DeliveryOutcome> {
    const complaintId = delivery.complaintId!;
    const event = await this.eventOf(delivery);
    if (!event) return { kind: 'failed', reason: 'event-not-found', retryable: false };
    const document = await this.deps.readStore.collection<ComplaintDocument>(COMPLAINTS_COLLECTION).findOne({ _id: complaintId });
    if (!document || BigInt(document.revision) < event.revision) return { kind: 'deferred', reason: VIEW_BEHIND };
    const officer = officerOf(endpoint);
    if (!canSeeComplaint(officer, holdingOf(document), this.deps.tree)) return { kind: 'skipped', reason: 'complaint-out-of-reach' };
    return {
      type: event.type,
      timestamp: event.metadata.occurredAt,
      data: { eventId: event.id, complaintId, revision: event.revision.toString(), complaint: toView(document, officer, this.deps.tree) },
    };
  }

  /** The delivery's event: the one at its revision, else (planned before deliveries carried it) searched for in the stream. */
  private async eventOf(delivery: DeliveryRecord): Promise<RecordedEvent | undefined> {
    const { revision } = delivery.details as { revision?: string };
    const candidates = revision === undefined
      ? await this.deps.eventStore.readStream(delivery.streamId)
      : await this.deps.eventStore.readStream(delivery.streamId, { fromRevision: BigInt(revision), maxCount: 1 });
    return candidates.find((recorded) => recorded.id === delivery.eventId);
  }

  /** `delivered`, or a short reason (`http-503`, `timeout`, `address-refused`, `network-error`); never the receiver's words. */
  private async call(url: string, body: string, headers: Record<string, string>, signal: AbortSignal): Promise<string> {
    const { hostname } = new URL(url);
    if (this.deps.policy.urlFormProblem(url) || this.deps.policy.literalProblem(hostname)) return 'address-refused';
    try {
      const response = await request(url, {
        method: 'POST',
        body,
        headers,
        dispatcher: this.deps.dispatcher,
        signal: AbortSignal.any([signal, AbortSignal.timeout(this.settings.timeoutMs)]),
      });
      await response.body.dump();
      return response.statusCode >= 200 && response.statusCode < 300 ? 'delivered' : `http-${response.statusCode}`;
    } catch (error) {
      if (error instanceof WebhookAddressRefused || (error as { cause?: unknown }).cause instanceof WebhookAddressRefused) return 'address-refused';
      if ((error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError') return 'timeout';
      return 'network-error';
    }
  }

  /**
   * Since when this endpoint has been failing: this delivery's first attempt the receiver failed since
   * the endpoint was last (re-)enabled.
   */
  private failingSince(delivery: DeliveryRecord, endpoint: WebhookEndpointState): string {
    const first = delivery.attempts.find((attempt) => attempt.at >= endpoint.enabledAt && attempt.outcome === 'failed');
    return first?.at ?? this.deps.now().toISOString();
  }

  private async disable(endpoint: WebhookEndpointState, reason: 'gone' | 'failing', failingSince: string | null, answer: string): Promise<DeliveryOutcome> {
    await this.deps.commands.disableFailing(endpoint.agencyId, endpoint.endpointId, reason, failingSince);
    this.deps.warn({ message: 'Webhook endpoint disabled; its admin re-enables it once the receiver works', endpointId: endpoint.endpointId, agencyId: endpoint.agencyId, reason, failingSince, lastAnswer: answer });
    return { kind: 'failed', reason: `endpoint-disabled-${reason}`, retryable: false };
  }
}
