import { TestApp } from '../support/test-app';
import { type Fixture, HOLDER, OTHER_HOLDER, OWNER, commandOn, complaintAt } from '../support/complaint-stages';

interface Item {
  complaintId: string;
  trackingId: string;
  title: string;
  status: string;
  agency: { id: string; name: string };
  since: string;
  ageDays: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const WIB_MS = 7 * 60 * 60 * 1000;
/** Calendar days between two instants' local dates in WIB, the zone of every holder here (West Java). */
const wibDaysBetween = (since: string, now: Date) => Math.floor((now.getTime() + WIB_MS) / DAY_MS) - Math.floor((Date.parse(since) + WIB_MS) / DAY_MS);

describe('GET /monev/exceptions: complaints a coordinator acts on, driven through their lifecycle', () => {
  let t: TestApp;
  let now = new Date('2026-03-02T02:00:00.000Z'); // Monday 09:00 WIB
  let inspector: string;
  let admin: string;
  let unanswered: Fixture;
  let bounced: Fixture;
  let disputed: Fixture;
  let elsewhere: Fixture;

  const exceptions = (query: string, token = inspector) => t.request('GET', `/monev/exceptions?${query}`, { token });
  const listed = (body: { items: Item[] }, fixture: Fixture) => body.items.find((item) => item.complaintId === fixture.id);

  beforeAll(async () => {
    t = await TestApp.start({ DEADLINE_CHECK_INTERVAL_MS: '100' }, { clock: { now: () => now } });
    inspector = await t.token('apip_inspector', 'id-32');
    admin = await t.token('national_admin', 'national');
    unanswered = await complaintAt(t, 'IN_PROGRESS', { title: 'Izin usaha tidak diproses' });
    // Returned by the agency as not its authority: back with the router until disposed again.
    bounced = await complaintAt(t, 'DISPOSED', { title: 'Sampah menumpuk' });
    await commandOn(t, bounced, await t.token('agency_admin', HOLDER), 'reject', { reasonCode: 'not_our_authority', reason: 'Kewenangan dinas lingkungan hidup.' });
    disputed = await complaintAt(t, 'RESPONDED', { title: 'Antrean puskesmas' });
    await commandOn(t, disputed, await t.token('reporter', null, OWNER), 'dispute', { reason: 'Jawaban masih normatif.' });
    // Another province: outside the inspector's subtree.
    elsewhere = await complaintAt(t, 'DISPOSED', { holder: OTHER_HOLDER });
    await commandOn(t, elsewhere, await t.token('agency_admin', OTHER_HOLDER), 'reject', { reasonCode: 'not_our_authority', reason: 'Bukan wewenang.' });
  });
  afterAll(() => t?.stop());

  it('lists the bouncing and the disputed complaints of the subtree, each with its age', async () => {
    const overview = await t.eventually(
      () => exceptions('node=id-32'),
      (r) => r.status === 200 && r.body.kinds.bouncing.count === 1 && r.body.kinds.disputed.count === 1,
    );
    expect(overview.headers['content-type']).toContain('application/json');
    expect(overview.body).toMatchObject({ node: { id: 'id-32', kind: 'province' }, asOf: now.toISOString() });
    expect(Object.keys(overview.body.kinds)).toEqual(['no-follow-up-overdue', 'escalated', 'bouncing', 'disputed', 'ombudsman', 'overdue-action-items']);
    // No evaluation here: the overdue action-plan items are shown in test/http/evaluations.e2e.spec.ts.
    expect(overview.body.kinds['overdue-action-items']).toEqual({ count: 0, items: [] });
    expect(listed(overview.body.kinds.bouncing, bounced)).toEqual({
      complaintId: bounced.id,
      trackingId: bounced.trackingId,
      title: 'Sampah menumpuk',
      status: 'VERIFIED',
      agency: { id: HOLDER, name: expect.any(String) },
      since: expect.any(String),
      ageDays: 0,
    });
    expect(listed(overview.body.kinds.disputed, disputed)).toMatchObject({ status: 'IN_PROGRESS', ageDays: 0 });
    // No reporter, no content beyond the title.
    expect(JSON.stringify(overview.body)).not.toMatch(/reporter|description|Jawaban masih normatif/);
    expect(overview.body.kinds['no-follow-up-overdue']).toEqual({ count: 0, items: [], nextCursor: null });
    // The other province's bounce is the national admin's to see, not the West Java inspector's.
    // The other province's bounce was the last command: wait for the read model to reach it.
    const national = await t.eventually(
      () => exceptions('node=national&kind=bouncing', admin),
      (r) => r.status === 200 && r.body.items.some((item: Item) => item.complaintId === elsewhere.id),
    );
    expect(national.body.items.map((item: Item) => item.complaintId)).toEqual(expect.arrayContaining([bounced.id, elsewhere.id]));
  });

  it('lists a complaint with no follow-up past its deadline, and its escalation, once the deadline process records them', async () => {
    // Ten days on: the follow-up deadline (5 working days after the disposition) has passed.
    now = new Date('2026-03-12T02:00:00.000Z');
    const overview = await t.eventually(
      () => exceptions('node=id-32'),
      (r) => r.status === 200 && !!listed(r.body.kinds['no-follow-up-overdue'], unanswered) && !!listed(r.body.kinds.escalated, unanswered),
      10_000,
    );
    const overdue = listed(overview.body.kinds['no-follow-up-overdue'], unanswered)!;
    const detail = await t.request('GET', `/complaints/${unanswered.id}`, { token: admin });
    const missedFollowUp = detail.body.overdue.find((o: { clock: string }) => o.clock === 'followUp');
    expect(overdue.since).toBe(missedFollowUp.dueAt);
    expect(overdue.ageDays).toBe(wibDaysBetween(overdue.since, now));
    expect(overdue.ageDays).toBeGreaterThan(0);
    expect(listed(overview.body.kinds.escalated, unanswered)!.since).toBe(detail.body.escalations[0].at);
    // The complaint's detail keeps its exception fields to itself.
    expect(Object.keys(detail.body).filter((key) => key.startsWith('exception'))).toEqual([]);
  });

  it('lists a referral to the Ombudsman once the complaint is unresolved past the referral limit', async () => {
    now = new Date('2026-05-15T02:00:00.000Z');
    const ombudsman = await t.eventually(
      () => exceptions('node=id-32.01&kind=ombudsman'),
      (r) => r.status === 200 && !!listed(r.body, unanswered),
      10_000,
    );
    expect(ombudsman.body).toMatchObject({ kind: 'ombudsman', node: { id: 'id-32.01' } });
    expect(listed(ombudsman.body, unanswered)!.ageDays).toBe(wibDaysBetween(listed(ombudsman.body, unanswered)!.since, now));
  });

  it('pages one kind with its cursor', async () => {
    const first = await exceptions('node=national&kind=bouncing&limit=1', admin);
    expect(first.body).toMatchObject({ count: 2, items: [expect.any(Object)], nextCursor: expect.any(String) });
    const second = await exceptions(`node=national&kind=bouncing&limit=1&cursor=${first.body.nextCursor}`, admin);
    expect(second.body).toMatchObject({ count: 2, items: [expect.any(Object)], nextCursor: null });
    expect([first.body.items[0].complaintId, second.body.items[0].complaintId].sort()).toEqual([bounced.id, elsewhere.id].sort());
  });

  it('answers a node out of scope as an unknown one, and bad parameters with 400', async () => {
    const outside = await exceptions(`node=${OTHER_HOLDER}`);
    const unknown = await exceptions('node=id-99.99-dinkes');
    expect([outside.status, unknown.status]).toEqual([404, 404]);
    expect(outside.body.code).toBe('NOT_FOUND');
    for (const query of ['', 'node=id-32&kind=overdue', 'node=id-32&limit=0', 'node=id-32&kind=bouncing&cursor=bm90LWEtY3Vyc29y', 'node=id-32&cursor=abc']) {
      const response = await exceptions(query);
      expect({ query, status: response.status, code: response.body.code }).toEqual({ query, status: 400, code: 'VALIDATION_FAILED' });
    }
    const reporter = await exceptions('node=id-32', await t.token('reporter', null, OWNER));
    expect({ status: reporter.status, code: reporter.body.code }).toEqual({ status: 403, code: 'ROLE_NOT_ALLOWED' });
  });
});
