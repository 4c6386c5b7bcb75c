/** Planning and carrying webhook deliveries over real stores, to a receiver on this machine. */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DeliveryRecord, type PlannedDelivery, WebhookEndpointCommands, deliveryIdFor } from '@lacak/application';
import { AGENCY, OTHER_AGENCY, PARENT_AGENCY, actors, aComplaint, testOrganisation } from '@lacak/domain/testing';
import type { RecordedEvent } from '@lacak/event-store';
import { type TempStores, appendHistory, asComplaint, newProjector, openTempStores } from '@lacak/projections/testing';
import { Webhook } from 'standardwebhooks';
import { WebhookAddressPolicy } from './address-policy';
import { WebhookEndpointDirectory } from './endpoint-directory';
import { guardedDispatcher } from './guarded-dispatcher';
import { WebhookChannel, type WebhookPayload } from './webhook-channel';
import { WebhookDeliverySource } from './webhook-delivery-source';
import { WebhookSecretBox } from './webhook-secrets';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

describe('webhook deliveries', () => {
  let stores: TempStores;
  let server: Server;
  let url: string;
  let answer = 204;
  const received: Received[] = [];
  // Receivers check the signature's timestamp against their own clock.
  let now = new Date();
  const warnings: Record<string, unknown>[] = [];
  const secrets = new WebhookSecretBox(randomBytes(32));
  const policy = new WebhookAddressPolicy({ httpsOnly: false, allowPrivateAddresses: true });
  const dispatcher = guardedDispatcher(policy, 1000);
  let commands: WebhookEndpointCommands;
  let source: WebhookDeliverySource;
  let channel: WebhookChannel;

  beforeAll(async () => {
    stores = await openTempStores();
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
    commands = new WebhookEndpointCommands(stores.eventStore, { urlProblem: (u) => policy.urlProblem(u), secrets }, { now: () => now });
    const directory = new WebhookEndpointDirectory(stores.eventStore, testOrganisation);
    source = new WebhookDeliverySource(stores.eventStore, testOrganisation, directory);
    channel = new WebhookChannel(
      { eventStore: stores.eventStore, readStore: stores.readStore, tree: testOrganisation, directory, commands, secrets, policy, dispatcher, now: () => now, warn: (entry) => warnings.push(entry) },
      { timeoutMs: 2000, disableAfterMs: 60_000 },
    );
  });
  afterAll(async () => {
    await dispatcher.close();
    await new Promise((resolve) => server.close(resolve));
    await stores.cleanup();
  });

  const register = (agencyId: string, eventTypes: string[]) =>
    commands.run({ type: 'RegisterWebhookEndpoint', data: { agencyId, url, eventTypes } }, actors.agencyAdmin(agencyId), { correlationId: 'c' });

  const recordOf = (event: RecordedEvent, planned: PlannedDelivery, attempts: DeliveryRecord['attempts'] = []): DeliveryRecord => ({
    ...planned,
    _id: deliveryIdFor(event.id, planned),
    eventId: event.id,
    eventType: event.type,
    streamId: event.streamId,
    position: event.position.toString(),
    state: 'pending',
    attempts,
    nextAttemptAt: null,
    createdAt: now.toISOString(),
    settledAt: null,
  });

  /** Appends a complaint's history and projects it. */
  async function appendProjected(history: Parameters<typeof appendHistory>[1]): Promise<void> {
    const last = await appendHistory(stores.eventStore, history);
    const projector = newProjector(stores.eventStore, stores.readStore);
    await projector.start();
    await projector.waitFor(last);
    await projector.stop();
  }

  /** Every planned delivery of every event after `after`, in log order. */
  async function planAll(after: bigint): Promise<{ event: RecordedEvent; record: DeliveryRecord }[]> {
    const planned = [];
    for (const event of await stores.eventStore.readAll({ fromPosition: after })) {
      for (const delivery of await source.plan(event)) planned.push({ event, record: recordOf(event, delivery) });
    }
    return planned;
  }

  it('plans one delivery per subscribed endpoint above the holder, signs it and sends only what the node’s officers see', async () => {
    const agency = await register(AGENCY, ['ComplaintDisposed', 'FindingsRecorded']);
    const province = await register(PARENT_AGENCY, ['FindingsRecorded']);
    await register(OTHER_AGENCY, ['ComplaintDisposed', 'FindingsRecorded']);
    const start = (await stores.eventStore.readAll()).at(-1)!.position;
    await appendProjected(aComplaint().submitted({ confidential: true }).verified().disposedTo(AGENCY).accepted().investigationOpened().findingsRecorded().events());

    const planned = await planAll(start);
    expect(planned.map(({ event, record }) => [event.type, record.target])).toEqual([
      ['ComplaintDisposed', `webhook-endpoint:${agency.endpointId}`],
      ['FindingsRecorded', `webhook-endpoint:${province.endpointId}`],
      ['FindingsRecorded', `webhook-endpoint:${agency.endpointId}`],
    ]);
    expect(new Set(planned.map(({ record }) => record.orderKey)).size).toBe(2);

    for (const { record } of planned) expect(await channel.deliver(record, new AbortController().signal)).toEqual({ kind: 'delivered' });
    expect(received).toHaveLength(3);
    const findings = received[2];
    const verified = new Webhook(agency.secret!).verify(findings.body, findings.headers as Record<string, string>) as WebhookPayload;
    expect(findings.headers['webhook-id']).toBe(planned[2].record._id);
    expect(verified.type).toBe('FindingsRecorded');
    expect(verified.data.complaint.investigation?.summary).toBeNull();
    expect(verified.data.complaint).not.toHaveProperty('reporterAccountId');
    expect(findings.body).not.toContain('reporter-1');
  });

  it('retries a failing receiver, disables the endpoint once it has failed for longer than allowed and says so', async () => {
    const endpoint = await register(AGENCY, ['ComplaintResponded']);
    const start = (await stores.eventStore.readAll()).at(-1)!.position;
    await appendProjected(asComplaint('complaint-2', aComplaint().submitted().verified().disposedTo(AGENCY).accepted().responded().events()));
    const [{ event, record }] = (await planAll(start)).filter(({ record }) => record.target.endsWith(endpoint.endpointId));

    answer = 503;
    expect(await channel.deliver(record, new AbortController().signal)).toEqual({ kind: 'failed', reason: 'http-503', retryable: true });
    const firstFailure = now.toISOString();
    now = new Date(now.getTime() + 61_000);
    const retried = recordOf(event, record, [{ at: firstFailure, outcome: 'failed', reason: 'http-503' }]);
    expect(await channel.deliver(retried, new AbortController().signal)).toEqual({ kind: 'failed', reason: 'endpoint-disabled-failing', retryable: false });
    expect((await commands.endpoint(AGENCY, endpoint.endpointId))?.disabled).toEqual({ reason: 'failing', failingSince: firstFailure, at: now.toISOString() });
    expect(warnings).toEqual([expect.objectContaining({ endpointId: endpoint.endpointId, reason: 'failing', lastAnswer: 'http-503' })]);
    answer = 204;
  });

  it('reads a complaint stream once while planning its events in order, and only the delivery’s event while sending', async () => {
    const endpoint = await register(AGENCY, ['ComplaintDisposed', 'DispositionAccepted', 'ComplaintResponded']);
    const start = (await stores.eventStore.readAll()).at(-1)!.position;
    await appendProjected(asComplaint('complaint-4', aComplaint().submitted().verified().disposedTo(AGENCY).accepted().responded().events()));
    const reads = jest.spyOn(stores.eventStore, 'readStream');
    try {
      const planned = (await planAll(start)).filter(({ record }) => record.target.endsWith(endpoint.endpointId));
      expect(planned.map(({ event }) => event.type)).toEqual(['ComplaintDisposed', 'DispositionAccepted', 'ComplaintResponded']);
      const complaintReads = reads.mock.calls.filter(([streamId]) => streamId === planned[0].event.streamId);
      expect(complaintReads).toHaveLength(1);
      // Endpoint streams: only what was appended after the events already kept.
      expect(reads.mock.calls.filter(([streamId]) => streamId !== planned[0].event.streamId).every(([, options]) => options?.fromRevision !== undefined)).toBe(true);

      reads.mockClear();
      const { event, record } = planned[2];
      expect(await channel.deliver(record, new AbortController().signal)).toEqual({ kind: 'delivered' });
      expect(reads.mock.calls.filter(([streamId]) => streamId === event.streamId)).toEqual([[event.streamId, { fromRevision: event.revision, maxCount: 1 }]]);
    } finally {
      reads.mockRestore();
    }
  });

  it('disables an endpoint at once when its receiver answers 410 Gone', async () => {
    const endpoint = await register(AGENCY, ['ComplaintDisposed']);
    const history = asComplaint('complaint-3', aComplaint().submitted().verified().disposedTo(AGENCY).events());
    await appendHistory(stores.eventStore, history);
    const event = (await stores.eventStore.readAll()).at(-1)!;
    const [planned] = (await source.plan(event)).filter((delivery) => delivery.target.endsWith(endpoint.endpointId));
    // Not yet projected: retried later, the endpoint not counted as failing.
    expect(await channel.deliver(recordOf(event, planned), new AbortController().signal)).toEqual({ kind: 'deferred', reason: 'complaint-view-behind' });
    const projector = newProjector(stores.eventStore, stores.readStore);
    await projector.start();
    await projector.waitFor(event.position);
    await projector.stop();
    answer = 410;
    expect(await channel.deliver(recordOf(event, planned), new AbortController().signal)).toEqual({ kind: 'failed', reason: 'endpoint-disabled-gone', retryable: false });
    expect((await commands.endpoint(AGENCY, endpoint.endpointId))?.disabled?.reason).toBe('gone');
    answer = 204;
  });
});
