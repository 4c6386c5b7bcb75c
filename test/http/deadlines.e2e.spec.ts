import { TestApp } from '../support/test-app';
import { AGENCY, aSubmission, aVerification } from '../support/http-steps';

describe('Deadlines over HTTP', () => {
  let t: TestApp;
  let now = new Date('2026-03-02T02:00:00.000Z'); // Monday 09:00 WIB
  let admin: string;
  let reporter: string;

  beforeAll(async () => {
    t = await TestApp.start({ DEADLINE_CHECK_INTERVAL_MS: '100' }, { clock: { now: () => now } });
    admin = await t.token('national_admin', 'national');
    reporter = await t.token('reporter', null, 'reporter-1');
  });
  afterAll(() => t.stop());

  it('lists the SLA policy versions and the one in force', async () => {
    const policies = await t.request('GET', '/sla-policies', { token: reporter });
    expect(policies.status).toBe(200);
    expect(policies.body.versions.map((v: { version: string }) => v.version)).toContain(policies.body.inForce);
    expect(policies.body.versions[0].limits.ordinary).toEqual({ workingDays: 14 });
  });

  it('shows due dates and remaining working days, and flags, filters and sorts overdue complaints', async () => {
    const submitted = await t.request('POST', '/complaints', { token: reporter, body: aSubmission() });
    const { id } = submitted.body;
    const fresh = await t.eventually(() => t.request('GET', `/complaints/${id}`, { token: admin }), (r) => r.status === 200);
    expect(fresh.body).toMatchObject({
      slaPolicyVersion: expect.any(String),
      deadlines: { verification: { due: '2026-03-05T16:59:59.999Z' } },
      remainingWorkingDays: { verification: 3 },
      isOverdue: false,
    });

    // Friday: the verification deadline passed on Thursday evening; the deadline process flags it.
    now = new Date('2026-03-06T02:00:00.000Z');
    const overdue = await t.eventually(
      () => t.request('GET', '/complaints?overdue=true&sort=due', { token: admin }),
      (r) => r.body.items?.some((c: { id: string }) => c.id === id),
      5000,
    );
    const listed = overdue.body.items.find((c: { id: string }) => c.id === id);
    expect(listed).toMatchObject({ isOverdue: true, overdue: [expect.objectContaining({ clock: 'verification' })] });
    expect(listed.remainingWorkingDays.verification).toBe(-1);
    const stats = await t.request('GET', '/agencies/national/stats', { token: admin });
    expect(stats.body.sla.overdueAgeing['1-7']).toBe(1);
    expect(stats.body.sla.compliance.ordinary).toEqual({ responded: 0, withinSla: 0, rate: null });

    const verified = await t.request('POST', `/complaints/${id}/verify`, { token: admin, body: aVerification });
    expect(verified.status).toBe(200);
    const disposed = await t.request('POST', `/complaints/${id}/dispose`, { token: admin, body: { agencyId: AGENCY, note: 'x' } });
    expect(disposed.status).toBe(200);
    const afterDisposal = await t.eventually(
      () => t.request('GET', `/complaints/${id}`, { token: admin }),
      (r) => r.body.status === 'DISPOSED',
    );
    expect(afterDisposal.body.deadlines).toHaveProperty('followUp');
    expect(afterDisposal.body.deadlines).not.toHaveProperty('verification');
    const history = await t.request('GET', `/complaints/${id}/history`, { token: admin });
    expect(history.body.filter((e: { type: string }) => e.type === 'DeadlineMissed')).toHaveLength(1);
  });
});
