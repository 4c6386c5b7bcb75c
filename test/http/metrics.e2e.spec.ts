import type { ReadModelProjector } from '@lacak/projections';
import { PROJECTOR } from '../../apps/api/src/infrastructure/tokens';
import { aSubmission, aVerification } from '../support/http-steps';
import { TestApp } from '../support/test-app';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition (comments skipped). */
function parse(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
      if (!match) throw new Error(`Not a sample line: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, key, value]) => [key, value]));
      return { name: match[1], labels, value: Number(match[3]) };
    });
}

/** The sum of the samples of `name` whose labels include `labels`: 0 when there are none. */
const sum = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples
    .filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
    .reduce((total, sample) => total + sample.value, 0);

/** The projections a complaint's events reach; the others read streams of their own. */
const PROJECTIONS = ['complaints', 'audit-trail', 'agency-stats', 'audit-events'];
const ALL_PROJECTIONS = [...PROJECTIONS, 'monev-snapshots', 'evaluations'];

describe('Operator metrics at /metrics', () => {
  let t: TestApp;
  let system: string;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start();
    system = await t.token('system');
    admin = await t.token('national_admin', 'national');
  });
  afterAll(() => t?.stop());

  async function scrape(): Promise<Sample[]> {
    const response = await t.request('GET', '/metrics', { token: system });
    expect(response.status).toBe(200);
    return parse(String(response.body));
  }

  it('answers operators in the Prometheus text format, and nobody else', async () => {
    const scraped = await t.request('GET', '/metrics', { token: admin });
    expect(scraped.status).toBe(200);
    expect(scraped.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(String(scraped.body)).toContain('# TYPE lacak_commands_total counter');
    // prom-client's process metrics come along.
    expect(String(scraped.body)).toContain('process_cpu_user_seconds_total');
    expect(String(scraped.body)).toContain('nodejs_eventloop_lag_seconds');

    expect((await t.request('GET', '/metrics')).status).toBe(401);
    for (const role of ['agency_admin', 'unit_officer', 'apip_inspector', 'auditor', 'reporter'] as const) {
      const refused = await t.request('GET', '/metrics', { token: await t.token(role, role === 'reporter' ? null : 'id-32.01-dinkes') });
      expect({ role, status: refused.status, code: refused.body.code }).toEqual({ role, status: 403, code: 'ROLE_NOT_ALLOWED' });
    }
  });

  it('counts commands by type and outcome, refusals by code, and times requests by route pattern', async () => {
    const before = await scrape();
    const reporter = await t.token('reporter', null, 'reporter-metrics');
    const submitted = await t.request('POST', '/complaints', { token: reporter, body: aSubmission() });
    expect(submitted.status).toBe(201);
    const id: string = submitted.body.id;
    const verified = await t.request('POST', `/complaints/${id}/verify`, { token: admin, body: aVerification });
    expect(verified.status).toBe(200);
    // Verified already: the domain refuses (409 INVALID_TRANSITION).
    const refused = await t.request('POST', `/complaints/${id}/verify`, { token: admin, body: aVerification });
    expect(refused.body).toMatchObject({ status: 409, code: 'INVALID_TRANSITION' });
    // Decided on revision 0, but the complaint is at 1: the stream moved under it.
    const stale = await t.request('POST', `/complaints/${id}/dispose`, {
      token: admin,
      headers: { 'if-match': '"0"' },
      body: { agencyId: 'id-32.01-dinkes', note: 'Mohon ditindaklanjuti' },
    });
    expect(stale.body).toMatchObject({ status: 412, code: 'REVISION_MISMATCH' });
    const after = await scrape();

    const moved = (name: string, labels: Record<string, string> = {}) => sum(after, name, labels) - sum(before, name, labels);
    expect({
      submitAccepted: moved('lacak_commands_total', { command: 'SubmitComplaint', outcome: 'accepted' }),
      verifyAccepted: moved('lacak_commands_total', { command: 'VerifyComplaint', outcome: 'accepted' }),
      verifyRefused: moved('lacak_commands_total', { command: 'VerifyComplaint', outcome: 'refused' }),
      disposeConflict: moved('lacak_commands_total', { command: 'DisposeComplaint', outcome: 'conflict' }),
      allCommands: moved('lacak_commands_total'),
      invalidTransitions: moved('lacak_command_refusals_total', { code: 'INVALID_TRANSITION' }),
      allRefusals: moved('lacak_command_refusals_total'),
    }).toEqual({ submitAccepted: 1, verifyAccepted: 1, verifyRefused: 1, disposeConflict: 1, allCommands: 4, invalidTransitions: 1, allRefusals: 1 });

    const verify = { method: 'POST', route: '/complaints/:id/verify' };
    expect({
      answered: moved('lacak_http_request_duration_seconds_count', { ...verify, status_class: '2xx' }),
      refused: moved('lacak_http_request_duration_seconds_count', { ...verify, status_class: '4xx' }),
      // Every request lands in the +Inf bucket.
      inInfBucket: moved('lacak_http_request_duration_seconds_bucket', { ...verify, le: '+Inf' }),
    }).toEqual({ answered: 1, refused: 1, inInfBucket: 2 });
    // Never the path asked for: no complaint id in any label.
    expect(after.filter((sample) => Object.values(sample.labels).some((value) => value.includes(id)))).toEqual([]);
  });

  it('labels requests no route matched as unmatched, not by their path', async () => {
    const path = `/nowhere-${Date.now()}`;
    expect((await t.request('GET', path, { token: system })).status).toBe(404);
    const samples = await scrape();
    expect(sum(samples, 'lacak_http_request_duration_seconds_count', { method: 'GET', route: 'unmatched', status_class: '4xx' })).toBeGreaterThanOrEqual(1);
    expect(samples.filter((sample) => sample.labels.route?.includes('nowhere'))).toEqual([]);
  });

  it('reads each projection’s lag from its stored checkpoint when scraped', async () => {
    const projector = t.app.get<ReadModelProjector>(PROJECTOR);
    const [last] = (await t.allEvents()).slice(-1);
    await projector.waitFor(last.position);
    const lagOf = (samples: Sample[], name: string) => Object.fromEntries(PROJECTIONS.map((projection) => [projection, sum(samples, name, { projection })]));
    const caughtUp = await scrape();
    expect(caughtUp.filter((sample) => sample.name === 'lacak_projection_lag_events').map((sample) => sample.labels.projection).sort()).toEqual([...ALL_PROJECTIONS].sort());
    expect(lagOf(caughtUp, 'lacak_projection_lag_events')).toEqual(Object.fromEntries(PROJECTIONS.map((p) => [p, 0])));
    expect(lagOf(caughtUp, 'lacak_projection_lag_seconds')).toEqual(Object.fromEntries(PROJECTIONS.map((p) => [p, 0])));

    // Stopped, the projections fall behind by the one event a submission appends.
    await projector.stop();
    try {
      const reporter = await t.token('reporter', null, 'reporter-lag');
      expect((await t.request('POST', '/complaints', { token: reporter, body: aSubmission() })).status).toBe(201);
      const behind = await scrape();
      expect(lagOf(behind, 'lacak_projection_lag_events')).toEqual(Object.fromEntries(PROJECTIONS.map((p) => [p, 1])));
      for (const projection of ['monev-snapshots', 'evaluations']) expect(sum(behind, 'lacak_projection_lag_events', { projection })).toBe(0);
      for (const projection of PROJECTIONS) expect(sum(behind, 'lacak_projection_lag_seconds', { projection })).toBeGreaterThanOrEqual(0);
    } finally {
      projector.start();
    }
    await t.eventually(scrape, (samples) => PROJECTIONS.every((projection) => sum(samples, 'lacak_projection_lag_events', { projection }) === 0));
  });

  it('counts verifications of the event log and when the last one found it intact', async () => {
    // The verification at start runs in the background.
    const started = await t.eventually(scrape, (samples) => sum(samples, 'lacak_log_verification_runs_total', { result: 'intact' }) >= 1);
    expect(sum(started, 'lacak_log_verification_last_success_timestamp_seconds')).toBeGreaterThan(0);

    // A rebuild verifies the log first.
    const rebuilt = await t.request('POST', '/admin/projections/rebuild', { token: admin, body: { projection: 'agency-stats' } });
    expect(rebuilt.status).toBe(202);
    const after = await scrape();
    expect({
      intact: sum(after, 'lacak_log_verification_runs_total', { result: 'intact' }) - sum(started, 'lacak_log_verification_runs_total', { result: 'intact' }),
      faults: sum(after, 'lacak_log_verification_runs_total', { result: 'faults' }),
      failed: sum(after, 'lacak_log_verification_runs_total', { result: 'failed' }),
      events: sum(after, 'lacak_log_verification_events'),
    }).toEqual({ intact: 1, faults: 0, failed: 0, events: (await t.allEvents()).length });
    expect(sum(after, 'lacak_log_verification_last_success_timestamp_seconds')).toBeGreaterThanOrEqual(sum(started, 'lacak_log_verification_last_success_timestamp_seconds'));
    await t.app.get<ReadModelProjector>(PROJECTOR).waitUntilCaughtUp();
  });
});
