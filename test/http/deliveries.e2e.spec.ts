import type { DeliveryChannel, DeliveryOutcome, DeliveryRecord, DeliverySource } from '@lacak/application';
import type { RecordedEvent } from '@lacak/event-store';
import { aSubmission } from '../support/http-steps';
import { TestApp } from '../support/test-app';

/** A receiver for each submission, reached by the channel below: the shape every real source has. */
const receiptSource: DeliverySource = {
  name: 'test-receipts',
  plan: async (event: RecordedEvent) => {
    if (event.type !== 'ComplaintSubmitted') return [];
    const complaintId = event.streamId.slice('complaint-'.length);
    return [{ channel: 'test-hook', target: 'receiver:test', topic: 'complaint-received', complaintId, orderKey: `receiver:test|${complaintId}` }];
  },
};

/** Delivers, except while its receiver is down: then it fails retryably. */
class TestHook implements DeliveryChannel {
  readonly name = 'test-hook';
  down = false;
  readonly keysSeen: string[] = [];
  async deliver(delivery: DeliveryRecord): Promise<DeliveryOutcome> {
    this.keysSeen.push(delivery._id);
    return this.down ? { kind: 'failed', reason: 'http-503', retryable: true } : { kind: 'delivered' };
  }
}

describe('The delivery outbox for operators: /admin/deliveries, /health and /metrics', () => {
  let t: TestApp;
  let admin: string;
  const hook = new TestHook();
  let deliveredId: string;
  let deadId: string;

  const list = (query: string) => t.request('GET', `/admin/deliveries${query}`, { token: admin });
  const submit = async () => {
    const reporter = await t.token('reporter', null, `reporter-${Math.random()}`);
    const response = await t.request('POST', '/complaints', { token: reporter, body: aSubmission() });
    expect(response.status).toBe(201);
    return response.body.id as string;
  };

  beforeAll(async () => {
    t = await TestApp.start(
      { DELIVERY_RETRY_BASE_MS: '5', DELIVERY_RETRY_MAX_MS: '20', DELIVERY_MAX_ATTEMPTS: '2', DELIVERY_POLL_INTERVAL_MS: '20' },
      { deliveries: { sources: [receiptSource], channels: [hook] } },
    );
    admin = await t.token('national_admin', 'national');
    // The planner has started (on this empty log: from its start) before anything is submitted.
    await t.eventually(() => t.request('GET', '/health'), (health) => health.body.deliveries?.plannerLagEvents !== null);

    const settled = (count: number) =>
      t.eventually(
        () => list('?channel=test-hook'),
        (response) => response.body.items?.length === count && response.body.items.every((d: DeliveryRecord) => d.state !== 'pending'),
      );
    const reached = await submit();
    await settled(1);
    hook.down = true;
    const down = await submit();
    const both = await settled(2);
    deliveredId = both.body.items.find((d: DeliveryRecord) => d.complaintId === reached)._id;
    deadId = both.body.items.find((d: DeliveryRecord) => d.complaintId === down)._id;
  });
  afterAll(() => t?.stop());

  it('lists the dead-letter list by state, with each delivery’s attempts and no content', async () => {
    const dead = await list('?state=dead');
    expect(dead.status).toBe(200);
    expect(dead.body.items.map((d: DeliveryRecord) => d._id)).toEqual([deadId]);
    expect(dead.body.items[0]).toMatchObject({
      channel: 'test-hook',
      topic: 'complaint-received',
      state: 'dead',
      nextAttemptAt: null,
      attempts: [
        { outcome: 'failed', reason: 'http-503' },
        { outcome: 'failed', reason: 'http-503' },
      ],
    });
    expect((await list('?state=delivered')).body.items.map((d: DeliveryRecord) => d._id)).toEqual([deliveredId]);
    expect((await list('?channel=email')).body.items).toEqual([]);
  });

  it('pages in log order with a cursor', async () => {
    const first = await list('?limit=1');
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await list(`?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    expect([first.body.items[0]._id, second.body.items[0]._id]).toEqual([deliveredId, deadId]);
    expect(BigInt(first.body.items[0].position)).toBeLessThan(BigInt(second.body.items[0].position));
  });

  it('shows one delivery, and answers an unknown or malformed id with a problem', async () => {
    const one = await t.request('GET', `/admin/deliveries/${deadId}`, { token: admin });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ _id: deadId, state: 'dead' });
    const unknown = await t.request('GET', '/admin/deliveries/00000000-0000-5000-8000-000000000000', { token: admin });
    expect(unknown).toMatchObject({ status: 404, body: { code: 'DELIVERY_NOT_FOUND' } });
    const malformed = await t.request('GET', '/admin/deliveries/not-a-delivery', { token: admin });
    expect(malformed).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect((await list('?state=lost')).status).toBe(400);
  });

  it('shows dead deliveries in /health as degraded, without making the instance unready, and in the metrics', async () => {
    const health = await t.request('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    expect(health.body.deliveries).toMatchObject({ status: 'degraded', dead: 1, pending: 0, plannerLagEvents: expect.any(Number), oldestPendingAgeSeconds: null });

    const metrics = String((await t.request('GET', '/metrics', { token: admin })).body);
    expect(metrics).toContain('lacak_deliveries_dead 1');
    expect(metrics).toContain('lacak_deliveries_pending 0');
    expect(metrics).toMatch(/lacak_delivery_attempts_total\{channel="test-hook",outcome="failed"\} 2/);
    expect(metrics).toMatch(/lacak_delivery_attempts_total\{channel="test-hook",outcome="delivered"\} 1/);
  });

  it('retries a dead delivery under the same idempotency key once the receiver is back, and refuses to repeat a delivered one', async () => {
    hook.down = false;
    const retried = await t.request('POST', `/admin/deliveries/${deadId}/retry`, { token: admin });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ _id: deadId, state: 'pending', settledAt: null });

    const delivered = await t.eventually(
      () => t.request('GET', `/admin/deliveries/${deadId}`, { token: admin }),
      (response) => response.body.state === 'delivered',
    );
    expect(delivered.body.attempts.map((a: { outcome: string }) => a.outcome)).toEqual(['failed', 'failed', 'delivered']);
    expect(hook.keysSeen.filter((key) => key === deadId)).toHaveLength(3);
    expect((await t.request('GET', '/health')).body.deliveries.status).toBe('ok');

    const again = await t.request('POST', `/admin/deliveries/${deadId}/retry`, { token: admin });
    expect(again).toMatchObject({ status: 409, body: { code: 'DELIVERY_ALREADY_DELIVERED' } });
  });

  it('is for the national admin: an agency admin is refused', async () => {
    const agencyAdmin = await t.token('agency_admin', 'id-32.01-dinkes');
    expect((await t.request('GET', '/admin/deliveries', { token: agencyAdmin })).body.code).toBe('ROLE_NOT_ALLOWED');
    expect((await t.request('POST', `/admin/deliveries/${deadId}/retry`, { token: agencyAdmin })).status).toBe(403);
  });
});
