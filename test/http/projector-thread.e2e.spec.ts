import { WorkerThreadProjector } from '@lacak/processes';
import { PROJECTOR } from '../../apps/api/src/infrastructure/tokens';
import { complaintAt } from '../support/complaint-stages';
import { aSubmission } from '../support/http-steps';
import { TestApp } from '../support/test-app';

/** The worker compiles the sources anew as it starts: seconds on a busy machine. */
const WORKER_START_MS = 60_000;
jest.setTimeout(3 * WORKER_START_MS);

describe('Projections in a worker thread (PROJECTOR_THREAD=worker, the embedded default)', () => {
  let t: TestApp;
  let projector: WorkerThreadProjector;
  let admin: string;
  /** The instant commands are decided at and deadlines judged by; the wall clock until a test moves it. */
  let movedTo: Date | null = null;

  beforeAll(async () => {
    t = await TestApp.start({ PROJECTOR_THREAD: 'worker', DEADLINE_CHECK_INTERVAL_MS: '100' }, { clock: { now: () => movedTo ?? new Date() } });
    projector = t.app.get(PROJECTOR);
    admin = await t.token('national_admin', 'national');
  });
  afterAll(() => t.stop());

  const lastPosition = async () => (await t.allEvents()).at(-1)!.position;

  it('runs the projector in a thread of its own, which takes the lease as /health reports', async () => {
    expect(projector).toBeInstanceOf(WorkerThreadProjector);
    expect(projector.threadId).not.toBeNull();
    const health = await t.eventually(() => t.request('GET', '/health'), (r) => r.body.projector.lease === 'held', WORKER_START_MS);
    expect(health.body.projector.projections.map((p: { name: string; lastError: string | null }) => [p.name, p.lastError])).toEqual([
      ['complaints', null],
      ['audit-trail', null],
      ['agency-stats', null],
      ['audit-events', null],
      ['monev-snapshots', null],
      ['evaluations', null],
    ]);
  });

  it('projects the commands sent over HTTP: once waitFor resolves, every read model answers with them', async () => {
    const complaint = await complaintAt(t, 'IN_PROGRESS');
    const position = await lastPosition();
    await projector.waitFor(position, WORKER_START_MS);

    const read = await t.request('GET', `/complaints/${complaint.id}`, { token: admin });
    expect({ status: read.status, complaintStatus: read.body.status }).toEqual({ status: 200, complaintStatus: 'IN_PROGRESS' });
    const history = await t.request('GET', `/complaints/${complaint.id}/history`, { token: admin });
    expect(history.body.map((entry: { revision: string }) => entry.revision)).toEqual(['0', '1', '2', '3']);
    const health = await t.request('GET', '/health');
    expect(health.body.projector.projections.map((p: { position: string }) => BigInt(p.position) >= position)).toEqual([true, true, true, true, true, true]);
  });

  it('rebuilds through POST /admin/projections/rebuild in the worker, with the same read models after', async () => {
    const complaint = await complaintAt(t, 'DISPOSED');
    await projector.waitFor(await lastPosition(), WORKER_START_MS);
    const before = await t.request('GET', `/complaints/${complaint.id}`, { token: admin });
    const stats = await t.request('GET', '/agencies/national/stats', { token: admin });

    const unknown = await t.request('POST', '/admin/projections/rebuild', { token: admin, body: { projection: 'nope' } });
    expect({ status: unknown.status, code: unknown.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
    const rebuilt = await t.request('POST', '/admin/projections/rebuild', { token: admin, body: {} });
    expect(rebuilt.status).toBe(202);
    expect(rebuilt.body.map((p: { name: string }) => p.name)).toEqual(['complaints', 'audit-trail', 'agency-stats', 'audit-events', 'monev-snapshots', 'evaluations']);

    await projector.waitUntilCaughtUp(WORKER_START_MS);
    expect((await t.request('GET', `/complaints/${complaint.id}`, { token: admin })).body).toEqual(before.body);
    expect((await t.request('GET', '/agencies/national/stats', { token: admin })).body).toEqual(stats.body);
  });

  it('runs the deadline process on this thread while the worker holds the lease: a missed deadline is raised and projected', async () => {
    const reporter = await t.token('reporter', null, 'reporter-deadline');
    const submitted = await t.request('POST', '/complaints', { token: reporter, body: aSubmission() });
    await projector.waitFor(await lastPosition(), WORKER_START_MS);

    // A month later the verification deadline (3 working days) has long passed.
    movedTo = new Date(Date.now() + 30 * 86_400_000);
    const history = await t.eventually(
      () => t.request('GET', `/complaints/${submitted.body.id}/history`, { token: admin }),
      (r) => r.body.some((entry: { type: string }) => entry.type === 'DeadlineMissed'),
      WORKER_START_MS,
    );
    expect(history.body.filter((entry: { type: string }) => entry.type === 'DeadlineMissed')).toHaveLength(1);
  });

  it('leaves no thread running once the app is closed', async () => {
    await t.app.close();
    expect(projector.threadId).toBeNull();
    expect(projector.leaseState).toBe('standby');
  });
});
