import { Controller, Get, type INestApplication } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { GetAgenciesHandler } from '../../apps/api/src/agencies/agency-queries';
import { RateLimited } from '../../apps/api/src/http/rate-limit';
import { RateLimitGuard, rateLimitModule } from '../../apps/api/src/http/rate-limit.guard';
import { ProblemDetailsFilter } from '../../apps/api/src/problem-details/problem-details.filter';
import { aSubmission } from '../support/http-steps';
import { TestApp } from '../support/test-app';

type Injected = { statusCode: number; headers: Record<string, unknown>; body: string; json: () => any };

function expectProblem(response: Injected, status: number, code: string): void {
  expect({ status: response.statusCode, type: response.headers['content-type'] }).toEqual({ status, type: expect.stringMatching(/^application\/problem\+json/) });
  expect(response.json()).toMatchObject({ status, code });
}

describe('Rate limits on submissions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '3', RATE_LIMIT_TRACKING_PER_MINUTE: '3' });
  });
  afterAll(() => t.stop());

  const submit = async (remoteAddress: string, actorId: string | null) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (actorId) headers.authorization = `Bearer ${await t.token('reporter', null, actorId)}`;
    return t.app.getHttpAdapter().getInstance().inject({ method: 'POST', url: '/complaints', remoteAddress, headers, payload: JSON.stringify(aSubmission()) });
  };
  const statusesOf = async (requests: [string, string | null][]) => {
    const statuses: number[] = [];
    for (const [address, actor] of requests) statuses.push((await submit(address, actor)).statusCode);
    return statuses;
  };

  it('answers the request over the limit with a 429 problem and Retry-After, and writes nothing', async () => {
    expect(await statusesOf([['10.0.0.1', 'alice'], ['10.0.0.1', 'alice'], ['10.0.0.1', 'alice']])).toEqual([201, 201, 201]);
    const before = (await t.allEvents()).length;
    const refused = await submit('10.0.0.1', 'alice');
    expectProblem(refused, 429, 'RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect((await t.allEvents()).length).toBe(before);
  });

  it('counts per client address, whichever actors send', async () => {
    const ip = '10.0.0.2';
    expect(await statusesOf([[ip, 'bob-1'], [ip, 'bob-2'], [ip, 'bob-3'], [ip, 'bob-4']])).toEqual([201, 201, 201, 429]);
  });

  it('counts per actor, from whichever addresses', async () => {
    expect(await statusesOf([['10.0.1.1', 'carol'], ['10.0.1.2', 'carol'], ['10.0.1.3', 'carol'], ['10.0.1.4', 'carol']])).toEqual([201, 201, 201, 429]);
  });

  it('answers an unauthenticated flood with 401, never 429, and does not count it', async () => {
    const ip = '10.0.0.3';
    expect(await statusesOf(Array.from({ length: 6 }, (): [string, null] => [ip, null]))).toEqual(Array(6).fill(401));
    expect(await statusesOf([[ip, 'dave'], [ip, 'dave'], [ip, 'dave']])).toEqual([201, 201, 201]);
  });

  it('leaves endpoints without @RateLimited alone', async () => {
    const token = await t.token('reporter', null, 'alice');
    for (let i = 0; i < 6; i++) {
      const response = await t.app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/complaints', remoteAddress: '10.0.0.1', headers: { authorization: `Bearer ${token}` } });
      expect(response.statusCode).not.toBe(429);
    }
  });
});

@Controller('probe')
class ProbeController {
  @Get('a') @RateLimited('tracking') a() {
    return { ok: true };
  }
  @Get('b') @RateLimited('tracking') b() {
    return { ok: true };
  }
  @Get('free') free() {
    return { ok: true };
  }
}

@RateLimited('submission')
@Controller('probe-class')
class ProbeClassController {
  @Get() all() {
    return { ok: true };
  }
}

describe('@RateLimited on any controller', () => {
  let app: INestApplication;
  beforeAll(async () => {
    const module = await Test.createTestingModule({
      imports: [rateLimitModule({ rateLimits: { submissionsPerMinute: 1, trackingPerMinute: 2 } })],
      controllers: [ProbeController, ProbeClassController],
      providers: [
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    }).compile();
    app = module.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
    await app.init();
    await (app as NestFastifyApplication).getHttpAdapter().getInstance().ready();
  });
  afterAll(() => app.close());

  const get = (url: string) => (app as NestFastifyApplication).getHttpAdapter().getInstance().inject({ method: 'GET', url });

  it('shares one budget among every endpoint with the same limit', async () => {
    expect([(await get('/probe/a')).statusCode, (await get('/probe/b')).statusCode]).toEqual([200, 200]);
    expectProblem(await get('/probe/a'), 429, 'RATE_LIMITED');
    expectProblem(await get('/probe/b'), 429, 'RATE_LIMITED');
    expect((await get('/probe/free')).statusCode).toBe(200);
  });

  it('applies to a whole controller too', async () => {
    expect((await get('/probe-class')).statusCode).toBe(200);
    expectProblem(await get('/probe-class'), 429, 'RATE_LIMITED');
  });
});

describe('Security headers, body limits and internal errors', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.token('national_admin', 'national');
  });
  afterAll(() => t.stop());

  const inject = (options: { method: 'GET' | 'POST'; url: string; headers?: Record<string, string>; payload?: string }) =>
    t.app.getHttpAdapter().getInstance().inject(options);

  it.each([
    ['a success', { token: true }],
    ['an error', { token: false }],
  ])('sends the API headers on %s', async (_label, { token }) => {
    const response = await t.request('GET', '/complaints', { token: token ? admin : null });
    expect(response.headers).toMatchObject({
      'content-security-policy': "default-src 'none';frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'strict-transport-security': expect.any(String),
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('keeps the docs working: their own CSP allows the UI scripts from /docs and inline styles, nothing else', async () => {
    const page = await inject({ method: 'GET', url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<div id="swagger-ui"></div>');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    for (const asset of ['/docs/swagger-ui-init.js', '/docs/swagger-ui-bundle.js', '/docs/swagger-ui.css']) {
      expect((await inject({ method: 'GET', url: asset })).statusCode).toBe(200);
    }
  });

  it('refuses a body over 256 KiB with a 413 problem and writes nothing', async () => {
    const before = (await t.allEvents()).length;
    const payload = JSON.stringify(aSubmission({ description: 'x'.repeat(256 * 1024) }));
    const response = await inject({ method: 'POST', url: '/complaints', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, payload });
    expectProblem(response, 413, 'CONTENT_TOO_LARGE');
    expect((await t.allEvents()).length).toBe(before);
  });

  it('parses a body just under the limit', async () => {
    const payload = JSON.stringify(aSubmission({ description: 'x'.repeat(255 * 1024) }));
    const response = await inject({ method: 'POST', url: '/complaints', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, payload });
    expectProblem(response, 400, 'VALIDATION_FAILED');
  });

  it('refuses deeply nested JSON with 400 rather than overflowing the stack', async () => {
    const payload = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const response = await inject({ method: 'POST', url: '/complaints', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, payload });
    expectProblem(response, 400, 'MALFORMED_REQUEST');
  });

  it('refuses a body nested 100,000 levels with a 400 problem, before parsing it', async () => {
    const payload = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const response = await inject({ method: 'POST', url: '/complaints', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, payload });
    expectProblem(response, 400, 'MALFORMED_REQUEST');
    expect(response.json().detail).toBe('The JSON body nests deeper than 32 levels');
  });

  it('keeps a plain client correlation id, replaces any other, and stores the one it answers with', async () => {
    const send = (correlationId: string) =>
      inject({ method: 'POST', url: '/complaints', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json', 'x-correlation-id': correlationId }, payload: JSON.stringify(aSubmission({ channel: 'sms' })) });
    const kept = await send('trace-42.span:7');
    expect(kept.headers['x-correlation-id']).toBe('trace-42.span:7');
    for (const hostile of ['<script>alert(1)</script>', 'x'.repeat(65), 'a b', '']) {
      const replaced = await send(hostile);
      expect(replaced.statusCode).toBe(201);
      expect(replaced.headers['x-correlation-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const stored = (await t.allEvents()).find((e) => (e.data as { complaintId?: string }).complaintId === replaced.json().id);
      expect(stored?.metadata.correlationId).toBe(replaced.headers['x-correlation-id']);
    }
  });

  it('answers request headers too large for Node with a 431 problem', async () => {
    await t.app.listen(0, '127.0.0.1');
    const response = await fetch(`${await t.app.getUrl()}/complaints`, { headers: { 'x-padding': 'x'.repeat(32 * 1024) } });
    expect({ status: response.status, type: response.headers.get('content-type') }).toEqual({ status: 431, type: 'application/problem+json' });
    expect(await response.json()).toMatchObject({ status: 431, code: 'HEADERS_TOO_LARGE', title: 'Request Header Fields Too Large' });
  });

  it('answers URLs Fastify refuses before routing with problems too', async () => {
    const headers = { authorization: `Bearer ${admin}` };
    expectProblem(await inject({ method: 'GET', url: '/complaints/%ff', headers }), 400, 'MALFORMED_REQUEST');
    const tooLong = await inject({ method: 'GET', url: `/complaints/${'x'.repeat(200)}`, headers });
    expectProblem(tooLong, 414, 'URI_TOO_LONG');
    expect(tooLong.headers).toMatchObject({ 'cache-control': 'no-store', 'x-correlation-id': expect.any(String) });
  });

  it('answers an internal error with a bare 500 problem: no stack, path or message', async () => {
    const handler = t.app.get(GetAgenciesHandler, { strict: false });
    const failure = new Error('SQLITE_CORRUPT: database disk image is malformed (/var/lib/lacak/read.db)');
    const spy = jest.spyOn(handler, 'execute').mockRejectedValueOnce(failure);
    try {
      const response = await inject({ method: 'GET', url: '/agencies', headers: { authorization: `Bearer ${admin}` } });
      expectProblem(response, 500, 'INTERNAL_ERROR');
      expect(Object.keys(response.json()).sort()).toEqual(['code', 'correlationId', 'detail', 'instance', 'status', 'title', 'type']);
      expect(response.body).not.toMatch(/SQLITE|read\.db|\/var\/lib|\bat\s|\.ts\b|\.js\b|stack/i);
    } finally {
      spy.mockRestore();
    }
  });
});
