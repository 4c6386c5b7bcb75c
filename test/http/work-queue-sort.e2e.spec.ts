import { TestApp } from '../support/test-app';
import { HOLDER, complaintAt } from '../support/complaint-stages';

describe('The work queue sorted by due date', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.stop());

  it('lists and counts the same complaints, those with a clock running, so its pages add up', async () => {
    const running = await complaintAt(t, 'DISPOSED');
    const closed = await complaintAt(t, 'CLOSED');
    const admin = await t.token('national_admin', 'national');
    const query = (sort: string) => t.request('GET', `/complaints?agency=${HOLDER}&sort=${sort}&pageSize=50`, { token: admin });
    const byDue = await t.eventually(
      () => query('due'),
      (r) => r.body.items?.some((c: { id: string }) => c.id === running.id),
    );
    const ids = byDue.body.items.map((c: { id: string }) => c.id);
    expect(ids).not.toContain(closed.id);
    expect(byDue.body.total).toBe(byDue.body.items.length);
    // Sorted by submission, every complaint of the queue counts, the closed one too.
    const byAge = await t.eventually(
      () => query('oldest'),
      (r) => r.body.items?.some((c: { id: string }) => c.id === closed.id),
    );
    expect(byAge.body.total).toBe(byDue.body.total + 1);
  });
});
