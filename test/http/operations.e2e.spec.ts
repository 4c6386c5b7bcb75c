import { TestApp } from '../support/test-app';
import { verifiedComplaint } from '../support/complaint-stages';

const COMMANDS = [
  'verify', 'reject', 'archive', 'dispose', 'accept', 'request-clarification', 'answer-clarification', 'start-mediation',
  'record-mediation-outcome', 'open-investigation', 'record-findings', 'respond', 'close',
];

describe('Operations: health, OpenAPI, docs, guards, rebuild', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.token('national_admin', 'national');
  });
  afterAll(() => t.stop());

  it('reports both stores and every projection on /health without a token', async () => {
    const health = await t.request('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: 'ok',
      eventStore: { kind: 'embedded', status: 'ok' },
      readStore: { kind: 'embedded', status: 'ok' },
    });
    expect(health.body.projector.lease).toBe('held');
    expect(health.body.projector.projections.map((p: { name: string }) => p.name)).toEqual(['complaints', 'audit-trail', 'agency-stats', 'audit-events', 'monev-snapshots', 'evaluations']);
  });

  it('publishes an OpenAPI document generated from the DTOs, and the docs page', async () => {
    const spec = await t.request('GET', '/openapi.json');
    expect(spec.status).toBe(200);
    const paths = Object.keys(spec.body.paths);
    for (const command of COMMANDS) expect(paths).toContain(`/complaints/{id}/${command}`);
    expect(paths).toEqual(expect.arrayContaining(['/complaints', '/complaints/{id}', '/complaints/{id}/history', '/agencies', '/agencies/{id}/stats']));
    expect(spec.body.components.schemas.SubmitComplaintRequest.required).toEqual(['title', 'description', 'channel']);
    expect(spec.body.components.schemas.VerifyComplaintRequest.properties.classification.enum).toEqual(['pengaduan', 'aspirasi', 'permintaan_informasi']);

    const docs = await t.request('GET', '/docs');
    expect(docs.status).toBe(200);
    expect(String(docs.body)).toContain('swagger');
  });

  it('guards every endpoint in the OpenAPI document except health, sign-in, the public list, Open311 and reporter tracking', async () => {
    const spec = (await t.request('GET', '/openapi.json')).body;
    const unguarded: string[] = [];
    for (const [path, methods] of Object.entries<Record<string, unknown>>(spec.paths)) {
      for (const method of Object.keys(methods)) {
        const url = path.replace('{id}', '00000000-0000-4000-8000-000000000000');
        const response = await t.request(method.toUpperCase() as 'GET' | 'POST', url, { body: method === 'post' ? {} : undefined });
        if (response.status !== 401) unguarded.push(`${method.toUpperCase()} ${path} → ${response.status}`);
      }
    }
    // Tracking needs no bearer token: the tracking secret guards it (404 without it, 400 for a bad body first).
    expect(unguarded.sort()).toEqual([
      // The notary's public key is for anyone who checks a signed tree head.
      'GET /audit/public-key → 200',
      // How to sign in, and a development token (400: a role is required).
      'GET /auth/config → 200',
      'GET /health → 200',
      // Open311 is public like the public list; its POST needs a client application's api_key (400 here: no such format).
      'GET /open311/v2/discovery.{format} → 400',
      'GET /open311/v2/requests.{format} → 400',
      'GET /open311/v2/requests/{service_request_id}.{format} → 400',
      'GET /open311/v2/services.{format} → 400',
      'GET /open311/v2/services/{service_code}.{format} → 400',
      'GET /public/complaints → 200',
      'GET /track/{trackingId} → 404',
      'GET /track/{trackingId}/attachments/{attachmentId} → 404',
      'POST /auth/dev-token → 400',
      'POST /open311/v2/requests.{format} → 400',
      'POST /track/{trackingId}/accept → 404',
      'POST /track/{trackingId}/answer-clarification → 400',
      'POST /track/{trackingId}/attachments → 404',
      'POST /track/{trackingId}/dispute → 400',
      'POST /track/{trackingId}/rate → 400',
    ]);
  });

  it('gives every agency the zone its deadlines are counted in, by its province', async () => {
    const reporter = await t.token('reporter');
    const nodes = (await t.request('GET', '/agencies', { token: reporter })).body as { id: string; zone: string }[];
    const zoneOf = Object.fromEntries(nodes.map((node) => [node.id, node.zone]));
    expect(zoneOf).toMatchObject({ national: 'WIB', 'id-32': 'WIB', 'id-32.01-dinkes': 'WIB' });
    expect(new Set(Object.values(zoneOf))).toEqual(new Set(['WIB', 'WITA', 'WIT']));
    const subtree = (await t.request('GET', '/agencies?root=id-51', { token: reporter })).body as { zone: string }[];
    expect(subtree.length).toBeGreaterThan(1);
    expect(new Set(subtree.map((node) => node.zone))).toEqual(new Set(['WITA']));
    const papua = (await t.request('GET', '/agencies?root=id-94', { token: reporter })).body as { zone: string }[];
    expect(new Set(papua.map((node) => node.zone))).toEqual(new Set(['WIT']));
  });

  it('echoes the caller’s correlation id and records it on the events', async () => {
    const id = await verifiedComplaint(t);
    const response = await t.request('POST', `/complaints/${id}/dispose`, {
      token: admin,
      headers: { 'x-correlation-id': 'trace-4711' },
      body: { agencyId: 'kemenkes-setjen', note: 'x' },
    });
    expect(response.headers['x-correlation-id']).toBe('trace-4711');
    const events = await t.eventStore.readStream(`complaint-${id}`);
    expect(events[events.length - 1].metadata).toMatchObject({
      correlationId: 'trace-4711',
      actor: { id: 'national_admin-national', role: 'national_admin', agencyId: 'national' },
      schemaVersion: 1,
    });
  });

  it('rebuilds the read models on request of a national admin, with the same result', async () => {
    const id = await verifiedComplaint(t);
    const before = await t.eventually(() => t.request('GET', `/complaints/${id}`, { token: admin }), (r) => r.status === 200);
    const stats = (await t.request('GET', '/agencies/national/stats', { token: admin })).body;

    const officer = await t.token('agency_admin', 'id-32');
    expect((await t.request('POST', '/admin/projections/rebuild', { token: officer, body: {} })).status).toBe(403);
    expect((await t.request('POST', '/admin/projections/rebuild', { token: admin, body: { projection: 'nope' } })).status).toBe(404);
    const rebuilt = await t.request('POST', '/admin/projections/rebuild', { token: admin, body: {} });
    expect(rebuilt.status).toBe(202);

    const after = await t.eventually(() => t.request('GET', `/complaints/${id}`, { token: admin }), (r) => r.status === 200);
    expect(after.body).toEqual(before.body);
    const statsAfter = await t.eventually(
      () => t.request('GET', '/agencies/national/stats', { token: admin }),
      (r) => r.body.subtree.received === stats.subtree.received,
    );
    expect(statsAfter.body).toEqual(stats);
  });
});
