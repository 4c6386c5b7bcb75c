import { XMLParser } from 'fast-xml-parser';
import { complaintAt } from '../support/complaint-stages';
import { TestApp } from '../support/test-app';

/**
 * Open311 GeoReport v2 at /open311/v2, answering the specification's example requests
 * (http://wiki.open311.org/GeoReport_v2): services.xml, a service definition, POST requests.json
 * with an api_key, requests.xml filtered by start_date and status, and requests/{id}.json.
 */
const API_KEY = 'warga-app-key-0123456789abcdef';
const MARKER = 'Budi Canary Open311';
const EMAIL = 'canary.open311@example.org';
const PHONE = '+6281299990311';

const xml = new XMLParser({ parseTagValue: false, isArray: (name) => ['service', 'request', 'error', 'endpoint', 'format'].includes(name) });

describe('Open311 GeoReport v2', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start({ OPEN311_API_KEYS: `warga-app:${API_KEY}:app` });
    admin = await t.token('national_admin', 'national');
  });
  afterAll(() => t.stop());

  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const post = (fields: Record<string, string>, format = 'json') =>
    t.request('POST', `/open311/v2/requests.${format}`, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, rawBody: form(fields) });

  /** The example submission: a pothole at a point, with the reporter's e-mail and name. */
  const submit = async (fields: Record<string, string> = {}) => {
    const response = await post({
      api_key: API_KEY,
      service_code: 'infrastruktur',
      lat: '-6.595038',
      long: '106.816635',
      email: EMAIL,
      first_name: 'Budi',
      last_name: 'Canary Open311',
      phone: PHONE,
      description: 'Lubang besar di tengah jalan dekat pasar.',
      ...fields,
    });
    expect(response.status).toBe(201);
    return response;
  };

  /** The complaint behind a tracking id, verified by the national admin in the service's category. */
  async function verify(trackingId: string, category: string, seal: { confidential?: boolean; anonymous?: boolean } = {}) {
    const found = await t.eventually(
      () => t.request('GET', `/complaints?q=${trackingId}`, { token: admin }),
      (r) => r.body?.items?.length === 1,
    );
    const id = found.body.items[0].id;
    const verified = await t.request('POST', `/complaints/${id}/verify`, {
      token: admin,
      body: { classification: 'pengaduan', category, slaClass: 'ordinary', confidential: false, anonymous: false, ...seal },
    });
    expect(verified.status).toBe(200);
    return id as string;
  }

  it('answers discovery in both formats', async () => {
    const json = await t.request('GET', '/open311/v2/discovery.json');
    expect(json.status).toBe(200);
    expect(json.body.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', type: 'production', formats: ['text/xml', 'application/json'] });
    expect(json.body.endpoints[0].url).toMatch(/\/open311\/v2$/);
    const parsed = xml.parse((await t.request('GET', '/open311/v2/discovery.xml')).body);
    expect(parsed.discovery.endpoints.endpoint[0].formats.format).toEqual(['text/xml', 'application/json']);
  });

  it('lists the services as the specification’s GET services.xml, a blackbox one among them', async () => {
    const response = await t.request('GET', '/open311/v2/services.xml?jurisdiction_id=id-32.01');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/xml; charset=utf-8');
    const services = xml.parse(response.body).services.service;
    const health = services.find((s: { service_code: string }) => s.service_code === 'kesehatan');
    expect(Object.keys(health).sort()).toEqual(['description', 'group', 'keywords', 'metadata', 'service_code', 'service_name', 'type']);
    expect(health).toMatchObject({ service_name: 'Kesehatan', metadata: 'false', type: 'realtime', group: 'Layanan dasar' });
    expect(services.filter((s: { type: string }) => s.type === 'blackbox').map((s: { service_code: string }) => s.service_code)).toEqual(['pungli']);

    const json = await t.request('GET', '/open311/v2/services.json');
    expect(json.body).toHaveLength(services.length);
    expect(json.body[0]).toMatchObject({ service_code: expect.any(String), metadata: false });

    const unknown = await t.request('GET', '/open311/v2/services.json?jurisdiction_id=nowhere');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual([{ code: 404, description: 'jurisdiction_id nowhere is not an agency here' }]);
  });

  it('gives a service definition as GET services/033.xml does, and a 404 in the error format for an unknown one', async () => {
    const definition = xml.parse((await t.request('GET', '/open311/v2/services/kesehatan.xml')).body);
    expect(definition).toEqual({ '?xml': '', service_definition: { service_code: 'kesehatan', attributes: '' } });
    expect((await t.request('GET', '/open311/v2/services/kesehatan.json')).body).toEqual({ service_code: 'kesehatan', attributes: [] });

    const unknown = await t.request('GET', '/open311/v2/services/033.xml');
    expect(unknown.status).toBe(404);
    expect(xml.parse(unknown.body).errors.error).toEqual([{ code: '404', description: 'service_code 033 is not a service here' }]);
  });

  it('files a complaint from POST requests.json, the identity in the identity store only, and lists it once verified', async () => {
    const response = await submit({ address_string: 'Jl. Pajajaran 12, Bogor' });
    expect(response.body).toEqual([{ service_request_id: expect.stringMatching(/^LPR-[0-9A-Z]{12}$/), service_notice: expect.stringContaining('diterima'), account_id: null, tracking_secret: expect.any(String) }]);
    const [{ service_request_id: trackingId, tracking_secret: secret }] = response.body;
    // The reporter can follow and answer on the tracking page with what the client application hands on.
    const tracked = await t.request('GET', `/track/${trackingId}`, { headers: { 'x-tracking-secret': secret } });
    expect(tracked.status).toBe(200);
    expect(tracked.body.trackingId).toBe(trackingId);

    // Not public before verification: the same 404 as an unknown request.
    const before = await t.request('GET', `/open311/v2/requests/${trackingId}.json`);
    expect(before.status).toBe(404);
    expect(before.body).toEqual([{ code: 404, description: `No public service request ${trackingId}` }]);

    const id = await verify(trackingId, 'infrastruktur');
    const shown = await t.eventually(() => t.request('GET', `/open311/v2/requests/${trackingId}.json`), (r) => r.status === 200);
    expect(shown.body).toEqual([
      {
        service_request_id: trackingId,
        status: 'open',
        status_notes: 'Belum Ditindaklanjuti',
        service_name: 'Infrastruktur',
        service_code: 'infrastruktur',
        description: 'Lubang besar di tengah jalan dekat pasar.',
        agency_responsible: expect.any(String),
        service_notice: null,
        requested_datetime: expect.any(String),
        updated_datetime: expect.any(String),
        // No clock runs between verification and disposition.
        expected_datetime: null,
        address: 'Jl. Pajajaran 12, Bogor',
        lat: -6.595038,
        long: 106.816635,
      },
    ]);

    // The complaint as officers see it: filed by the application's channel, its location, no account behind it.
    const detail = await t.request('GET', `/complaints/${id}`, { token: admin });
    expect(detail.body).toMatchObject({ channel: 'app', category: 'infrastruktur', location: 'Jl. Pajajaran 12, Bogor (-6.595038, 106.816635)', confidential: false });
    const identity = await t.request('GET', `/complaints/${id}/reporter-identity?reason=${encodeURIComponent('Memeriksa laporan Open311')}`, { token: admin });
    expect(identity.body).toMatchObject({ name: MARKER, email: EMAIL, phone: PHONE });
    const events = JSON.stringify((await t.eventStore.readAll()).map(({ data, metadata }) => ({ data, metadata })));
    for (const secret of [MARKER, EMAIL, PHONE, API_KEY]) expect(events).not.toContain(secret);
    // No token passes for the reporter: the application's name is no account.
    const lookalike = await t.token('reporter', null, 'open311:warga-app');
    expect((await t.request('GET', `/complaints/${id}`, { token: lookalike })).status).toBe(404);
  });

  it('lists requests as GET requests.xml?start_date=…&status=open does, and closed ones under status=closed', async () => {
    const { trackingId: open } = await complaintAt(t, 'IN_PROGRESS');
    const { trackingId: closed } = await complaintAt(t, 'CLOSED');

    const since = new Date(Date.now() - 86_400_000).toISOString();
    const listed = await t.eventually(
      () => t.request('GET', `/open311/v2/requests.xml?start_date=${encodeURIComponent(since)}&status=open`),
      (r) => (xml.parse(r.body).service_requests?.request ?? []).some((q: { service_request_id: string }) => q.service_request_id === open),
    );
    const requests = xml.parse(listed.body).service_requests.request;
    expect(requests.every((r: { status: string }) => r.status === 'open')).toBe(true);
    expect(requests.map((r: { service_request_id: string }) => r.service_request_id)).not.toContain(closed);
    const inProgress = requests.find((r: { service_request_id: string }) => r.service_request_id === open);
    expect(Object.keys(inProgress).sort()).toEqual(
      ['address', 'agency_responsible', 'description', 'expected_datetime', 'lat', 'long', 'requested_datetime', 'service_code', 'service_name', 'service_notice', 'service_request_id', 'status', 'status_notes', 'updated_datetime'].sort(),
    );
    expect(inProgress).toMatchObject({ status_notes: 'Proses', service_code: 'kesehatan', service_name: 'Kesehatan', agency_responsible: 'Dinas Kesehatan Kabupaten Bogor', address: '', lat: '' });
    // The resolution clock runs once the agency accepted the complaint.
    expect(Date.parse(inProgress.expected_datetime)).toBeGreaterThan(Date.parse(inProgress.requested_datetime));

    const closedList = await t.eventually(
      () => t.request('GET', '/open311/v2/requests.json?status=closed&service_code=kesehatan'),
      (r) => r.body.some((q: { service_request_id: string }) => q.service_request_id === closed),
    );
    expect(closedList.body.every((r: { status: string }) => r.status === 'closed')).toBe(true);
    expect(closedList.body.find((r: { service_request_id: string }) => r.service_request_id === closed)).toMatchObject({ status_notes: 'Selesai' });
    const both = await t.request('GET', `/open311/v2/requests.json?service_request_id=${open},${closed.toLowerCase()}`);
    expect(both.body.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual([open, closed].sort());
    // A jurisdiction scopes the list and the single request to the complaints held in its subtree.
    const inBogor = await t.request('GET', `/open311/v2/requests.json?jurisdiction_id=id-32.01&service_request_id=${open}`);
    expect(inBogor.body.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([open]);
    const elsewhere = await t.request('GET', `/open311/v2/requests.json?jurisdiction_id=id-32.73&service_request_id=${open}`);
    expect(elsewhere.body).toEqual([]);
    expect((await t.request('GET', `/open311/v2/requests/${open}.json?jurisdiction_id=id-32.01`)).status).toBe(200);
    expect((await t.request('GET', `/open311/v2/requests/${open}.json?jurisdiction_id=id-32.73`)).status).toBe(404);

    const tooWide = await t.request('GET', '/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z');
    expect(tooWide.status).toBe(400);
    expect(tooWide.body).toEqual([{ code: 400, description: 'start_date and end_date must be in order and at most 90 days apart' }]);
    const nothing = await t.request('GET', '/open311/v2/requests.xml?start_date=2020-01-01T00:00:00Z');
    expect(xml.parse(nothing.body).service_requests).toBe('');
  });

  it('never lists a rahasia complaint, nor an anonymous reporter’s identity', async () => {
    const [{ service_request_id: sealed, service_notice: notice }] = (await submit({ service_code: 'pungli', description: 'Rahasia-canary pungutan di loket.' })).body;
    expect(notice).toContain('rahasia');
    const sealedId = await verify(sealed, 'pungli', { confidential: true });
    const [{ service_request_id: anonymous }] = (await submit({ description: 'Anonim-canary jalan berlubang.' })).body;
    await verify(anonymous, 'infrastruktur', { anonymous: true });

    const detail = await t.request('GET', `/complaints/${sealedId}`, { token: admin });
    expect(detail.body.confidential).toBe(true);
    const listed = await t.eventually(
      () => t.request('GET', '/open311/v2/requests.json?page_size=200'),
      (r) => r.body.some((q: { service_request_id: string }) => q.service_request_id === anonymous),
    );
    const text = JSON.stringify(listed.body) + (await t.request('GET', '/open311/v2/requests.xml?page_size=200')).body;
    expect(text).not.toContain(sealed);
    expect(text).not.toContain('Rahasia-canary');
    for (const secret of [MARKER, EMAIL, PHONE, 'Budi']) expect(text).not.toContain(secret);
    expect((await t.request('GET', `/open311/v2/requests/${sealed}.xml`)).status).toBe(404);
  });

  it('refuses a wrong api_key with 403, an unknown service with 400 and a missing location with 400, in the error format', async () => {
    const wrongKey = await post({ api_key: 'not-a-key', service_code: 'kesehatan', lat: '-6.5', long: '106.8' }, 'xml');
    expect(wrongKey.status).toBe(403);
    expect(xml.parse(wrongKey.body).errors.error).toEqual([{ code: '403', description: 'api_key is not the key of a client application' }]);

    const unknownService = await post({ api_key: API_KEY, service_code: 'kebun', lat: '-6.5', long: '106.8' });
    expect(unknownService.status).toBe(400);
    expect(unknownService.body).toEqual([{ code: 400, description: 'service_code kebun is not a service here' }]);

    const nowhere = await post({ api_key: API_KEY, service_code: 'kesehatan', email: EMAIL });
    expect(nowhere.body).toEqual([{ code: 400, description: 'A location is required: lat and long, address_string or address_id' }]);

    const invalid = await post({ api_key: API_KEY, service_code: 'kesehatan', lat: '91', long: '106.8', email: 'no-mail' });
    expect(invalid.status).toBe(400);
    expect(invalid.body[0].description).toMatch(/^The request has invalid fields; .*lat.*email/);
    // A form body anywhere else is still refused.
    const elsewhere = await t.request('POST', '/complaints', { token: admin, headers: { 'content-type': 'application/x-www-form-urlencoded' }, rawBody: 'title=x' });
    expect(elsewhere.status).toBe(415);
  });
});
