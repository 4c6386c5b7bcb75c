import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type AppConfig, loadConfig } from '@lacak/config';
import type { Actor, ActorRole } from '@lacak/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@lacak/event-store';
import { eventually } from '@lacak/testing';
import { createApp } from '../../apps/api/src/create-app';
import { TokenService } from '../../apps/api/src/auth/token.service';

export interface HttpResponse<T = any> {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: T;
}

export interface RequestOptions {
  token?: string | null;
  headers?: Record<string, string>;
  /** Sent as it is, for malformed-body tests. */
  rawBody?: string;
  body?: unknown;
}

/** The API on a fresh embedded data directory, driven in-process through Fastify's inject. */
export class TestApp {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly config: AppConfig,
    private readonly tokens: TokenService,
  ) {}

  /**
   * `clock`: the instant commands are decided at and deadlines are checked against; tests move it.
   * Projections run inline: a worker thread compiles the sources anew for every app, seconds each;
   * `test/http/projector-thread.e2e.spec.ts` covers the worker (`PROJECTOR_THREAD: 'worker'`).
   */
  static async start(overrides: Record<string, string> = {}, options: Parameters<typeof createApp>[1] = {}): Promise<TestApp> {
    const dataDir = mkdtempSync(join(tmpdir(), 'lacak-e2e-'));
    // No console unless a suite brings one: whether `dist/console` happens to be built must not change API answers.
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PROJECTOR_THREAD: 'inline', CONSOLE_DIR: join(dataDir, 'no-console'), ...overrides });
    const app = await createApp(config, options);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    return new TestApp(app, config, new TokenService(config.jwtSecret));
  }

  async stop(): Promise<void> {
    await this.app.close();
    rmSync(this.config.dataDir, { recursive: true, force: true });
  }

  get eventStore(): EventStore {
    return this.app.get<EventStore>(EVENT_STORE);
  }

  async allEvents(): Promise<RecordedEvent[]> {
    return this.eventStore.readAll();
  }

  token(role: ActorRole, agencyId: string | null = null, id = `${role}-${agencyId ?? 'none'}`): Promise<string> {
    const actor: Actor = { id, role, agencyId };
    return this.tokens.sign(actor);
  }

  async request<T = any>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, options: RequestOptions = {}): Promise<HttpResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let payload: string | undefined;
    if (options.rawBody !== undefined) payload = options.rawBody;
    else if (options.body !== undefined) payload = JSON.stringify(options.body);
    if (payload !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const response = await this.app.getHttpAdapter().getInstance().inject({ method, url, headers, payload });
    const text = response.body;
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (e.g. the docs page): keep the text.
    }
    return { status: response.statusCode, headers: response.headers, body: body as T };
  }

  /**
   * A multipart/form-data POST, encoded by the platform's own FormData: `fields` first, then the file
   * (as a browser sends a form). The answer's body is parsed as JSON when it is JSON.
   */
  async upload<T = any>(
    url: string,
    options: { token?: string | null; headers?: Record<string, string>; fields?: Record<string, string>; file?: { name: string; bytes: Buffer; type?: string } },
  ): Promise<HttpResponse<T>> {
    const form = new FormData();
    for (const [name, value] of Object.entries(options.fields ?? {})) form.append(name, value);
    if (options.file) form.append('file', new Blob([options.file.bytes], { type: options.file.type ?? 'application/octet-stream' }), options.file.name);
    const encoded = new Request('http://lacak.test/', { method: 'POST', body: form });
    const headers: Record<string, string> = { ...options.headers, 'content-type': encoded.headers.get('content-type')! };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const payload = Buffer.from(await encoded.arrayBuffer());
    const response = await this.app.getHttpAdapter().getInstance().inject({ method: 'POST', url, headers, payload });
    let body: unknown = response.body;
    try {
      body = response.body ? JSON.parse(response.body) : undefined;
    } catch {
      // Not JSON: keep the text.
    }
    return { status: response.statusCode, headers: response.headers, body: body as T };
  }

  /** The raw bytes of a GET, for downloads. */
  async download(url: string, token: string): Promise<{ status: number; headers: HttpResponse['headers']; bytes: Buffer; body: any }> {
    const response = await this.app.getHttpAdapter().getInstance().inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    let body: unknown;
    try {
      body = JSON.parse(response.body);
    } catch {
      body = undefined;
    }
    return { status: response.statusCode, headers: response.headers, bytes: response.rawPayload, body };
  }

  /** Polls a read until it satisfies `accept`, as a client waiting for eventual consistency would. */
  eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
    return eventually(read, accept, { timeoutMs, description: 'A consistent read' });
  }
}
