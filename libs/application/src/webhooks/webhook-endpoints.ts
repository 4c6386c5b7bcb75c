import {
  type Actor,
  type WebhookEndpointCommand,
  type WebhookEndpointState,
  WEBHOOK_COMMAND_NAMES,
  decideWebhookEndpoints,
  foldWebhookEndpoints,
  mayQuery,
  refuse,
  toWebhookEndpointEvent,
  webhookEndpointsStreamId,
} from '@lacak/domain';
import { type EventStore, WrongExpectedVersionError, readStreamOrEmpty } from '@lacak/event-store';
import type { Clock } from '../clock';
import type { CommandCall } from '../commands/command-call';
import { toEventsToAppend } from '../complaint-stream';
import { CommandRefusedError, ConcurrencyConflictError } from '../errors';
import { nameBasedId, newId } from '../ids';
import { readVerifiedStream } from '../verified-stream';

/**
 * What the webhook use cases need from the channel's library: whether a URL may be called (scheme,
 * resolved addresses), and the signing secrets (made, checked, sealed for the event, opened again).
 */
export interface WebhookEndpointPorts {
  /** Why the URL may not be called, or null when it may. */
  urlProblem(url: string): Promise<string | null>;
  secrets: WebhookSecrets;
}

export interface WebhookSecrets {
  generate(): string;
  /** Why a secret an admin chose cannot sign, or null when it can. */
  problem(secret: string): string | null;
  seal(secret: string): string;
  open(sealed: string): string;
}

export type WebhookEndpointRequest =
  | { type: 'RegisterWebhookEndpoint'; data: { agencyId: string; url: string; eventTypes: string[]; secret?: string } }
  | { type: 'ChangeWebhookEndpoint'; data: { agencyId: string; endpointId: string; eventTypes?: string[]; enabled?: boolean } }
  | { type: 'RemoveWebhookEndpoint'; data: { agencyId: string; endpointId: string } };

export interface WebhookEndpointOutcome {
  endpointId: string;
  /** The signing secret, only when registering: shown this once (and to a repeat with the same Idempotency-Key). */
  secret?: string;
}

/** An endpoint as its admin lists it: never its secret. */
export interface WebhookEndpointView {
  id: string;
  agencyId: string;
  url: string;
  eventTypes: string[];
  registeredAt: string;
  enabled: boolean;
  /** Why and since when it stopped receiving: the notice an admin reads when the engine disabled it. */
  disabled: WebhookEndpointState['disabled'];
}

const MAX_ATTEMPTS = 5;

/** The engine itself, as it disables a failing endpoint. */
const ENGINE: Actor = { id: 'webhook-delivery', role: 'system', agencyId: null };

/**
 * Registering, changing and removing an agency's webhook endpoints: the role first (403), the URL
 * and secret next (422), then load → fold → decide → append on the node's stream, its hash chain
 * checked as for complaints.
 */
export class WebhookEndpointCommands {
  constructor(
    private readonly eventStore: EventStore,
    private readonly ports: WebhookEndpointPorts,
    private readonly clock: Clock,
  ) {}

  async run(request: WebhookEndpointRequest, actor: Actor, call: CommandCall): Promise<WebhookEndpointOutcome> {
    const useCase = WEBHOOK_COMMAND_NAMES[request.type];
    if (!mayQuery(useCase, actor.role)) throw new CommandRefusedError(refuse('ROLE_NOT_ALLOWED', `The role ${actor.role} may never issue ${useCase}.`));
    if (request.type !== 'RegisterWebhookEndpoint') {
      await this.decideAndAppend({ ...request, actor, at: this.clock.now().toISOString() }, call);
      return { endpointId: request.data.endpointId };
    }
    const { agencyId, url, eventTypes } = request.data;
    const endpointId = call.idempotencyKey ? nameBasedId('webhook-endpoint', actor.id, agencyId, call.idempotencyKey) : newId();
    const known = await this.endpoint(agencyId, endpointId);
    // The same Idempotency-Key again: the endpoint it registered, with the secret shown the first time.
    if (known && actor.agencyId === agencyId) return { endpointId, secret: this.ports.secrets.open(known.sealedSecret) };
    const secret = request.data.secret ?? this.ports.secrets.generate();
    const secretProblem = request.data.secret === undefined ? null : this.ports.secrets.problem(secret);
    if (secretProblem) throw new CommandRefusedError(refuse('WEBHOOK_ENDPOINT_INVALID', secretProblem));
    if (actor.agencyId === agencyId) {
      const urlProblem = await this.ports.urlProblem(url);
      if (urlProblem) throw new CommandRefusedError(refuse('WEBHOOK_URL_NOT_ALLOWED', urlProblem));
    }
    const sealedSecret = this.ports.secrets.seal(secret);
    await this.decideAndAppend(
      { type: 'RegisterWebhookEndpoint', actor, at: this.clock.now().toISOString(), data: { endpointId, agencyId, url, eventTypes, sealedSecret } },
      call,
    );
    return { endpointId, secret };
  }

  /** The engine's own: the receiver answered 410 Gone, or kept failing for longer than allowed. */
  async disableFailing(agencyId: string, endpointId: string, reason: 'gone' | 'failing', failingSince: string | null): Promise<void> {
    const at = this.clock.now().toISOString();
    await this.decideAndAppend(
      { type: 'DisableFailingWebhookEndpoint', actor: ENGINE, at, data: { agencyId, endpointId, reason, failingSince } },
      { correlationId: nameBasedId('webhook-disable', endpointId, at) },
    );
  }

  /** An endpoint as it stands now, secret sealed; null when unknown or removed. */
  async endpoint(agencyId: string, endpointId: string): Promise<WebhookEndpointState | null> {
    const history = await readStreamOrEmpty(this.eventStore, webhookEndpointsStreamId(agencyId));
    return foldWebhookEndpoints(history.map(toWebhookEndpointEvent)).endpoints[endpointId] ?? null;
  }

  private async decideAndAppend(command: WebhookEndpointCommand, call: CommandCall): Promise<void> {
    const streamId = webhookEndpointsStreamId(command.data.agencyId);
    const envelope = { commandId: call.commandId ?? newId(), correlationId: call.correlationId };
    for (let attempt = 1; ; attempt++) {
      const { history, assertIntact, chained } = await readVerifiedStream(this.eventStore, streamId);
      const decision = decideWebhookEndpoints(command, foldWebhookEndpoints(history.map(toWebhookEndpointEvent)));
      if (!decision.ok) throw new CommandRefusedError(decision.refusal);
      if (decision.events.length === 0) return;
      await assertIntact();
      try {
        const current = history.at(-1)?.revision;
        await this.eventStore.appendToStream(streamId, chained(toEventsToAppend(decision.events, command.actor, command.at, envelope)), {
          expectedState: current ?? 'no_stream',
        });
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (attempt >= MAX_ATTEMPTS) throw new ConcurrencyConflictError(command.data.agencyId, 'Webhook endpoints of agency');
      }
    }
  }
}

/** The endpoints of the admin's own node, oldest first, with why each disabled one stopped; never a secret. */
export class ListWebhookEndpoints {
  constructor(private readonly eventStore: EventStore) {}

  async run(actor: Actor, agencyId: string): Promise<WebhookEndpointView[] | null> {
    if (!mayQuery('list-webhook-endpoints', actor.role)) {
      throw new CommandRefusedError(refuse('ROLE_NOT_ALLOWED', `The role ${actor.role} may never run list-webhook-endpoints.`));
    }
    if (actor.agencyId !== agencyId) return null;
    const history = await readStreamOrEmpty(this.eventStore, webhookEndpointsStreamId(agencyId));
    return Object.values(foldWebhookEndpoints(history.map(toWebhookEndpointEvent)).endpoints).map(
      ({ endpointId, agencyId: node, url, eventTypes, registeredAt, disabled }) => ({
        id: endpointId,
        agencyId: node,
        url,
        eventTypes,
        registeredAt,
        enabled: disabled === null,
        disabled,
      }),
    );
  }
}
