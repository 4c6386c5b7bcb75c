import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deliveryIdFor } from '@lacak/application';
import { loadConfig } from '@lacak/config';
import { SqliteEventStore } from '@lacak/event-store';
import { EMBEDDED_FILES } from '@lacak/storage';
import { eventually } from '@lacak/testing';
import { Webhook } from 'standardwebhooks';
import { TokenService } from '../../apps/api/src/auth/token.service';
import { AGENCY, aSubmission, aVerification } from '../support/http-steps';
import { ApiProcess } from '../support/server-process';

const EVENT_TYPES = ['ComplaintSubmitted', 'ComplaintVerified', 'ComplaintDisposed'];
/** Complaints in the burst, and how many are driven at once. */
const COMPLAINTS = 12;
const LANES = 4;
/** Calls the receiver has answered when the process is killed: well short of the burst's. */
const KILL_AFTER_CALLS = 6;
/** Attempts carried at once: at most this many are in flight at the kill, so at most this many are repeated. */
const DELIVERY_CONCURRENCY = 4;
/** A loaded machine may take a while to compile and start the API. */
const READY_TIMEOUT_MS = 60_000;

interface Call {
  headers: IncomingHttpHeaders;
  body: string;
}

/** An agency's system: answers every call after a short while, so deliveries are in flight when the process dies. */
class SlowReceiver {
  readonly calls: Call[] = [];
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        this.calls.push({ headers: req.headers, body });
        setTimeout(() => res.writeHead(204).end(), 40);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/lacak`;
  }

  stop = () => new Promise((resolve) => this.server.close(resolve));
}

async function post(server: ApiProcess, path: string, token: string, body: object): Promise<Record<string, string>> {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${text}`);
  return JSON.parse(text);
}

describe('The API killed while webhook deliveries run', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lacak-delivery-crash-'));
  // A short lease lets the restarted process take over from the killed one quickly; retries in milliseconds.
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    PROJECTOR_THREAD: 'inline',
    PROJECTOR_LEASE_TTL_MS: '600',
    RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '100000',
    WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
    DELIVERY_RETRY_BASE_MS: '10',
    DELIVERY_RETRY_MAX_MS: '100',
    DELIVERY_POLL_INTERVAL_MS: '20',
    DELIVERY_MAX_ATTEMPTS: '100',
    DELIVERY_CONCURRENCY: String(DELIVERY_CONCURRENCY),
  };
  const receiver = new SlowReceiver();

  beforeAll(() => receiver.start());
  afterAll(async () => {
    await ApiProcess.killAll();
    await receiver.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers every planned call after a kill -9, repeating only the attempts in flight at the kill, each repeat with the same webhook-id', async () => {
    const tokens = new TokenService(loadConfig(env).jwtSecret);
    const reporter = await tokens.sign({ id: 'reporter-burst', role: 'reporter', agencyId: null });
    const admin = await tokens.sign({ id: 'admin-national', role: 'national_admin', agencyId: 'national' });
    const agencyAdmin = await tokens.sign({ id: 'admin-dinkes', role: 'agency_admin', agencyId: AGENCY });

    const first = await ApiProcess.start(env, READY_TIMEOUT_MS);
    const { id: endpointId, secret } = await post(first, `/agencies/${AGENCY}/webhooks`, agencyAdmin, { url: receiver.url, eventTypes: EVENT_TYPES });
    const complaintIds: string[] = [];
    const lane = async (count: number) => {
      for (let n = 0; n < count; n++) {
        const { id } = await post(first, '/complaints', reporter, aSubmission({ title: `Burst ${complaintIds.length}`, targetAgencyId: AGENCY, reporter: { name: 'Pelapor Burst' } }));
        complaintIds.push(id);
        await post(first, `/complaints/${id}/verify`, admin, aVerification);
        await post(first, `/complaints/${id}/dispose`, admin, { agencyId: AGENCY, note: 'Mohon ditindaklanjuti' });
      }
    };
    await Promise.all(Array.from({ length: LANES }, () => lane(COMPLAINTS / LANES)));
    const planned = COMPLAINTS * EVENT_TYPES.length;
    await eventually(async () => receiver.calls.length, (calls) => calls >= KILL_AFTER_CALLS, { timeoutMs: 30_000, intervalMs: 5, description: 'deliveries under way' });
    await first.kill();
    const atKill = receiver.calls.length;
    expect(atKill).toBeLessThan(planned);

    const second = await ApiProcess.start(env, READY_TIMEOUT_MS);
    const webhook = new Webhook(secret);
    const byEvent = new Map<string, Set<string>>();
    const callsById = new Map<string, number>();
    const take = () => {
      for (const call of receiver.calls.splice(0)) {
        const payload = webhook.verify(call.body, call.headers as Record<string, string>) as { data: { eventId: string } };
        const id = String(call.headers['webhook-id']);
        callsById.set(id, (callsById.get(id) ?? 0) + 1);
        byEvent.set(payload.data.eventId, (byEvent.get(payload.data.eventId) ?? new Set()).add(id));
      }
    };
    const callCount = () => [...callsById.values()].reduce((sum, n) => sum + n, 0);
    await eventually(
      async () => {
        take();
        return byEvent.size;
      },
      (delivered) => delivered === planned,
      { timeoutMs: 60_000, intervalMs: 50, description: 'every planned delivery received' },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${second.log}`);
    });
    // Settled: every attempt recorded, nothing pending; after that no call may come again.
    await eventually(
      async () => (await (await fetch(`${second.url}/health`)).json()) as { deliveries: { pending: number | null } },
      (health) => health.deliveries.pending === 0,
      { timeoutMs: 30_000, intervalMs: 50, description: 'no delivery pending' },
    );
    take();
    const settled = callCount();
    expect(await second.stop()).toBe('graceful');
    take();
    expect(callCount()).toBe(settled);
    // Only the attempts in flight when the process died were made again, each once more.
    const repeated = [...callsById].filter(([, calls]) => calls > 1);
    expect(repeated.length).toBeLessThanOrEqual(DELIVERY_CONCURRENCY);
    expect(repeated.every(([, calls]) => calls === 2)).toBe(true);
    expect(settled).toBe(planned + repeated.length);

    const eventStore = SqliteEventStore.open({ file: join(dataDir, EMBEDDED_FILES.events) });
    try {
      const subscribed = (await eventStore.readAll()).filter((event) => complaintIds.some((id) => event.streamId.endsWith(id)) && EVENT_TYPES.includes(event.type));
      expect(subscribed).toHaveLength(planned);
      const target = { channel: 'webhook', target: `webhook-endpoint:${endpointId}`, topic: 'event' };
      // Every event arrived, and every call about it (first or repeated) carried its one idempotency key.
      expect(Object.fromEntries([...byEvent].map(([eventId, ids]) => [eventId, [...ids]]))).toEqual(
        Object.fromEntries(subscribed.map((event) => [event.id, [deliveryIdFor(event.id, target)]])),
      );
    } finally {
      await eventStore.close();
    }
  }, 180_000);
});
