/**
 * Auditors' reads over HTTP: a complaint replayed from the event store to a revision or an instant,
 * what changed between two revisions, and every event by an actor or an agency in a period; their
 * bad inputs and who may read them. The clock is the test's, so every command has its own instant.
 */
import { projectionsCaughtUp, revealed, startAccessApp, unknownComplaintId } from '../access/access-support';
import { type Fixture, HOLDER, OTHER_HOLDER, OWNER, commandOn, complaintAt } from '../support/complaint-stages';
import type { TestApp } from '../support/test-app';

const START = Date.parse('2026-03-02T01:00:00.000Z');
const SUMMARY = 'Kepala puskesmas terbukti memungut biaya';

describe('Replay and audit events over HTTP', () => {
  let t: TestApp;
  let now = START;
  let complaint: Fixture;
  /** When each revision of `complaint` was decided. */
  const decidedAt: string[] = [];
  const token = {} as Record<'admin' | 'auditor' | 'inspector' | 'officer' | 'otherAuditor' | 'reporter', string>;

  /** Moves the clock a minute on, then runs the step: each command has its own instant. */
  const step = async (who: string, command: string, body: unknown) => {
    now += 60_000;
    await commandOn(t, complaint, who, command, body);
    decidedAt[complaint.revision] = new Date(now).toISOString();
  };
  const get = (who: string, url: string) => t.request('GET', url, { token: who });
  /** Each query's answer on the path, as [query, status, problem code, first field named]. */
  const problems = (path: string, queries: string[]) =>
    Promise.all(
      queries.map(async (query) => {
        const r = await get(token.auditor, `${path}${query}`);
        return [query, r.status, r.body.code, r.body.errors?.[0]?.field ?? null];
      }),
    );

  beforeAll(async () => {
    t = await startAccessApp({}, { clock: { now: () => new Date(now) } });
    token.admin = await t.token('national_admin', 'national');
    token.auditor = await t.token('auditor', 'id-32', 'auditor-jabar');
    token.inspector = await t.token('apip_inspector', 'id-32', 'inspector-jabar');
    token.officer = await t.token('agency_admin', HOLDER);
    token.otherAuditor = await t.token('auditor', 'id-33', 'auditor-jateng');
    token.reporter = await t.token('reporter', null, OWNER);

    complaint = await complaintAt(t, 'SUBMITTED');
    decidedAt[0] = new Date(now).toISOString();
    await step(token.admin, 'verify', { classification: 'pengaduan', category: 'kesehatan', slaClass: 'ordinary', confidential: false, anonymous: false });
    await step(token.admin, 'dispose', { agencyId: HOLDER, note: 'Mohon ditindaklanjuti.' });
    await step(token.officer, 'accept', {});
    await step(token.officer, 'open-investigation', { reason: 'Dugaan pungutan liar.' });
    await step(token.officer, 'record-findings', { conclusion: 'irregularity_found', summary: SUMMARY });
    await step(token.officer, 'respond', { followUp: 'Biaya dikembalikan.' });
    await projectionsCaughtUp(t);
  });
  afterAll(() => t?.stop());

  describe('GET /complaints/{id}/as-of', () => {
    it('folds the complaint from the event store up to a revision, with the events that led there as the history shows them', async () => {
      const [replay, history] = await Promise.all([
        get(token.auditor, `/complaints/${complaint.id}/as-of?revision=2`),
        get(token.auditor, `/complaints/${complaint.id}/history`),
      ]);
      expect(replay.status).toBe(200);
      expect(replay.body).toMatchObject({ complaintId: complaint.id, revision: '2', at: null, integrity: { intact: true, faults: [] } });
      expect(replay.body.complaint).toMatchObject({ id: complaint.id, status: 'DISPOSED', assigneeAgencyId: HOLDER, revision: '2', investigation: null });
      expect(replay.body.events).toEqual(history.body.slice(0, 3));
      expect(replay.body.events.map((e: { type: string }) => e.type)).toEqual(['ComplaintSubmitted', 'ComplaintVerified', 'ComplaintDisposed']);
      expect(replay.body.events[2].summaryInIndonesian).toMatch(/^Didisposisikan ke /);
    });

    it('at the last revision is the detail the read model serves, without the clocks that count against today', async () => {
      const [replay, detail] = await Promise.all([
        get(token.auditor, `/complaints/${complaint.id}/as-of?revision=${complaint.revision}`),
        get(token.auditor, `/complaints/${complaint.id}`),
      ]);
      // The actions offered are for the asking actor now, not part of the complaint as it stood.
      const { deadlines: _deadlines, remainingWorkingDays: _remaining, nextDueAt: _next, dueDatesUnverified: _unverified, allowedActions: _actions, ...live } = detail.body;
      expect(replay.body.complaint).toEqual(live);
    });

    it('to an instant, given with any offset: the state after the last event that occurred at or before it', async () => {
      // A second before revision 4 was decided, written in WIB (UTC+7).
      const justBefore = new Date(Date.parse(decidedAt[4]) - 1000 + 7 * 3_600_000).toISOString().replace('Z', '+07:00');
      const replay = await get(token.auditor, `/complaints/${complaint.id}/as-of?at=${encodeURIComponent(justBefore)}`);
      expect(replay.status).toBe(200);
      expect(replay.body).toMatchObject({ revision: '3', at: justBefore, complaint: { status: 'IN_PROGRESS' } });
      const exactly = await get(token.auditor, `/complaints/${complaint.id}/as-of?at=${encodeURIComponent(decidedAt[4])}`);
      expect(exactly.body).toMatchObject({ revision: '4', complaint: { status: 'INVESTIGATION' } });
    });

    it('withholds the findings summary from readers the access matrix keeps it from, as the detail does', async () => {
      const [auditor, officer] = await Promise.all([
        get(token.auditor, `/complaints/${complaint.id}/as-of?revision=5`),
        get(token.officer, `/complaints/${complaint.id}/as-of?revision=5`),
      ]);
      expect(auditor.body.complaint.investigation).toMatchObject({ conclusion: 'irregularity_found', summary: SUMMARY });
      expect(officer.body.complaint.investigation).toMatchObject({ conclusion: 'irregularity_found', summary: null });
      expect(JSON.stringify(officer.body)).not.toContain(SUMMARY);
    });

    it('answers bad input with a problem naming it', async () => {
      const url = (query: string) => `/complaints/${complaint.id}/as-of${query}`;
      const beyond = `?revision=${complaint.revision + 1}`;
      const both = '?revision=1&at=2026-03-02T08:00:00%2B07:00';
      const queries = ['', both, '?revision=-1', '?revision=1.5', '?revision=satu', '?at=2026-03-02T08:00:00', '?at=kemarin', beyond, '?at=2026-03-01T08:00:00Z'];
      expect(await problems(url(''), queries)).toEqual([
        ['', 400, 'VALIDATION_FAILED', 'revision'],
        [both, 400, 'VALIDATION_FAILED', 'revision'],
        ['?revision=-1', 400, 'VALIDATION_FAILED', 'revision'],
        ['?revision=1.5', 400, 'VALIDATION_FAILED', 'revision'],
        ['?revision=satu', 400, 'VALIDATION_FAILED', 'revision'],
        ['?at=2026-03-02T08:00:00', 400, 'VALIDATION_FAILED', 'at'],
        ['?at=kemarin', 400, 'VALIDATION_FAILED', 'at'],
        [beyond, 404, 'REVISION_NOT_FOUND', null],
        ['?at=2026-03-01T08:00:00Z', 404, 'NOT_YET_SUBMITTED', null],
      ]);
      const withoutOffset = await get(token.auditor, url('?at=2026-03-02T08:00:00'));
      expect(withoutOffset.body.errors).toEqual([{ field: 'at', messages: [expect.stringContaining('with its offset')] }]);
      const past = await get(token.auditor, url(beyond));
      expect(past.headers['content-type']).toContain('application/problem+json');
      expect(past.body.detail).toBe(`Complaint ${complaint.id} has revisions 0 to ${complaint.revision}; there is no revision ${complaint.revision + 1}.`);
    });

    it('refuses reporters, and answers out of scope exactly as for an unknown complaint', async () => {
      const own = await get(token.reporter, `/complaints/${complaint.id}/as-of?revision=0`);
      expect([own.status, own.body.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
      const unknownId = unknownComplaintId();
      const [out, unknown] = await Promise.all([
        get(token.otherAuditor, `/complaints/${complaint.id}/as-of?revision=0`),
        get(token.otherAuditor, `/complaints/${unknownId}/as-of?revision=0`),
      ]);
      expect(out.status).toBe(404);
      expect(revealed(out, complaint.id)).toEqual(revealed(unknown, unknownId));
    });

    it('keeps rahasia complaints from inspectors, who see them only as counts, and shows them to auditors in scope', async () => {
      const rahasia = await complaintAt(t, 'DISPOSED', { confidential: true });
      const [inspector, auditor] = await Promise.all([
        get(token.inspector, `/complaints/${rahasia.id}/as-of?revision=0`),
        get(token.auditor, `/complaints/${rahasia.id}/as-of?revision=0`),
      ]);
      expect([inspector.status, auditor.status]).toEqual([404, 200]);
      expect(auditor.body.complaint).toMatchObject({ confidential: true, status: 'SUBMITTED' });
    });
  });

  describe('GET /complaints/{id}/changes', () => {
    it('lists each field that changed between two revisions, and for each event in between who did it, when, and what it changed', async () => {
      const changes = await get(token.auditor, `/complaints/${complaint.id}/changes?from=1&to=3`);
      expect(changes.status).toBe(200);
      expect(changes.body).toMatchObject({ complaintId: complaint.id, from: '1', to: '3', integrity: { intact: true } });
      expect(changes.body.changes).toEqual(
        expect.arrayContaining([
          { path: 'status', before: 'VERIFIED', after: 'IN_PROGRESS' },
          { path: 'assigneeAgencyId', before: null, after: HOLDER },
          { path: 'dispositions[0]', before: null, after: { agencyId: HOLDER, previousAgencyId: null, note: 'Mohon ditindaklanjuti.', at: decidedAt[2] } },
        ]),
      );
      expect(changes.body.events.map(({ revision, type, actor, occurredAt }: Record<string, unknown>) => ({ revision, type, actor, occurredAt }))).toEqual([
        { revision: '2', type: 'ComplaintDisposed', actor: { id: 'national_admin-national', role: 'national_admin', agencyId: 'national' }, occurredAt: decidedAt[2] },
        { revision: '3', type: 'DispositionAccepted', actor: { id: `agency_admin-${HOLDER}`, role: 'agency_admin', agencyId: HOLDER }, occurredAt: decidedAt[3] },
      ]);
      expect(changes.body.events[1].changes).toEqual([{ path: 'status', before: 'DISPOSED', after: 'IN_PROGRESS' }]);
    });

    it('never shows a withheld findings summary among the changes', async () => {
      const changes = await get(token.officer, `/complaints/${complaint.id}/changes?from=4&to=5`);
      expect(changes.body.events[0].changes).toEqual(
        expect.arrayContaining([{ path: 'investigation.conclusion', before: null, after: 'irregularity_found' }]),
      );
      expect(JSON.stringify(changes.body)).not.toContain(SUMMARY);
    });

    it('answers bad input with a problem naming it', async () => {
      const beyond = `?from=0&to=${complaint.revision + 1}`;
      expect(await problems(`/complaints/${complaint.id}/changes`, ['?from=3&to=1', '?from=1', '?from=-1&to=2', beyond])).toEqual([
        ['?from=3&to=1', 400, 'VALIDATION_FAILED', 'to'],
        ['?from=1', 400, 'VALIDATION_FAILED', 'to'],
        ['?from=-1&to=2', 400, 'VALIDATION_FAILED', 'from'],
        [beyond, 404, 'REVISION_NOT_FOUND', null],
      ]);
      const unknown = await get(token.auditor, `/complaints/${unknownComplaintId()}/changes?from=0&to=1`);
      expect([unknown.status, unknown.body.code]).toEqual([404, 'NOT_FOUND']);
    });
  });

  describe('GET /audit/events', () => {
    it('lists every event by an actor, oldest first, paged', async () => {
      const officer = `agency_admin-${HOLDER}`;
      const all = await get(token.auditor, `/audit/events?actor=${officer}&pageSize=200`);
      expect(all.status).toBe(200);
      const ours = all.body.items.filter((e: { complaintId: string }) => e.complaintId === complaint.id);
      expect(ours.map((e: { type: string }) => e.type)).toEqual(['DispositionAccepted', 'InvestigationOpened', 'FindingsRecorded', 'ComplaintResponded']);
      expect(ours[2]).toMatchObject({ summary: 'Investigation findings recorded: irregularity_found', summaryInIndonesian: 'Hasil pemeriksaan dicatat: ditemukan penyimpangan' });
      expect(all.body.items.every((e: { actor: { id: string } }) => e.actor.id === officer)).toBe(true);
      const occurred = all.body.items.map((e: { occurredAt: string }) => e.occurredAt);
      expect(occurred).toEqual([...occurred].sort());

      const second = await get(token.auditor, `/audit/events?actor=${officer}&pageSize=1&page=2`);
      expect(second.body).toMatchObject({ page: 2, pageSize: 1, total: all.body.total });
      expect(second.body.items).toEqual([all.body.items[1]]);
    });

    it('filters by acting agency (and everything below it), event type and period', async () => {
      const period = `from=${encodeURIComponent(decidedAt[3])}&to=${encodeURIComponent(decidedAt[5])}`;
      const found = await get(token.admin, `/audit/events?agency=id-32&${period}&pageSize=200`);
      expect(found.body.items.filter((e: { complaintId: string }) => e.complaintId === complaint.id).map((e: { revision: string }) => e.revision)).toEqual(['3', '4', '5']);
      const typed = await get(token.admin, `/audit/events?agency=${HOLDER}&type=FindingsRecorded&pageSize=200`);
      expect(typed.body.items.length).toBeGreaterThan(0);
      expect(typed.body.items.every((e: { type: string; actor: { agencyId: string } }) => e.type === 'FindingsRecorded' && e.actor.agencyId === HOLDER)).toBe(true);
      const national = await get(token.admin, `/audit/events?agency=national&type=ComplaintDisposed&pageSize=200`);
      expect(national.body.items.some((e: { complaintId: string }) => e.complaintId === complaint.id)).toBe(true);
      const elsewhere = await get(token.admin, `/audit/events?agency=${OTHER_HOLDER}&type=FindingsRecorded`);
      expect(elsewhere.body.items.some((e: { complaintId: string }) => e.complaintId === complaint.id)).toBe(false);
    });

    it('gives each reader the events of actors within their reach, never an agency admin, and inspectors none of a rahasia complaint', async () => {
      const rahasia = await complaintAt(t, 'IN_PROGRESS', { confidential: true });
      await projectionsCaughtUp(t);
      const accepted = (r: { body: { items: { complaintId: string }[] } }) => r.body.items.map((e) => e.complaintId);
      const query = `/audit/events?type=DispositionAccepted&pageSize=200`;
      const [auditor, inspector, otherAuditor, officer] = await Promise.all(
        [token.auditor, token.inspector, token.otherAuditor, token.officer].map((reader) => get(reader, query)),
      );
      expect(accepted(auditor)).toEqual(expect.arrayContaining([complaint.id, rahasia.id]));
      expect(accepted(inspector)).toContain(complaint.id);
      expect(accepted(inspector)).not.toContain(rahasia.id);
      expect(accepted(otherAuditor)).toEqual([]);
      expect([officer.status, officer.body.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
      // An agency asked for outside the reader's reach narrows to nothing, never beyond it.
      const beyond = await get(token.auditor, `/audit/events?agency=${OTHER_HOLDER}`);
      expect(beyond.body).toMatchObject({ items: [], total: 0 });
    });

    it('is rebuilt from the events like the other read models, to the same answers', async () => {
      const query = `/audit/events?agency=id-32&pageSize=200`;
      const before = await get(token.auditor, query);
      expect(before.body.total).toBeGreaterThan(0);
      const rebuild = await t.request('POST', '/admin/projections/rebuild', { token: token.admin, body: { projection: 'audit-events' } });
      expect(rebuild.status).toBe(202);
      await projectionsCaughtUp(t);
      expect((await get(token.auditor, query)).body).toEqual(before.body);
    });

    it('answers bad input with a problem naming it', async () => {
      const queries = ['from=2026-03-02T08:00:00', 'to=kemarin', 'type=Complaint%20Submitted', 'pageSize=500', 'page=0'];
      expect(await problems('/audit/events?', queries)).toEqual([
        ['from=2026-03-02T08:00:00', 400, 'VALIDATION_FAILED', 'from'],
        ['to=kemarin', 400, 'VALIDATION_FAILED', 'to'],
        ['type=Complaint%20Submitted', 400, 'VALIDATION_FAILED', 'type'],
        ['pageSize=500', 400, 'VALIDATION_FAILED', 'pageSize'],
        ['page=0', 400, 'VALIDATION_FAILED', 'page'],
      ]);
    });
  });
});
