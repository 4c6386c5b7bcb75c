/** An agency's webhook endpoints: registered, changed, turned off and on, disabled by the engine, removed. */
import type { Actor } from '../complaint/actor';
import { AGENCY, OTHER_AGENCY, PARENT_AGENCY } from '../testing/complaint-builders';
import { DeciderSpecification } from '../testing/decider-specification';
import {
  type WebhookEndpointCommand,
  type WebhookEndpointEvent,
  decideWebhookEndpoints,
  evolveWebhookEndpoints,
  foldWebhookEndpoints,
  initialWebhookEndpointsState,
  receives,
} from './webhook-endpoints';

const given = DeciderSpecification.for({ decide: decideWebhookEndpoints, evolve: evolveWebhookEndpoints, initialState: initialWebhookEndpointsState });

const AT = '2026-03-02T03:00:00.000Z';
const admin: Actor = { id: 'admin', role: 'agency_admin', agencyId: AGENCY };
const system: Actor = { id: 'system', role: 'system', agencyId: null };
const ID = 'endpoint-1';
const data = { endpointId: ID, agencyId: AGENCY };

const register = (by: Actor = admin, eventTypes = ['ComplaintSubmitted', 'ComplaintClosed']): WebhookEndpointCommand => ({
  type: 'RegisterWebhookEndpoint',
  actor: by,
  at: AT,
  data: { ...data, url: 'https://hooks.example.go.id/lacak', eventTypes, sealedSecret: 'sealed' },
});
const registered: WebhookEndpointEvent = {
  type: 'WebhookEndpointRegistered',
  data: { ...data, url: 'https://hooks.example.go.id/lacak', eventTypes: ['ComplaintSubmitted', 'ComplaintClosed'], sealedSecret: 'sealed', at: AT },
};
const change = (changes: { eventTypes?: string[]; enabled?: boolean }, by: Actor = admin): WebhookEndpointCommand => ({
  type: 'ChangeWebhookEndpoint',
  actor: by,
  at: AT,
  data: { ...data, ...changes },
});
const failing = (reason: 'gone' | 'failing' = 'failing'): WebhookEndpointCommand => ({
  type: 'DisableFailingWebhookEndpoint',
  actor: system,
  at: AT,
  data: { ...data, reason, failingSince: reason === 'failing' ? '2026-03-01T03:00:00.000Z' : null },
});
const disabledByAdmin: WebhookEndpointEvent = { type: 'WebhookEndpointDisabled', data: { ...data, reason: 'by-admin', failingSince: null, at: AT } };

describe('registering a webhook endpoint', () => {
  it('records the endpoint of the admin’s own node', () => given([]).when(register()).then([registered]));

  it('refuses unknown event types, an empty list and repeats', () => {
    given([]).when(register(admin, ['ComplaintTeleported'])).thenRefused('WEBHOOK_ENDPOINT_INVALID');
    given([]).when(register(admin, [])).thenRefused('WEBHOOK_ENDPOINT_INVALID');
    given([]).when(register(admin, ['ComplaintClosed', 'ComplaintClosed'])).thenRefused('WEBHOOK_ENDPOINT_INVALID');
  });

  it('is the node’s own admin’s: a coordinator above or a sibling sees no such endpoint', () => {
    given([]).when(register({ ...admin, agencyId: PARENT_AGENCY })).thenRefused('WEBHOOK_ENDPOINT_NOT_FOUND');
    given([registered]).when(change({ enabled: false }, { ...admin, agencyId: OTHER_AGENCY })).thenRefused('WEBHOOK_ENDPOINT_NOT_FOUND');
  });

  it('is refused to roles the matrix leaves out', () =>
    given([]).when(register({ id: 'u', role: 'unit_officer', agencyId: AGENCY })).thenRefused('ROLE_NOT_ALLOWED'));

  it('never reuses an id, even a removed one', () => {
    given([registered]).when(register()).thenRefused('WEBHOOK_ENDPOINT_EXISTS');
    given([registered, { type: 'WebhookEndpointRemoved', data: { ...data, at: AT } }]).when(register()).thenRefused('WEBHOOK_ENDPOINT_EXISTS');
  });
});

describe('changing an endpoint', () => {
  it('records new event types, and nothing when they are the same', () => {
    given([registered]).when(change({ eventTypes: ['ComplaintVerified'] })).then([
      { type: 'WebhookEndpointEventTypesChanged', data: { ...data, eventTypes: ['ComplaintVerified'], at: AT } },
    ]);
    given([registered]).when(change({ eventTypes: ['ComplaintClosed', 'ComplaintSubmitted'] })).then([]);
  });

  it('turns it off and on again', () => {
    given([registered]).when(change({ enabled: false })).then([disabledByAdmin]);
    given([registered, disabledByAdmin]).when(change({ enabled: true })).then([{ type: 'WebhookEndpointEnabled', data: { ...data, at: AT } }]);
    given([registered]).when(change({ enabled: true })).then([]);
  });

  it('refuses an unknown endpoint', () => given([]).when(change({ enabled: false })).thenRefused('WEBHOOK_ENDPOINT_NOT_FOUND'));
});

describe('the engine disabling a failing endpoint', () => {
  it('records why and since when', () =>
    given([registered]).when(failing()).then([
      { type: 'WebhookEndpointDisabled', data: { ...data, reason: 'failing', failingSince: '2026-03-01T03:00:00.000Z', at: AT } },
    ]));

  it('records nothing for an endpoint already off', () => given([registered, disabledByAdmin]).when(failing('gone')).then([]));

  it('is the engine’s alone', () => given([registered]).when({ ...failing(), actor: admin }).thenRefused('ROLE_NOT_ALLOWED'));
});

describe('which complaint events an endpoint receives', () => {
  it('those of its types while enabled', () => {
    const endpoint = foldWebhookEndpoints([registered]).endpoints[ID];
    expect([receives(endpoint, 'ComplaintClosed'), receives(endpoint, 'ComplaintVerified')]).toEqual([true, false]);
    expect(receives(foldWebhookEndpoints([registered, disabledByAdmin]).endpoints[ID], 'ComplaintClosed')).toBe(false);
  });
});
