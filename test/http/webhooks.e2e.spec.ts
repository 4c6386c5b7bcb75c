import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually } from '@lacak/testing';
import { Webhook } from 'standardwebhooks';
import { TestApp } from '../support/test-app';

const AGENCY = 'id-32.01-dinkes';
const REPORTER = { name: 'Siti Aminah', email: 'siti.aminah@example.id', phone: '081234567890', idNumber: '3201012345670001' };
const EVENT_TYPES = ['ComplaintDisposed', 'DispositionAccepted', 'InvestigationOpened', 'FindingsRecorded', 'ComplaintResponded'];

interface Call {
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

interface Payload {
  type: string;
  data: { eventId: string; complaintId: string; revision: string; complaint: { investigation: { summary: string | null } | null } };
}

/** A receiver on this machine (allowed by WEBHOOK_ALLOW_PRIVATE_ADDRESSES): answers 204, or 503 while down. */
class Receiver {
  readonly calls: Call[] = [];
  down = false;
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const status = this.down ? 503 : 204;
        this.calls.push({ headers: req.headers, body, status });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/lacak`;
  }

  stop = () => new Promise((resolve) => this.server.close(resolve));

  delivered = () => this.calls.filter((call) => call.status === 204);
}

describe('Webhooks to an agency’s system', () => {
  let t: TestApp;
  const receiver = new Receiver();
  let secret: string;
  let reporter: string;
  let admin: string;
  let agencyAdmin: string;

  beforeAll(async () => {
    await receiver.start();
    // Retries in milliseconds; the endpoint is never disabled within the test.
    t = await TestApp.start({
      WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
      DELIVERY_RETRY_BASE_MS: '10',
      DELIVERY_RETRY_MAX_MS: '50',
      DELIVERY_POLL_INTERVAL_MS: '20',
      DELIVERY_MAX_ATTEMPTS: '100',
    });
    reporter = await t.token('reporter', null, 'reporter-siti');
    admin = await t.token('national_admin', 'national');
    agencyAdmin = await t.token('agency_admin', AGENCY);
    const registered = await t.request('POST', `/agencies/${AGENCY}/webhooks`, { token: agencyAdmin, body: { url: receiver.url, eventTypes: EVENT_TYPES } });
    expect(registered.status).toBe(201);
    secret = registered.body.secret;
  });
  afterAll(async () => {
    await t.stop();
    await receiver.stop();
  });

  /** A complaint driven from submission to its follow-up; answers its id. */
  async function driveComplaint(title: string): Promise<string> {
    const submitted = await t.request('POST', '/complaints', { token: reporter, body: { title, description: 'Petugas meminta biaya tambahan.', channel: 'web', reporter: REPORTER } });
    const id = submitted.body.id as string;
    const steps: [string, string, object][] = [
      ['verify', admin, { classification: 'pengaduan', category: 'kesehatan', slaClass: 'ordinary', confidential: true, anonymous: false }],
      ['dispose', admin, { agencyId: AGENCY, note: 'Mohon ditindaklanjuti' }],
      ['accept', agencyAdmin, {}],
      ['open-investigation', agencyAdmin, { reason: 'Dugaan pungutan liar' }],
      ['record-findings', agencyAdmin, { conclusion: 'irregularity_found', summary: 'Pungutan oleh petugas loket terbukti' }],
      ['respond', agencyAdmin, { followUp: 'Biaya dikembalikan.' }],
    ];
    for (const [command, token, body] of steps) expect((await t.request('POST', `/complaints/${id}/${command}`, { token, body })).status).toBe(200);
    return id;
  }

  const payloadOf = (call: Call) => new Webhook(secret).verify(call.body, call.headers as Record<string, string>) as Payload;

  it('signs every call per Standard Webhooks and sends only what the agency’s officers see', async () => {
    const id = await driveComplaint('Pungutan di loket puskesmas');
    const calls = await eventually(
      async () => receiver.delivered().filter((call) => payloadOf(call).data.complaintId === id),
      (delivered) => delivered.length === EVENT_TYPES.length,
      { timeoutMs: 15_000, description: 'every subscribed event delivered' },
    );
    expect(calls.map((call) => payloadOf(call).type)).toEqual(EVENT_TYPES);
    for (const call of calls) {
      expect(call.headers['webhook-id']).toMatch(/^[0-9a-f-]{36}$/);
      // The identity is sealed from the agency (rahasia) and never leaves in a payload; nor does the findings' summary.
      for (const value of [...Object.values(REPORTER), 'reporter-siti', 'Pungutan oleh petugas loket terbukti']) expect(call.body).not.toContain(value);
    }
    expect(payloadOf(calls[3]).data.complaint.investigation).toMatchObject({ summary: null });
    const listed = await t.request('GET', `/agencies/${AGENCY}/webhooks`, { token: agencyAdmin });
    expect(listed.body).toEqual([expect.objectContaining({ url: receiver.url, enabled: true, disabled: null })]);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
  });

  it('gets every event once a receiver that was down is back, in order per complaint', async () => {
    receiver.down = true;
    const before = receiver.calls.length;
    const ids = await Promise.all([driveComplaint('Antrean BPJS'), driveComplaint('Obat tidak tersedia')]);
    await eventually(async () => receiver.calls.slice(before).filter((call) => call.status === 503).length, (refused) => refused >= 4, {
      timeoutMs: 15_000,
      description: 'the receiver refusing retried calls',
    });
    receiver.down = false;
    for (const id of ids) {
      const delivered = await eventually(
        async () => receiver.delivered().filter((call) => payloadOf(call).data.complaintId === id),
        (calls) => new Set(calls.map((call) => call.headers['webhook-id'])).size === EVENT_TYPES.length,
        { timeoutMs: 20_000, description: `every event of ${id} delivered` },
      );
      const revisions = delivered.map((call) => Number(payloadOf(call).data.revision));
      expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
      expect(delivered.map((call) => payloadOf(call).type)).toEqual(EVENT_TYPES);
    }
    // A refused call is repeated with the same webhook-id: the receiver can tell a retry from a new event.
    const refusedIds = new Set(receiver.calls.slice(before).filter((call) => call.status === 503).map((call) => call.headers['webhook-id']));
    const deliveredIds = new Set(receiver.delivered().map((call) => call.headers['webhook-id']));
    expect([...refusedIds].every((id) => deliveredIds.has(id))).toBe(true);
  });

  it('refuses a URL the address policy does not allow and a secret that cannot sign (private addresses: libs/webhooks specs)', async () => {
    const refused = await t.request('POST', `/agencies/${AGENCY}/webhooks`, { token: agencyAdmin, body: { url: 'ftp://127.0.0.1/x', eventTypes: ['ComplaintClosed'] } });
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 422, code: 'WEBHOOK_URL_NOT_ALLOWED' });
    const badSecret = await t.request('POST', `/agencies/${AGENCY}/webhooks`, { token: agencyAdmin, body: { url: receiver.url, eventTypes: ['ComplaintClosed'], secret: 'hunter2' } });
    expect({ status: badSecret.status, code: badSecret.body.code }).toEqual({ status: 422, code: 'WEBHOOK_ENDPOINT_INVALID' });
  });
});
