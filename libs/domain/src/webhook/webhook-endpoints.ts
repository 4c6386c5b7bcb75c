/**
 * An agency's webhook endpoints: where its own systems want to hear about the complaints its
 * officers see. One stream per agency node (`webhook-endpoints-<agencyId>`), so the endpoints a
 * complaint event reaches are read from the nodes above its holder, as they stood at that event's
 * position in the log, without a read model that could lag behind it.
 */
import { type QueryName, mayQuery } from '../access/access-matrix';
import type { Actor } from '../complaint/actor';
import { COMPLAINT_EVENT_TYPES } from '../complaint/complaint.events';
import { type Refusal, type RefusalCode, refuse } from '../complaint/refusals';

export const WEBHOOK_ENDPOINTS_STREAM_PREFIX = 'webhook-endpoints-';
export const webhookEndpointsStreamId = (agencyId: string): string => `${WEBHOOK_ENDPOINTS_STREAM_PREFIX}${agencyId}`;

/**
 * Why an endpoint stopped receiving: its admin turned it off, its receiver answered 410 Gone, or it
 * kept failing for longer than the engine allows.
 */
export const WEBHOOK_DISABLE_REASONS = ['by-admin', 'gone', 'failing'] as const;
export type WebhookDisableReason = (typeof WEBHOOK_DISABLE_REASONS)[number];

export interface WebhookEndpointRegistered {
  type: 'WebhookEndpointRegistered';
  data: {
    endpointId: string;
    agencyId: string;
    url: string;
    /** Complaint event types the endpoint receives. */
    eventTypes: string[];
    /** The signing secret, encrypted by the engine's key: the event log never holds it in the clear. */
    sealedSecret: string;
    at: string;
  };
}

export interface WebhookEndpointEventTypesChanged {
  type: 'WebhookEndpointEventTypesChanged';
  data: { endpointId: string; agencyId: string; eventTypes: string[]; at: string };
}

export interface WebhookEndpointDisabled {
  type: 'WebhookEndpointDisabled';
  data: {
    endpointId: string;
    agencyId: string;
    reason: WebhookDisableReason;
    /** For `failing`: the first failed attempt of the delivery that kept failing. */
    failingSince: string | null;
    at: string;
  };
}

export interface WebhookEndpointEnabled {
  type: 'WebhookEndpointEnabled';
  data: { endpointId: string; agencyId: string; at: string };
}

export interface WebhookEndpointRemoved {
  type: 'WebhookEndpointRemoved';
  data: { endpointId: string; agencyId: string; at: string };
}

export type WebhookEndpointEvent =
  | WebhookEndpointRegistered
  | WebhookEndpointEventTypesChanged
  | WebhookEndpointDisabled
  | WebhookEndpointEnabled
  | WebhookEndpointRemoved;

export const WEBHOOK_ENDPOINT_EVENT_TYPES: readonly WebhookEndpointEvent['type'][] = [
  'WebhookEndpointRegistered',
  'WebhookEndpointEventTypesChanged',
  'WebhookEndpointDisabled',
  'WebhookEndpointEnabled',
  'WebhookEndpointRemoved',
];

export const toWebhookEndpointEvent = (stored: { type: string; data: unknown }): WebhookEndpointEvent => stored as WebhookEndpointEvent;

type Issued<T extends string, D> = { type: T; actor: Actor; at: string; data: D };

export type WebhookEndpointCommand =
  | Issued<'RegisterWebhookEndpoint', { endpointId: string; agencyId: string; url: string; eventTypes: string[]; sealedSecret: string }>
  /** What the admin changes: the event types, turning it off or on again; each part optional. */
  | Issued<'ChangeWebhookEndpoint', { endpointId: string; agencyId: string; eventTypes?: string[]; enabled?: boolean }>
  /** The engine's own: the receiver is gone or kept failing. */
  | Issued<'DisableFailingWebhookEndpoint', { endpointId: string; agencyId: string; reason: Exclude<WebhookDisableReason, 'by-admin'>; failingSince: string | null }>
  | Issued<'RemoveWebhookEndpoint', { endpointId: string; agencyId: string }>;

export type WebhookEndpointCommandType = WebhookEndpointCommand['type'];

/** The access matrix's row of each command over HTTP; the engine's own disabling runs as `system`. */
export const WEBHOOK_COMMAND_NAMES: { readonly [T in Exclude<WebhookEndpointCommandType, 'DisableFailingWebhookEndpoint'>]: QueryName } = {
  RegisterWebhookEndpoint: 'register-webhook-endpoint',
  ChangeWebhookEndpoint: 'change-webhook-endpoint',
  RemoveWebhookEndpoint: 'remove-webhook-endpoint',
};

export interface WebhookEndpointState {
  endpointId: string;
  agencyId: string;
  url: string;
  eventTypes: string[];
  sealedSecret: string;
  registeredAt: string;
  /** When it last began receiving: registered or enabled again. */
  enabledAt: string;
  /** Null while it receives deliveries. */
  disabled: { reason: WebhookDisableReason; failingSince: string | null; at: string } | null;
}

/** One node's endpoints; removed ones are remembered so an id is never registered twice. */
export interface WebhookEndpointsState {
  endpoints: Record<string, WebhookEndpointState>;
  removed: string[];
}

export const initialWebhookEndpointsState = (): WebhookEndpointsState => ({ endpoints: {}, removed: [] });

const withEndpoint = (state: WebhookEndpointsState, endpointId: string, change: (endpoint: WebhookEndpointState) => WebhookEndpointState) => {
  const endpoint = state.endpoints[endpointId];
  return endpoint ? { ...state, endpoints: { ...state.endpoints, [endpointId]: change(endpoint) } } : state;
};

export function evolveWebhookEndpoints(state: WebhookEndpointsState, event: WebhookEndpointEvent): WebhookEndpointsState {
  switch (event.type) {
    case 'WebhookEndpointRegistered': {
      const { at, ...registered } = event.data;
      return { ...state, endpoints: { ...state.endpoints, [registered.endpointId]: { ...registered, registeredAt: at, enabledAt: at, disabled: null } } };
    }
    case 'WebhookEndpointEventTypesChanged':
      return withEndpoint(state, event.data.endpointId, (endpoint) => ({ ...endpoint, eventTypes: event.data.eventTypes }));
    case 'WebhookEndpointDisabled': {
      const { reason, failingSince, at } = event.data;
      return withEndpoint(state, event.data.endpointId, (endpoint) => ({ ...endpoint, disabled: { reason, failingSince, at } }));
    }
    case 'WebhookEndpointEnabled':
      return withEndpoint(state, event.data.endpointId, (endpoint) => ({ ...endpoint, enabledAt: event.data.at, disabled: null }));
    case 'WebhookEndpointRemoved': {
      const { [event.data.endpointId]: _removed, ...endpoints } = state.endpoints;
      return { endpoints, removed: [...state.removed, event.data.endpointId] };
    }
  }
}

export const foldWebhookEndpoints = (events: readonly WebhookEndpointEvent[]): WebhookEndpointsState =>
  events.reduce(evolveWebhookEndpoints, initialWebhookEndpointsState());

/** Whether an endpoint receives this complaint event now. */
export const receives = (endpoint: WebhookEndpointState, eventType: string): boolean =>
  endpoint.disabled === null && endpoint.eventTypes.includes(eventType);

export type WebhookEndpointDecision = { ok: true; events: WebhookEndpointEvent[] } | { ok: false; refusal: Refusal };
type Refused = Extract<WebhookEndpointDecision, { ok: false }>;
const refused = (code: RefusalCode, message: string): Refused => ({ ok: false, refusal: refuse(code, message) });
const decided = (...events: WebhookEndpointEvent[]): WebhookEndpointDecision => ({ ok: true, events });

/** The longest URL an endpoint may have. */
export const WEBHOOK_URL_MAX_LENGTH = 2000;

/** Every problem with a list of event types, in the order a reader fixes them; empty when sound. */
export function webhookEventTypeProblems(eventTypes: readonly string[]): string[] {
  const known = new Set<string>(COMPLAINT_EVENT_TYPES);
  const problems: string[] = [];
  if (eventTypes.length === 0) problems.push('eventTypes must name at least one complaint event type');
  const unknown = eventTypes.filter((type) => !known.has(type));
  if (unknown.length > 0) problems.push(`eventTypes names no complaint event: ${unknown.join(', ')}`);
  if (new Set(eventTypes).size !== eventTypes.length) problems.push('eventTypes names a type twice');
  return problems;
}

/** An agency's endpoints are its own admin's: a node above it does not register for it. */
const isAdminOf = (actor: Actor, agencyId: string): boolean => actor.role === 'agency_admin' && actor.agencyId === agencyId;

export function decideWebhookEndpoints(command: WebhookEndpointCommand, state: WebhookEndpointsState): WebhookEndpointDecision {
  const { actor, at, data } = command;
  const byEngine = command.type === 'DisableFailingWebhookEndpoint';
  const useCase = byEngine ? null : WEBHOOK_COMMAND_NAMES[command.type];
  if (byEngine ? actor.role !== 'system' : !mayQuery(useCase!, actor.role)) {
    return refused('ROLE_NOT_ALLOWED', `The role ${actor.role} may never issue ${useCase ?? command.type}.`);
  }
  // Another node's endpoints look exactly like missing ones.
  if (!byEngine && !isAdminOf(actor, data.agencyId)) return refused('WEBHOOK_ENDPOINT_NOT_FOUND', 'No webhook endpoint exists with this id.');
  const { endpointId, agencyId } = data;

  if (command.type === 'RegisterWebhookEndpoint') {
    if (state.endpoints[endpointId] || state.removed.includes(endpointId)) {
      return refused('WEBHOOK_ENDPOINT_EXISTS', `A webhook endpoint ${endpointId} exists already.`);
    }
    const problems = webhookEventTypeProblems(command.data.eventTypes);
    if (command.data.url.length > WEBHOOK_URL_MAX_LENGTH) problems.push(`url must be at most ${WEBHOOK_URL_MAX_LENGTH} characters`);
    if (problems.length > 0) return refused('WEBHOOK_ENDPOINT_INVALID', problems.join('; '));
    const { url, eventTypes, sealedSecret } = command.data;
    return decided({ type: 'WebhookEndpointRegistered', data: { endpointId, agencyId, url, eventTypes, sealedSecret, at } });
  }

  const endpoint = state.endpoints[endpointId];
  if (!endpoint) return refused('WEBHOOK_ENDPOINT_NOT_FOUND', 'No webhook endpoint exists with this id.');

  switch (command.type) {
    case 'ChangeWebhookEndpoint': {
      const { eventTypes, enabled } = command.data;
      const events: WebhookEndpointEvent[] = [];
      if (eventTypes !== undefined) {
        const problems = webhookEventTypeProblems(eventTypes);
        if (problems.length > 0) return refused('WEBHOOK_ENDPOINT_INVALID', problems.join('; '));
        const same = eventTypes.length === endpoint.eventTypes.length && eventTypes.every((type) => endpoint.eventTypes.includes(type));
        if (!same) events.push({ type: 'WebhookEndpointEventTypesChanged', data: { endpointId, agencyId, eventTypes, at } });
      }
      if (enabled === true && endpoint.disabled !== null) events.push({ type: 'WebhookEndpointEnabled', data: { endpointId, agencyId, at } });
      if (enabled === false && endpoint.disabled === null) {
        events.push({ type: 'WebhookEndpointDisabled', data: { endpointId, agencyId, reason: 'by-admin', failingSince: null, at } });
      }
      return decided(...events);
    }
    case 'DisableFailingWebhookEndpoint':
      // Already off: whichever disabling came first stands, and a repeat by the engine records nothing.
      if (endpoint.disabled !== null) return decided();
      return decided({ type: 'WebhookEndpointDisabled', data: { endpointId, agencyId, reason: command.data.reason, failingSince: command.data.failingSince, at } });
    case 'RemoveWebhookEndpoint':
      return decided({ type: 'WebhookEndpointRemoved', data: { endpointId, agencyId, at } });
  }
}
