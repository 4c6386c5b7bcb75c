import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake received, as it was sent: headers, and the body as JSON or form fields. */
export interface RecordedLaporCall {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Record<string, unknown> | null;
  /** The raw body as text: what assertions about personal data look through. */
  raw: string;
}

/** What a scripted failure does to a matching request. */
export type LaporFailure =
  /** Answers with this status and an error envelope, doing nothing. */
  | { status: number }
  /** Never answers: the client's timeout ends it. */
  | { hang: true }
  /** Does the work, then never answers: a create that succeeded though the client saw a timeout. */
  | { hangAfterEffect: true };

interface FakeComplaint {
  id: string;
  statusCode: string;
  statusName: string;
  dispositionId: string | null;
  followUps: { id: string; content: string; created_at: string }[];
}

const ROUTES: { name: string; method: string; pattern: RegExp }[] = [
  { name: 'create', method: 'POST', pattern: /^\/complaints\/complaint$/ },
  { name: 'forward', method: 'POST', pattern: /^\/complaints\/process\/([^/]+)\/reject$/ },
  { name: 'follow-up', method: 'POST', pattern: /^\/complaints\/followup\/add$/ },
  { name: 'status', method: 'GET', pattern: /^\/complaints\/([^/]+)\/complaint$/ },
  { name: 'follow-ups', method: 'GET', pattern: /^\/complaints\/([^/]+)\/followups$/ },
];

/** Follow-ups per page, small so that paging is exercised. */
const PAGE_SIZE = 2;

/**
 * A stand-in SP4N-LAPOR! v3 server for the tests: the paths, field names and `results` envelope the
 * adapter speaks, both auth headers checked, every call recorded, and failures scripted per route.
 */
export class FakeLaporServer {
  readonly calls: RecordedLaporCall[] = [];
  readonly complaints = new Map<string, FakeComplaint>();
  private readonly failures: { route: string; failure: LaporFailure }[] = [];
  private readonly hanging = new Set<ServerResponse>();
  private nextId = 5010653;
  private server: Server | null = null;

  constructor(private readonly credentials: { authHeader: string; secret: string; token: string }) {}

  async start(): Promise<string> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/integration/api/v3`;
  }

  async stop(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next request to `route` (create, forward, follow-up, status, follow-ups) fails so. */
  failNext(route: string, failure: LaporFailure): void {
    this.failures.push({ route, failure });
  }

  callsTo(route: string): RecordedLaporCall[] {
    return this.calls.filter((call) => routeOf(call.method, call.path)?.name === route);
  }

  /** As a LAPOR! admin would: the complaint moves on. */
  setStatus(complaintId: string, statusName: string, statusCode: string): void {
    const complaint = this.complaint(complaintId);
    complaint.statusName = statusName;
    complaint.statusCode = statusCode;
  }

  /** As an agency in LAPOR! would: a follow-up appears. */
  addAgencyFollowUp(complaintId: string, content: string, createdAt: string): void {
    const complaint = this.complaint(complaintId);
    complaint.followUps.push({ id: `fu-${complaint.followUps.length + 1}`, content, created_at: createdAt });
  }

  private complaint(complaintId: string): FakeComplaint {
    const complaint = this.complaints.get(complaintId);
    if (!complaint) throw new Error(`The fake LAPOR! has no complaint ${complaintId}`);
    return complaint;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const raw = await readBody(request);
    const url = new URL(request.url ?? '/', 'http://fake');
    const path = url.pathname.replace(/^\/integration\/api\/v3/, '');
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
    const body = await parseBody(request, raw);
    this.calls.push({ method: request.method ?? 'GET', path, headers, body, raw });

    const send = (status: number, payload: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(payload));
    };
    const authorised =
      headers[this.credentials.authHeader.toLowerCase()] === `Bearer ${this.credentials.secret}` && headers.token === this.credentials.token;
    if (!authorised) return send(401, { message: 'Unauthenticated.' });
    const route = routeOf(request.method ?? 'GET', path);
    if (!route) return send(404, { message: 'Not found' });

    const index = this.failures.findIndex((f) => f.route === route.name);
    const failure = index >= 0 ? this.failures.splice(index, 1)[0].failure : null;
    if (failure && 'status' in failure) return send(failure.status, { message: 'Scripted failure' });
    if (failure && 'hang' in failure) return void this.hanging.add(response);

    const id = route.pattern.exec(path)?.[1];
    let answer: [number, unknown];
    switch (route.name) {
      case 'create': {
        const complaintId = String(this.nextId++);
        this.complaints.set(complaintId, {
          id: complaintId,
          statusCode: '0',
          statusName: 'Belum Terverifikasi',
          dispositionId: body?.disposition_id == null ? null : String(body.disposition_id),
          followUps: [],
        });
        answer = [200, { complaint_id: complaintId, results: { complaint: { id: complaintId } } }];
        break;
      }
      case 'forward': {
        const complaint = this.complaints.get(id!);
        if (!complaint || body?.not_authority !== 1) answer = [422, { message: 'Invalid' }];
        else {
          complaint.dispositionId = String(body.reason);
          answer = [200, { results: { message: 'ok' } }];
        }
        break;
      }
      case 'follow-up': {
        const complaint = this.complaints.get(String(body?.complaint_id));
        if (!complaint) answer = [422, { message: 'Invalid' }];
        else {
          complaint.followUps.push({ id: `fu-${complaint.followUps.length + 1}`, content: String(body?.content), created_at: '01-12-2026 10:00:00' });
          answer = [200, { results: { message: 'ok' } }];
        }
        break;
      }
      case 'status': {
        const complaint = this.complaints.get(id!);
        answer = complaint
          ? [200, { results: { data: { status_code: complaint.statusCode, status_name: complaint.statusName, disposition_id: complaint.dispositionId, disposition_name: null, status_logs: [] }, data_logs: [] } }]
          : [404, { message: 'Data tidak ditemukan' }];
        break;
      }
      default: {
        const complaint = this.complaints.get(id!);
        const page = Number(url.searchParams.get('page') ?? '1');
        const items = complaint?.followUps.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE) ?? [];
        const more = complaint !== undefined && complaint.followUps.length > page * PAGE_SIZE;
        answer = complaint
          ? [200, { results: { data: items, current_page: page, next_page_url: more ? `${url.origin}${url.pathname}?page=${page + 1}` : null } }]
          : [404, { message: 'Data tidak ditemukan' }];
      }
    }
    if (failure && 'hangAfterEffect' in failure) return void this.hanging.add(response);
    send(...answer);
  }
}

function routeOf(method: string, path: string) {
  return ROUTES.find((route) => route.method === method && route.pattern.test(path)) ?? null;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function parseBody(request: IncomingMessage, raw: string): Promise<Record<string, unknown> | null> {
  const type = request.headers['content-type'] ?? '';
  if (type.startsWith('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  if (type.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    return Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
  }
  return null;
}
