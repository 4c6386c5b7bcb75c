/**
 * The access matrix, checked over HTTP: every role × every endpoint × {in scope, out of scope}
 * (and, for lifecycle commands, in scope but in the wrong status), and who sees the content the
 * matrix withholds (CONTENT_ACCESS).
 * The role sets come from COMMAND_ACCESS and QUERY_ACCESS (keyed by use case; QUERY_ROUTES gives each one's route), so this test and the README's table
 * cannot drift apart. What differs per endpoint (the fixture, the body) is keyed by the matrix's
 * own names: a new query without a plan fails to compile, a new command without one fails the
 * test "has a plan for every command of the matrix" by name.
 * The national admin and the system see everywhere, so for them "out" (the other province's
 * complaint) is in scope and expected to succeed.
 *
 * Expected answers: out of scope → 404, exactly like an unknown complaint (and byte for byte the
 * same problem, up to the id); a role that may never do it → 403 first, whatever the scope or
 * status, naming the role; a lifecycle rule → 409; otherwise 200 (submit, a calendar
 * publication and an evaluation 201, erase 204, rebuild 202). Evaluations are made per case over
 * HTTP (`test/support/evaluation-stages`): in scope of the holder's node, out of scope of the other province's. Endpoints that check the role before
 * looking the complaint up (erase, rebuild, a reporter's export and stats) answer 403 whatever
 * the scope — which is also what they answer for an unknown complaint.
 */
import {
  ACTOR_ROLES,
  COMMAND_ACCESS,
  CONTENT_ACCESS,
  QUERY_ACCESS,
  type AccessRow,
  type ActorRole,
  type CommandName,
  type ContentName,
  type QueryName,
  mayQuery,
} from '@lacak/domain';
import { QUERY_ROUTES } from '../../apps/api/src/http/use-case-routes';
import type { HttpResponse, TestApp } from '../support/test-app';
import { acceptedStatus, sendCommand } from '../support/attachment-steps';
import { type Fixture, HOLDER, OTHER_HOLDER, OWNER, STRANGER, type Stage, complaintAt } from '../support/complaint-stages';
import { type EvaluationFixture, type EvaluationStage, evaluationAt } from '../support/evaluation-stages';
import {
  asJson,
  marker,
  projectionsCaughtUp,
  revealed,
  startAccessApp,
  unknownComplaintId,
} from './access-support';

type Scope = 'in' | 'out' | 'wrong status' | 'n/a';
type LifecycleCommandName = Exclude<CommandName, 'submit'>;

/** One actor per role. Scoped roles sit at or above the holder of the in-scope complaints. */
const ACTORS: Record<ActorRole, { id: string; agencyId: string | null }> = {
  reporter: { id: OWNER, agencyId: null },
  national_admin: { id: 'admin-national', agencyId: 'national' },
  agency_admin: { id: 'admin-dinkes-bogor', agencyId: HOLDER },
  unit_officer: { id: 'officer-dinkes-bogor', agencyId: HOLDER },
  apip_inspector: { id: 'inspector-jabar', agencyId: 'id-32' },
  auditor: { id: 'auditor-bogor', agencyId: 'id-32.01' },
  system: { id: 'system-deadlines', agencyId: null },
};

/** Whether the role sees the complaint of this scope at all (its read reach). */
const READ_REACH = QUERY_ACCESS['get-complaint'];
const sees = (role: ActorRole, scope: Scope): boolean => scope !== 'out' || READ_REACH[role] === 'everywhere';

// ---------------------------------------------------------------------------------------------
// What each lifecycle command needs: the stage a fresh complaint is brought to and the body.

interface CommandPlan {
  stage: Stage;
  /** `original`: a second complaint in the same scope, for commands that name another one. */
  body: (f: Fixture, original: Fixture) => Record<string, unknown>;
}

const closeReason = (role: ActorRole) =>
  role === 'reporter' ? 'accepted_by_reporter' : role === 'system' ? 'no_reply' : 'closed_by_admin';

/**
 * Plans per command of the matrix. Partial on purpose: a command added to COMMAND_ACCESS without a
 * plan here makes the coverage test below fail by name, rather than the whole file fail to load.
 */
type Plans = { [C in LifecycleCommandName]?: (role: ActorRole) => CommandPlan };

/** The stage and body with which the role, if the matrix allows it, succeeds. */
const COMMAND_PLANS: Plans = {
  verify: () => ({
    stage: 'SUBMITTED',
    body: () => ({ classification: 'pengaduan', category: 'kesehatan', slaClass: 'ordinary', confidential: false, anonymous: false }),
  }),
  // A unit officer rejects only as the assignee returning it; routers reject before disposition.
  reject: (role) =>
    role === 'unit_officer'
      ? { stage: 'DISPOSED', body: () => ({ reasonCode: 'not_our_authority', reason: 'Bukan wewenang dinas.' }) }
      : { stage: 'VERIFIED', body: () => ({ reasonCode: 'out_of_scope', reason: 'Perkara pidana.' }) },
  archive: () => ({ stage: 'VERIFIED', body: () => ({ reasonCode: 'too_general', reason: 'Tidak jelas.' }) }),
  dispose: () => ({ stage: 'VERIFIED', body: (f) => ({ agencyId: f.holder, note: 'Mohon ditindaklanjuti.' }) }),
  accept: () => ({ stage: 'DISPOSED', body: () => ({}) }),
  // The national admin asks as the router (before disposition), officers as the assignee.
  'request-clarification': (role) => ({
    stage: role === 'national_admin' ? 'VERIFIED' : 'IN_PROGRESS',
    body: () => ({ party: 'reporter', question: 'Kapan kejadiannya?' }),
  }),
  // The reporter answers the question put to them; officers answer the respondent's.
  'answer-clarification': (role) => ({
    stage: role === 'reporter' ? 'AWAITING_AFTER_DISPOSITION' : 'ASKED_RESPONDENT',
    body: (f) => ({ clarificationId: f.clarificationId, answer: 'Senin pagi.' }),
  }),
  // Whoever asked the reporter records the answer given offline: the national admin as the router.
  'record-clarification-answer': (role) => ({
    stage: role === 'national_admin' ? 'AWAITING_BEFORE_DISPOSITION' : 'AWAITING_AFTER_DISPOSITION',
    body: (f) => ({ clarificationId: f.clarificationId, answer: 'Senin pagi.', channel: 'phone' }),
  }),
  'start-mediation': () => ({ stage: 'IN_PROGRESS', body: () => ({ note: 'Pertemuan para pihak.' }) }),
  'record-mediation-outcome': () => ({ stage: 'MEDIATION', body: () => ({ outcome: 'agreement', note: 'Sepakat.' }) }),
  'open-investigation': () => ({ stage: 'IN_PROGRESS', body: () => ({ reason: 'Dugaan pungutan liar.' }) }),
  'record-findings': () => ({ stage: 'INVESTIGATION', body: () => ({ conclusion: 'no_irregularity', summary: 'Tidak terbukti.' }) }),
  respond: () => ({ stage: 'IN_PROGRESS', body: () => ({ followUp: 'Jadwal layanan ditambah.' }) }),
  close: (role) => ({ stage: 'RESPONDED', body: () => ({ reasonCode: closeReason(role) }) }),
  dispute: () => ({ stage: 'RESPONDED', body: () => ({ reason: 'Jawaban masih normatif.' }) }),
  rate: () => ({ stage: 'RESPONDED', body: () => ({ rating: 4, comment: 'Cukup cepat.' }) }),
  reopen: () => ({ stage: 'CLOSED', body: () => ({ reason: 'Masalah terulang.' }) }),
  'mark-duplicate': (role) => ({
    stage: role === 'national_admin' ? 'VERIFIED' : 'IN_PROGRESS',
    body: (_f, original) => ({ originalComplaintId: original.id, note: 'Laporan yang sama.' }),
  }),
  'record-leadership-review': () => ({ stage: 'IN_PROGRESS', body: () => ({ summary: 'Dibahas dalam rapat pimpinan.' }) }),
  'link-policy-improvement': () => ({
    stage: 'IN_PROGRESS',
    body: () => ({ policyTitle: 'SOP antrean', description: 'Nomor antrean daring.', effectiveDate: '2026-12-01' }),
  }),
  'mark-follow-up-normative': () => ({ stage: 'RESPONDED', body: () => ({ reason: 'Hanya berjanji, tanpa langkah nyata.' }) }),
  // The national admin attaches as the router (before disposition), officers as the assignee. No
  // stage with an acceptance: the audit-events cases look for theirs among the holder's acceptances.
  'add-attachment': (role) => ({ stage: role === 'national_admin' ? 'VERIFIED' : role === 'reporter' ? 'SUBMITTED' : 'DISPOSED', body: () => ({}) }),
};

/** A stage whose status rule refuses the command (409) before it asks who acts. */
const inStage =
  (command: LifecycleCommandName, stage: Stage) =>
  (role: ActorRole): CommandPlan => ({ ...COMMAND_PLANS[command]!(role), stage });
const WRONG_STATUS_PLANS: Plans = {
  verify: inStage('verify', 'VERIFIED'),
  reject: inStage('reject', 'IN_PROGRESS'),
  archive: inStage('archive', 'DISPOSED'),
  dispose: inStage('dispose', 'SUBMITTED'),
  accept: inStage('accept', 'VERIFIED'),
  'request-clarification': inStage('request-clarification', 'DISPOSED'),
  'answer-clarification': () => ({ stage: 'IN_PROGRESS', body: () => ({ clarificationId: unknownComplaintId(), answer: 'Senin pagi.' }) }),
  'record-clarification-answer': () => ({
    stage: 'IN_PROGRESS',
    body: () => ({ clarificationId: unknownComplaintId(), answer: 'Senin pagi.', channel: 'letter' }),
  }),
  'start-mediation': inStage('start-mediation', 'DISPOSED'),
  'record-mediation-outcome': inStage('record-mediation-outcome', 'IN_PROGRESS'),
  'open-investigation': inStage('open-investigation', 'DISPOSED'),
  'record-findings': inStage('record-findings', 'IN_PROGRESS'),
  respond: inStage('respond', 'DISPOSED'),
  close: inStage('close', 'IN_PROGRESS'),
  dispute: inStage('dispute', 'IN_PROGRESS'),
  rate: inStage('rate', 'IN_PROGRESS'),
  reopen: inStage('reopen', 'RESPONDED'),
  'mark-duplicate': inStage('mark-duplicate', 'RESPONDED'),
  'record-leadership-review': inStage('record-leadership-review', 'REJECTED'),
  'link-policy-improvement': inStage('link-policy-improvement', 'REJECTED'),
  // No follow-up yet to judge.
  'mark-follow-up-normative': inStage('mark-follow-up-normative', 'IN_PROGRESS'),
  'add-attachment': inStage('add-attachment', 'REJECTED'),
};

// ---------------------------------------------------------------------------------------------
// The cases.

interface Outcome {
  actual: string;
  /** For a refusal out of scope: the same request on an unknown complaint (or agency), to compare. */
  response?: HttpResponse;
  unknown?: { response: HttpResponse; id: string; probedId: string };
}

interface Case {
  role: ActorRole;
  endpoint: string;
  scope: Scope;
  expected: string;
  run: (t: TestApp, token: string) => Promise<Outcome>;
}

const cases: Case[] = [];
const fixtureOptions = (scope: Scope) =>
  scope === 'out' ? { holder: OTHER_HOLDER, reporterId: STRANGER } : { holder: HOLDER, reporterId: OWNER };

// submit: for officers the reach is "channels": in = an intake channel (letter), out = the web form.
for (const role of ACTOR_ROLES) {
  const reach = COMMAND_ACCESS.submit[role as keyof typeof COMMAND_ACCESS.submit] as string | undefined;
  for (const scope of ['in', 'out'] as const) {
    const channel = scope === 'in' ? 'letter' : 'web';
    const expected = !reach ? '403' : reach === 'channels' && scope === 'out' ? '403' : '201';
    cases.push({
      role,
      endpoint: `POST /complaints (${channel})`,
      scope,
      expected,
      run: async (t, token) => {
        const response = await t.request('POST', '/complaints', {
          token,
          body: { title: 'Jalan rusak', description: 'Berlubang.', channel, targetAgencyId: HOLDER },
        });
        return { actual: String(response.status), response };
      },
    });
  }
}

// The lifecycle commands: a fresh complaint per case, in the status the command needs.
/** Commands of the matrix this file has no plan for: the coverage test names them. */
const unplanned: string[] = [];
for (const command of Object.keys(COMMAND_ACCESS).filter((c): c is LifecycleCommandName => c !== 'submit')) {
  const row: AccessRow = COMMAND_ACCESS[command];
  const plans = COMMAND_PLANS[command];
  const wrongStatusPlans = WRONG_STATUS_PLANS[command];
  if (!plans || !wrongStatusPlans) {
    unplanned.push(command);
    continue;
  }
  for (const role of ACTOR_ROLES) {
    // Every cell in every scope: a role the row leaves out gets 403 whatever the scope or status.
    for (const scope of ['in', 'out', 'wrong status'] as const) {
      const plan = (scope === 'wrong status' ? wrongStatusPlans : plans)(role);
      const expected = !row[role] ? '403' : !sees(role, scope) ? '404' : scope === 'wrong status' ? '409' : String(acceptedStatus(command));
      cases.push({
        role,
        endpoint: `POST /complaints/{id}/${command}`,
        scope,
        expected,
        run: async (t, token) => {
          const fixture = await complaintAt(t, plan.stage, fixtureOptions(scope));
          const original = command === 'mark-duplicate' ? await complaintAt(t, 'VERIFIED', fixtureOptions(scope)) : fixture;
          const body = plan.body(fixture, original);
          const response = await sendCommand(t, fixture.id, command, token, body);
          const outcome: Outcome = { actual: String(response.status), response };
          if (scope === 'out' && response.status >= 400) {
            const id = unknownComplaintId();
            outcome.unknown = { id, probedId: fixture.id, response: await sendCommand(t, id, command, token, body) };
          }
          return outcome;
        },
      });
    }
  }
}

// The queries, on two disposed complaints made in beforeAll (identity included).
const queryFixtures: Partial<Record<'in' | 'out', Fixture & { tag: string }>> = {};
const fixtureOf = (scope: Scope) => queryFixtures[scope === 'out' ? 'out' : 'in']!;
const IDENTITY_REASON = 'Verifikasi matriks akses';
/** The attachment added to each query fixture, by the first get-attachment case of each scope. */
const attachmentFixtures: Partial<Record<'in' | 'out', Promise<string>>> = {};
/** Complaints accepted by their holder's officer, made by the first audit-events case of each scope. */
const auditFixtures: Partial<Record<'in' | 'out', Promise<Fixture>>> = {};

type QueryRun = (t: TestApp, token: string, scope: Scope, role: ActorRole) => Promise<Outcome>;
interface QueryPlan {
  /** Expected answer, from the matrix row. */
  expected: (row: AccessRow, role: ActorRole, scope: Scope) => string;
  run: QueryRun;
  scopes: Scope[];
}

/** A complaint-scoped read: status, plus the same read on an unknown complaint when refused out of scope. */
const complaintRead =
  (path: (id: string) => string): QueryRun =>
  async (t, token, scope) => {
    const fixture = fixtureOf(scope);
    const response = await t.request('GET', path(fixture.id), { token });
    const outcome: Outcome = { actual: String(response.status), response };
    if (scope === 'out' && response.status >= 400) {
      const id = unknownComplaintId();
      outcome.unknown = { id, probedId: fixture.id, response: await t.request('GET', path(id), { token }) };
    }
    return outcome;
  };

const scopedRead = (row: AccessRow, role: ActorRole, scope: Scope) => (!sees(role, scope) ? '404' : !row[role] ? '403' : '200');
const listed = (row: AccessRow, role: ActorRole, scope: Scope) => (row[role] && sees(role, scope) ? '200 listed' : '200 unlisted');

/** A year per recording case: one evaluation per agency and year (the stage fixtures count from 3000). */
let recordYear = 2000;
/** The evaluated agency of a scope: the holder's own node in scope, the other province's out of it. */
const evaluatedAgency = (scope: Scope) => (scope === 'out' ? OTHER_HOLDER : HOLDER);
/** Evaluations to read, one per scope, made by the first read case of each. */
const evaluationFixtures: Partial<Record<'in' | 'out', Promise<EvaluationFixture>>> = {};
const evaluationOf = (t: TestApp, scope: Scope) => (evaluationFixtures[scope === 'out' ? 'out' : 'in'] ??= evaluationAt(t, 'PLAN_SUBMITTED', evaluatedAgency(scope)));
/** Role first (the guard), then reach: an evaluation out of reach is answered as an unknown one. */
const evaluationRead = (row: AccessRow, role: ActorRole, scope: Scope) => (!row[role] ? '403' : !sees(role, scope) ? '404' : '200');
/**
 * An evaluator's command on the evaluation of the holder's own node: the matrix's agency admin sits
 * at the holder, so it is the evaluated agency there, never its evaluator (`below`: strictly below
 * its node); a coordinator above the agency is covered in test/http/evaluations.e2e.spec.ts.
 */
const evaluatorCommand = (row: AccessRow, role: ActorRole, scope: Scope) =>
  evaluationRead(row, role, scope) === '200' && row[role] === 'below' ? '403' : evaluationRead(row, role, scope);

/** A command on a fresh evaluation at `stage`, and the same request on an unknown evaluation when refused out of scope. */
const evaluationCommand =
  (stage: EvaluationStage, path: (id: string) => string, body: object = {}): QueryRun =>
  async (t, token, scope) => {
    const fixture = await evaluationAt(t, stage, evaluatedAgency(scope));
    const response = await t.request('POST', path(fixture.id), { token, body });
    const outcome: Outcome = { actual: String(response.status), response };
    if (scope === 'out' && response.status >= 400) {
      const id = `${fixture.year}-id-99.99`;
      outcome.unknown = { id, probedId: fixture.id, response: await t.request('POST', path(id), { token, body }) };
    }
    return outcome;
  };

const QUERY_PLANS: Record<QueryName, QueryPlan> = {
  'list-complaints': {
    scopes: ['in', 'out'],
    expected: listed,
    run: async (t, token, scope) => {
      const fixture = fixtureOf(scope);
      const response = await t.request('GET', `/complaints?q=${fixture.tag}&pageSize=100`, { token });
      const shown = response.status === 200 && response.body.items.some((c: { id: string }) => c.id === fixture.id);
      return { actual: `${response.status} ${shown ? 'listed' : 'unlisted'}`, response };
    },
  },
  'get-complaint': { scopes: ['in', 'out'], expected: scopedRead, run: complaintRead((id) => `/complaints/${id}`) },
  'get-complaint-history': { scopes: ['in', 'out'], expected: scopedRead, run: complaintRead((id) => `/complaints/${id}/history`) },
  // Replays come from the event store, by the detail's rules; the role is refused before the complaint is looked up.
  'replay-complaint': {
    scopes: ['in', 'out'],
    expected: (row, role, scope) => (!row[role] ? '403' : scopedRead(row, role, scope)),
    run: complaintRead((id) => `/complaints/${id}/as-of?revision=1`),
  },
  'get-complaint-changes': {
    scopes: ['in', 'out'],
    expected: (row, role, scope) => (!row[role] ? '403' : scopedRead(row, role, scope)),
    run: complaintRead((id) => `/complaints/${id}/changes?from=0&to=2`),
  },
  // Filed by acting agency: the holder's acceptance, found by the officer who accepted it.
  'list-audit-events': {
    scopes: ['in', 'out'],
    expected: (row, role, scope) => (!row[role] ? '403' : listed(row, role, scope)),
    run: async (t, token, scope) => {
      const fixture = (auditFixtures[scope === 'out' ? 'out' : 'in'] ??= complaintAt(t, 'IN_PROGRESS', fixtureOptions(scope)));
      const { id, holder } = await fixture;
      await projectionsCaughtUp(t);
      const response = await t.request('GET', `/audit/events?actor=agency_admin-${holder}&type=DispositionAccepted&pageSize=200`, { token });
      if (response.status !== 200) return { actual: String(response.status), response };
      const shown = response.body.items.some((event: { complaintId: string }) => event.complaintId === id);
      return { actual: `200 ${shown ? 'listed' : 'unlisted'}`, response };
    },
  },
  'export-complaints': {
    scopes: ['in', 'out'],
    // The controller refuses a role without an export before it reads anything.
    expected: (row, role, scope) => (!row[role] ? '403' : listed(row, role, scope)),
    run: async (t, token, scope) => {
      const fixture = fixtureOf(scope);
      const response = await t.request('GET', `/complaints/export?q=${fixture.tag}`, { token });
      if (response.status !== 200) return { actual: String(response.status), response };
      return { actual: `200 ${String(response.body).includes(fixture.id) ? 'listed' : 'unlisted'}`, response };
    },
  },
  'list-agencies': {
    scopes: ['in', 'out'],
    expected: (row, role) => (row[role] ? '200' : '403'),
    run: async (t, token, scope) => {
      const root = scope === 'out' ? OTHER_HOLDER : HOLDER;
      const response = await t.request('GET', `/agencies?root=${root}`, { token });
      const named = response.status === 200 && response.body.some((n: { id: string }) => n.id === root);
      return { actual: response.status === 200 && !named ? '200 without the node' : String(response.status), response };
    },
  },
  'list-sla-policies': {
    scopes: ['in'],
    expected: (row, role) => (row[role] ? '200' : '403'),
    run: async (t, token) => {
      const response = await t.request('GET', '/sla-policies', { token });
      return { actual: String(response.status), response };
    },
  },
  'get-agency-stats': {
    scopes: ['in', 'out'],
    expected: (row, role, scope) => (!row[role] ? '403' : scopedRead(row, role, scope)),
    run: async (t, token, scope) => {
      const agency = scope === 'out' ? OTHER_HOLDER : HOLDER;
      const response = await t.request('GET', `/agencies/${agency}/stats`, { token });
      const outcome: Outcome = { actual: String(response.status), response };
      if (scope === 'out' && response.status >= 400) {
        const id = 'id-99.99-dinkes';
        outcome.unknown = { id, probedId: agency, response: await t.request('GET', `/agencies/${id}/stats`, { token }) };
      }
      return outcome;
    },
  },
  // A node's subtree, like the counters: out of scope answers as an unknown node does.
  'list-monev-exceptions': {
    scopes: ['in', 'out'],
    expected: (row, role, scope) => (!row[role] ? '403' : scopedRead(row, role, scope)),
    run: async (t, token, scope) => {
      const node = scope === 'out' ? OTHER_HOLDER : HOLDER;
      const response = await t.request('GET', `/monev/exceptions?node=${node}`, { token });
      const outcome: Outcome = { actual: String(response.status), response };
      if (scope === 'out' && response.status >= 400) {
        const id = 'id-99.99-dinkes';
        outcome.unknown = { id, probedId: node, response: await t.request('GET', `/monev/exceptions?node=${id}`, { token }) };
      }
      return outcome;
    },
  },
  'read-reporter-identity': {
    scopes: ['in', 'out'],
    expected: scopedRead,
    run: complaintRead((id) => `/complaints/${id}/reporter-identity?reason=${encodeURIComponent(IDENTITY_REASON)}`),
  },
  'erase-reporter-identity': {
    scopes: ['in', 'out'],
    // Only the national admin erases; every other role is refused before the complaint is looked up.
    expected: (row, role, scope) => (!row[role] ? '403' : !sees(role, scope) ? '404' : '204'),
    run: async (t, token, scope) => {
      const fixture = await complaintAt(t, 'SUBMITTED', { ...fixtureOptions(scope), identity: { name: 'Warga Uji' } });
      const body = { reason: 'Permintaan penghapusan data pelapor' };
      const response = await t.request('POST', `/complaints/${fixture.id}/reporter-identity/erase`, { token, body });
      const outcome: Outcome = { actual: String(response.status), response };
      if (scope === 'out' && response.status >= 400) {
        const id = unknownComplaintId();
        outcome.unknown = { id, probedId: fixture.id, response: await t.request('POST', `/complaints/${id}/reporter-identity/erase`, { token, body }) };
      }
      return outcome;
    },
  },
  'get-holiday-calendar': {
    scopes: ['n/a'],
    expected: (row, role) => (row[role] ? '200' : '403'),
    run: async (t, token) => {
      const response = await t.request('GET', '/calendar/holidays/2026', { token });
      return { actual: String(response.status), response };
    },
  },
  // A year far from every fixture's clocks, so the publication moves no due date here.
  'publish-holiday-calendar': {
    scopes: ['n/a'],
    expected: (row, role) => (row[role] ? '201' : '403'),
    run: async (t, token) => {
      const body = { decree: 'SKB uji matriks akses', holidays: [{ date: '2040-01-01', name: 'Tahun Baru 2040 Masehi' }], cutiBersama: [] };
      const response = await t.request('POST', '/calendar/holidays/2040', { token, body });
      return { actual: String(response.status), response };
    },
  },
  // Signing states only what the log holds: no complaint or agency involved.
  'sign-tree-head': {
    scopes: ['n/a'],
    expected: (row, role) => (row[role] ? '201' : '403'),
    run: async (t, token) => {
      const response = await t.request('POST', '/audit/tree-heads', { token });
      return { actual: String(response.status), response };
    },
  },
  'prove-log-consistency': {
    scopes: ['n/a'],
    expected: (row, role) => (row[role] ? '200' : '403'),
    run: async (t, token) => {
      const response = await t.request('GET', '/audit/consistency?from=1', { token });
      return { actual: String(response.status), response };
    },
  },
  // Monev figures of a node: in scope the holder's agency, out of scope another province's.
  'get-monev-indicators': {
    scopes: ['in', 'out'],
    expected: (row, role, scope) => (!row[role] ? '403' : scopedRead(row, role, scope)),
    run: async (t, token, scope) => {
      const response = await t.request('GET', `/monev/indicators?node=${scope === 'out' ? OTHER_HOLDER : HOLDER}&period=2026`, { token });
      return { actual: String(response.status), response };
    },
  },
  'get-monev-ranking': {
    scopes: ['in', 'out'],
    expected: (row, role, scope) => (!row[role] ? '403' : scopedRead(row, role, scope)),
    run: async (t, token, scope) => {
      const response = await t.request('GET', `/monev/rankings?parent=${scope === 'out' ? OTHER_HOLDER : HOLDER}&period=2026-Q1`, { token });
      return { actual: String(response.status), response };
    },
  },
  'get-monev-snapshot': {
    scopes: ['in', 'out'],
    expected: (row, role, scope) => (!row[role] ? '403' : scopedRead(row, role, scope)),
    run: async (t, token, scope) => {
      // A closed period to read: closed once by the national admin (a second closing is refused, harmlessly).
      await t.request('POST', '/monev/periods/2001/close', { token: await t.token('national_admin', 'national') });
      const response = await t.request('GET', `/monev/periods/2001/snapshots/${scope === 'out' ? OTHER_HOLDER : HOLDER}`, { token });
      return { actual: String(response.status), response };
    },
  },
  // The same figures as files: the same reach as the views they export.
  'export-monev-indicators': {
    scopes: ['in', 'out'],
    expected: (row, role, scope) => (!row[role] ? '403' : scopedRead(row, role, scope)),
    run: async (t, token, scope) => {
      const response = await t.request('GET', `/monev/indicators/export?node=${scope === 'out' ? OTHER_HOLDER : HOLDER}&period=2026&format=csv`, { token });
      return { actual: String(response.status), response };
    },
  },
  'export-monev-exceptions': {
    scopes: ['in', 'out'],
    expected: (row, role, scope) => (!row[role] ? '403' : scopedRead(row, role, scope)),
    run: async (t, token, scope) => {
      const node = scope === 'out' ? OTHER_HOLDER : HOLDER;
      const url = (id: string) => `/monev/exceptions/export?node=${id}&format=csv`;
      const response = await t.request('GET', url(node), { token });
      const outcome: Outcome = { actual: String(response.status), response };
      if (scope === 'out' && response.status >= 400) {
        const id = 'id-99.99-dinkes';
        outcome.unknown = { id, probedId: node, response: await t.request('GET', url(id), { token }) };
      }
      return outcome;
    },
  },
  'export-monev-ranking': {
    scopes: ['in', 'out'],
    expected: (row, role, scope) => (!row[role] ? '403' : scopedRead(row, role, scope)),
    run: async (t, token, scope) => {
      const response = await t.request('GET', `/monev/rankings/export?parent=${scope === 'out' ? OTHER_HOLDER : HOLDER}&period=2026-Q1&format=xlsx`, { token });
      return { actual: String(response.status), response };
    },
  },
  'get-monev-report': {
    scopes: ['in', 'out'],
    expected: (row, role, scope) => (!row[role] ? '403' : scopedRead(row, role, scope)),
    run: async (t, token, scope) => {
      const response = await t.request('GET', `/monev/reports/2026-Q1.pdf?node=${scope === 'out' ? OTHER_HOLDER : HOLDER}`, { token });
      return { actual: String(response.status), response };
    },
  },
  // Closing is national and once per period: each allowed role closes a period of its own.
  'close-monev-period': {
    scopes: ['n/a'],
    expected: (row, role) => (row[role] ? '201' : '403'),
    run: async (t, token) => {
      const response = await t.request('POST', '/monev/periods/2002-03/close', { token });
      return { actual: String(response.status), response };
    },
  },
  'export-dossier': {
    scopes: ['in', 'out'],
    expected: (row, role, scope) => (!row[role] ? '403' : scopedRead(row, role, scope)),
    run: complaintRead((id) => `/complaints/${id}/dossier`),
  },
  'read-metrics': {
    scopes: ['n/a'],
    expected: (row, role) => (row[role] ? '200' : '403'),
    run: async (t, token) => {
      const response = await t.request('GET', '/metrics', { token });
      return { actual: String(response.status), response };
    },
  },
  // Only the national admin evaluates the holder's node here (see evaluatorCommand); the body is valid for everyone.
  'record-evaluation': {
    scopes: ['in', 'out'],
    expected: (row, role) => (row[role] === 'everywhere' ? '201' : '403'),
    run: async (t, token, scope) => {
      const body = { agencyId: evaluatedAgency(scope), year: recordYear++, scores: [{ indicator: 'tindak_lanjut', score: 50 }], recommendations: [{ text: 'Tindak lanjut substantif.' }] };
      const response = await t.request('POST', '/evaluations', { token, body });
      return { actual: String(response.status), response };
    },
  },
  'submit-action-plan': {
    scopes: ['in', 'out'],
    expected: evaluationRead,
    run: evaluationCommand('RECORDED', (id) => `/evaluations/${id}/recommendations/R1/action-plan`, {
      actions: [{ description: 'Rapat pimpinan bulanan', owner: 'Sekretaris', dueDate: '2099-12-31' }],
    }),
  },
  'record-action-progress': {
    scopes: ['in', 'out'],
    expected: evaluationRead,
    run: evaluationCommand('PLAN_SUBMITTED', (id) => `/evaluations/${id}/actions/R1-P1-A1/progress`, { percent: 50, note: 'Separuh jalan.' }),
  },
  'accept-action-plan': {
    scopes: ['in', 'out'],
    expected: evaluatorCommand,
    run: evaluationCommand('PLAN_SUBMITTED', (id) => `/evaluations/${id}/recommendations/R1/accept`),
  },
  'return-action-plan': {
    scopes: ['in', 'out'],
    expected: evaluatorCommand,
    run: evaluationCommand('PLAN_SUBMITTED', (id) => `/evaluations/${id}/recommendations/R1/return`, { reason: 'Belum terukur.' }),
  },
  'accept-recommendation-completion': {
    scopes: ['in', 'out'],
    expected: evaluatorCommand,
    run: evaluationCommand('ACTIONS_DONE', (id) => `/evaluations/${id}/recommendations/R1/accept-completion`),
  },
  'get-evaluation': {
    scopes: ['in', 'out'],
    expected: evaluationRead,
    run: async (t, token, scope) => {
      const fixture = await evaluationOf(t, scope);
      await projectionsCaughtUp(t);
      const response = await t.request('GET', `/evaluations/${fixture.id}`, { token });
      const outcome: Outcome = { actual: String(response.status), response };
      if (scope === 'out' && response.status >= 400) {
        const id = `${fixture.year}-id-99.99`;
        outcome.unknown = { id, probedId: fixture.id, response: await t.request('GET', `/evaluations/${id}`, { token }) };
      }
      return outcome;
    },
  },
  'list-evaluations': {
    scopes: ['in', 'out'],
    expected: (row, role, scope) => (!row[role] ? '403' : listed(row, role, scope)),
    run: async (t, token, scope) => {
      const fixture = await evaluationOf(t, scope);
      await projectionsCaughtUp(t);
      const response = await t.request('GET', `/evaluations?agency=${fixture.agencyId}&year=${fixture.year}`, { token });
      if (response.status !== 200) return { actual: String(response.status), response };
      const shown = response.body.some((e: { evaluationId: string }) => e.evaluationId === fixture.id);
      return { actual: `200 ${shown ? 'listed' : 'unlisted'}`, response };
    },
  },
  // The same evaluations as a file: listed in it exactly when the list shows them.
  'export-evaluations': {
    scopes: ['in', 'out'],
    expected: (row, role, scope) => (!row[role] ? '403' : listed(row, role, scope)),
    run: async (t, token, scope) => {
      const fixture = await evaluationOf(t, scope);
      await projectionsCaughtUp(t);
      const response = await t.request('GET', `/evaluations/export?agency=${fixture.agencyId}&year=${fixture.year}&format=csv`, { token });
      if (response.status !== 200) return { actual: String(response.status), response };
      return { actual: `200 ${String(response.body).includes(fixture.id) ? 'listed' : 'unlisted'}`, response };
    },
  },
  // The node's subtree must be within reach; which actions are overdue is covered in test/http/evaluations.e2e.spec.ts.
  'list-overdue-actions': {
    scopes: ['in', 'out'],
    expected: evaluationRead,
    run: async (t, token, scope) => {
      const response = await t.request('GET', `/monev/action-plans/overdue?node=${evaluatedAgency(scope)}`, { token });
      return { actual: String(response.status), response };
    },
  },
  // An attachment the holder's admin added to each query fixture, read as the complaint is.
  'get-attachment': {
    scopes: ['in', 'out'],
    expected: scopedRead,
    run: async (t, token, scope) => {
      const fixture = fixtureOf(scope);
      const attachmentId = await (attachmentFixtures[scope === 'out' ? 'out' : 'in'] ??= (async () => {
        const added = await sendCommand(t, fixture.id, 'add-attachment', await t.token('agency_admin', fixture.holder), {});
        if (added.status !== 201) throw new Error(`fixture attachment answered ${added.status}: ${JSON.stringify(added.body)}`);
        await projectionsCaughtUp(t);
        return added.body.id as string;
      })());
      return complaintRead((id) => `/complaints/${id}/attachments/${attachmentId}`)(t, token, scope, 'reporter');
    },
  },
  // No complaint or agency involved: one case per role. Only agency-stats is rebuilt, to stay quick.
  'rebuild-projections': {
    scopes: ['n/a'],
    expected: (row, role) => (row[role] ? '202' : '403'),
    run: async (t, token) => {
      const response = await t.request('POST', '/admin/projections/rebuild', { token, body: { projection: 'agency-stats' } });
      if (response.status === 202) await projectionsCaughtUp(t);
      return { actual: String(response.status), response };
    },
  },
  'list-deliveries': {
    scopes: ['n/a'],
    expected: (row, role) => (row[role] ? '200' : '403'),
    run: async (t, token) => {
      const response = await t.request('GET', '/admin/deliveries?state=dead', { token });
      return { actual: String(response.status), response };
    },
  },
  // No delivery is planned here: a role the matrix lets in is told the delivery is unknown.
  'get-delivery': {
    scopes: ['n/a'],
    expected: (row, role) => (row[role] ? '404' : '403'),
    run: async (t, token) => {
      const response = await t.request('GET', `/admin/deliveries/${UNKNOWN_DELIVERY}`, { token });
      return { actual: String(response.status), response };
    },
  },
  'retry-delivery': {
    scopes: ['n/a'],
    expected: (row, role) => (row[role] ? '404' : '403'),
    run: async (t, token) => {
      const response = await t.request('POST', `/admin/deliveries/${UNKNOWN_DELIVERY}/retry`, { token });
      return { actual: String(response.status), response };
    },
  },
  'register-webhook-endpoint': {
    scopes: ['in', 'out'],
    expected: (row, role, scope) => webhookAnswer(row, role, scope, '201'),
    run: async (t, token, scope) => {
      const response = await t.request('POST', `/agencies/${webhookNode(scope)}/webhooks`, { token, body: WEBHOOK_ENDPOINT });
      return { actual: String(response.status), response };
    },
  },
  'list-webhook-endpoints': {
    scopes: ['in', 'out'],
    expected: (row, role, scope) => webhookAnswer(row, role, scope, '200'),
    run: async (t, token, scope) => {
      const response = await t.request('GET', `/agencies/${webhookNode(scope)}/webhooks`, { token });
      return { actual: String(response.status), response };
    },
  },
  'change-webhook-endpoint': {
    scopes: ['in', 'out'],
    expected: (row, role, scope) => webhookAnswer(row, role, scope, '200'),
    run: async (t, token, scope) => {
      const endpoint = await webhookEndpointOf(t, scope);
      const response = await t.request('PATCH', `/agencies/${webhookNode(scope)}/webhooks/${endpoint}`, { token, body: { enabled: false } });
      return { actual: String(response.status), response };
    },
  },
  'remove-webhook-endpoint': {
    scopes: ['in', 'out'],
    expected: (row, role, scope) => webhookAnswer(row, role, scope, '204'),
    run: async (t, token, scope) => {
      const endpoint = await webhookEndpointOf(t, scope);
      const response = await t.request('DELETE', `/agencies/${webhookNode(scope)}/webhooks/${endpoint}`, { token });
      return { actual: String(response.status), response };
    },
  },
};

/** A closed port on this machine (the app lets private addresses through): deliveries fail at once, nothing leaves. */
const WEBHOOK_ENDPOINT = { url: 'http://127.0.0.1:9/lacak', eventTypes: ['ComplaintClosed'] };
/** In scope: the matrix's agency admin's own node; out: another agency's, whose endpoints answer as missing ones. */
const webhookNode = (scope: Scope) => (scope === 'out' ? OTHER_HOLDER : HOLDER);
const webhookAnswer = (row: AccessRow, role: ActorRole, scope: Scope, allowed: string) => (!row[role] ? '403' : scope === 'out' ? '404' : allowed);
/** A fresh endpoint of the node, registered by its own admin. */
async function webhookEndpointOf(t: TestApp, scope: Scope): Promise<string> {
  const node = webhookNode(scope);
  const response = await t.request('POST', `/agencies/${node}/webhooks`, { token: await t.token('agency_admin', node), body: WEBHOOK_ENDPOINT });
  return response.body.id;
}

const UNKNOWN_DELIVERY = '00000000-0000-5000-8000-000000000000';

// Queries in the matrix's order; the rebuild last, since it drops a read model.
const queryNames = (Object.keys(QUERY_ACCESS) as QueryName[]).sort(
  (a, b) => Number(a === 'rebuild-projections') - Number(b === 'rebuild-projections'),
);
for (const query of queryNames) {
  const row: AccessRow = QUERY_ACCESS[query];
  const plan = QUERY_PLANS[query];
  for (const role of ACTOR_ROLES) {
    for (const scope of plan.scopes) {
      cases.push({
        role,
        endpoint: query,
        scope,
        expected: plan.expected(row, role, scope),
        run: (t, token) => plan.run(t, token, scope, role),
      });
    }
  }
}

// Withheld content: the findings summary, on two complaints with findings recorded (made in beforeAll).
const findingsFixtures: Partial<Record<'in' | 'out', Fixture & { summary: string; tag: string }>> = {};
const FINDINGS: ContentName = 'investigation findings (summary)';
const CONTENT_PLANS: Record<ContentName, QueryPlan> = {
  [FINDINGS]: {
    scopes: ['in', 'out'],
    // Whoever reads the complaint sees the conclusion; only the matrix's roles see the summary, in the detail only.
    expected: (row, role, scope) => (!sees(role, scope) ? '404' : row[role] ? '200 with summary' : '200 without summary'),
    run: async (t, token, scope, role) => {
      const fixture = findingsFixtures[scope === 'out' ? 'out' : 'in']!;
      const detail = await t.request('GET', `/complaints/${fixture.id}`, { token });
      if (detail.status !== 200) {
        const id = unknownComplaintId();
        return { actual: String(detail.status), response: detail, unknown: { id, probedId: fixture.id, response: await t.request('GET', `/complaints/${id}`, { token }) } };
      }
      const history = await t.request('GET', `/complaints/${fixture.id}/history`, { token });
      const exported = mayQuery('export-complaints', role) ? await t.request('GET', `/complaints/export?q=${fixture.tag}`, { token }) : null;
      const holds = (r: HttpResponse | null, text: string) => r !== null && asJson(r.body).includes(text);
      const notes = [
        !holds(detail, 'irregularity_found') && 'no conclusion in the detail',
        !holds(history, 'irregularity_found') && 'no conclusion in the history',
        holds(history, fixture.summary) && 'summary in the history',
        holds(exported, fixture.summary) && 'summary in the export',
      ].filter(Boolean);
      return { actual: `200 ${holds(detail, fixture.summary) ? 'with' : 'without'} summary${notes.length ? ` (${notes.join(', ')})` : ''}`, response: detail };
    },
  },
};
for (const content of Object.keys(CONTENT_ACCESS) as ContentName[]) {
  const row: AccessRow = CONTENT_ACCESS[content];
  const plan = CONTENT_PLANS[content];
  for (const role of ACTOR_ROLES) {
    for (const scope of plan.scopes) {
      cases.push({ role, endpoint: content, scope, expected: plan.expected(row, role, scope), run: (t, token) => plan.run(t, token, scope, role) });
    }
  }
}

/** The route a case's endpoint is served on: a query's use case through the API's table, a command as written. */
const routeOf = (endpoint: string): string => QUERY_ROUTES[endpoint as QueryName] ?? endpoint;

interface Row {
  role: string;
  endpoint: string;
  scope: string;
  expected: string;
  actual: string;
}

function table(rows: Row[]): string {
  const header: Row = { role: 'role', endpoint: 'endpoint', scope: 'scope', expected: 'expected', actual: 'actual' };
  const all = [header, ...rows];
  const keys = Object.keys(header) as (keyof Row)[];
  const width = Object.fromEntries(keys.map((k) => [k, Math.max(...all.map((r) => r[k].length))])) as Record<keyof Row, number>;
  return all.map((r) => keys.map((k) => r[k].padEnd(width[k])).join(' | ')).join('\n');
}

describe('Who may do and see what: every role × every endpoint × scope', () => {
  let t: TestApp;
  const tokens = {} as Record<ActorRole, string>;
  const mismatches: Row[] = [];

  beforeAll(async () => {
    // The webhook endpoints registered here point at a closed port on this machine: no call leaves it.
    t = await startAccessApp({ WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true' });
    for (const role of ACTOR_ROLES) tokens[role] = await t.token(role, ACTORS[role].agencyId, ACTORS[role].id);
    for (const scope of ['in', 'out'] as const) {
      const tag = `matriks${marker()}`;
      const fixture = await complaintAt(t, 'DISPOSED', { ...fixtureOptions(scope), title: `Antrean ${tag}`, identity: { name: 'Warga Uji', phone: '+6281200000000' } });
      queryFixtures[scope] = { ...fixture, tag: tag.toLowerCase() };
      const findingsTag = `temuan${marker()}`;
      const summary = `Kepala puskesmas ${marker()} terbukti memungut biaya`;
      const investigated = await complaintAt(t, 'INVESTIGATED', { ...fixtureOptions(scope), title: `Pungli ${findingsTag}`, findingsSummary: summary });
      findingsFixtures[scope] = { ...investigated, summary, tag: findingsTag.toLowerCase() };
    }
    await projectionsCaughtUp(t);
  });
  afterAll(async () => {
    if (mismatches.length > 0) console.error(`Access matrix mismatches:\n${table(mismatches)}`);
    await t?.stop();
  });

  it('has a plan for every command of the matrix', async () => {
    // A command in COMMAND_ACCESS needs a plan (stage and body) in COMMAND_PLANS and WRONG_STATUS_PLANS.
    // Each missing one is named with whether the API serves it at all yet.
    const missing: string[] = [];
    for (const command of unplanned) {
      const probe = await t.request('POST', `/complaints/${unknownComplaintId()}/${command}`, { token: tokens.national_admin, body: {} });
      missing.push(`${command} (${probe.body?.code === 'NOT_FOUND' ? 'no HTTP route yet' : `route answers ${probe.status}`})`);
    }
    expect({ commandsWithoutPlan: missing }).toEqual({ commandsWithoutPlan: [] });
  });

  it('covers every role, every planned command and every query of the matrix', () => {
    const endpoints = new Set(cases.map((c) => c.endpoint));
    for (const command of Object.keys(COMMAND_PLANS)) expect(endpoints).toContain(`POST /complaints/{id}/${command}`);
    for (const query of Object.keys(QUERY_ACCESS)) expect(endpoints).toContain(query);
    for (const content of Object.keys(CONTENT_ACCESS)) expect(endpoints).toContain(content);
    expect(new Set(cases.map((c) => c.role))).toEqual(new Set(ACTOR_ROLES));
    // Every expected status class appears, so the matrix exercises each rule.
    expect(new Set(cases.map((c) => c.expected.slice(0, 3)))).toEqual(new Set(['200', '201', '202', '204', '403', '404', '409']));
  });

  for (const c of cases) {
    it(`${c.role} · ${c.endpoint} · ${c.scope} → ${c.expected}`, async () => {
      const outcome = await c.run(t, tokens[c.role]);
      let actual = outcome.actual;
      // Out of scope must look exactly like an unknown complaint (or agency). The national admin and
      // the system see everywhere: the other province's complaint is not out of scope for them.
      const outOfScope = c.scope === 'out' && !sees(c.role, c.scope);
      if (outOfScope && (routeOf(c.endpoint).includes('{id}') || c.endpoint.includes('POST /complaints/'))) {
        expect(outcome.unknown).toBeDefined();
      }
      if (outcome.unknown && outcome.response && outOfScope) {
        const out = revealed(outcome.response, outcome.unknown.probedId);
        const unknown = revealed(outcome.unknown.response, outcome.unknown.id);
        if (JSON.stringify(out) !== JSON.stringify(unknown)) {
          actual = `${actual}, unlike unknown: ${JSON.stringify(out.body)} vs ${JSON.stringify(unknown.body)}`;
        }
      }
      const row: Row = { role: c.role, endpoint: c.endpoint, scope: c.scope, expected: c.expected, actual };
      if (actual !== c.expected) {
        mismatches.push(row);
        const body = outcome.response ? ` body: ${JSON.stringify(outcome.response.body).slice(0, 300)}` : '';
        throw new Error(`Access matrix mismatch\n${table([row])}\n${body}`);
      }
      // A refusal is a problem document naming its rule.
      if (Number(c.expected.slice(0, 3)) >= 400) {
        expect(outcome.response?.headers['content-type']).toContain('application/problem+json');
        expect(outcome.response?.body.code).toEqual(expect.any(String));
      }
      // A lifecycle command refused for the role says which role may never issue it.
      if (c.expected === '403' && Object.keys(COMMAND_ACCESS).some((command) => c.endpoint === `POST /complaints/{id}/${command}`)) {
        expect(outcome.response?.body).toMatchObject({ code: 'ROLE_NOT_ALLOWED', detail: expect.stringContaining(c.role) });
      }
    });
  }
});

describe('Subtree reach by tier', () => {
  let t: TestApp;
  let disposed: Fixture;

  beforeAll(async () => {
    t = await startAccessApp();
    disposed = await complaintAt(t, 'DISPOSED');
    await projectionsCaughtUp(t);
  });
  afterAll(() => t?.stop());

  // Nodes above or at the holder see it; siblings, other provinces and ministries do not.
  const TIERS: [string, boolean][] = [
    [HOLDER, true],
    ['id-32.01', true],
    ['id-32', true],
    ['national', true],
    ['id-32.73-dinkes', false],
    ['id-33', false],
    [OTHER_HOLDER, false],
    ['kemenkes', false],
  ];
  const SCOPED: ActorRole[] = (['agency_admin', 'unit_officer', 'apip_inspector', 'auditor'] as const).filter(
    (role) => READ_REACH[role] === 'subtree',
  );

  it.each(SCOPED.flatMap((role) => TIERS.map(([node, inside]) => [role, node, inside] as const)))(
    '%s at %s reads the complaint held by id-32.01-dinkes: %s',
    async (role, node, inside) => {
      const token = await t.token(role, node, `${role}@${node}`);
      const detail = await t.request('GET', `/complaints/${disposed.id}`, { token });
      const queue = await t.request('GET', `/complaints?agency=${HOLDER}`, { token });
      expect({ detail: detail.status, listed: queue.body.items.some((c: { id: string }) => c.id === disposed.id) }).toEqual({
        detail: inside ? 200 : 404,
        listed: inside,
      });
    },
  );

  it.each([
    ['agency_admin', 'id-32', 200],
    ['unit_officer', 'id-32.01', 200],
    ['agency_admin', 'id-32.73-dinkes', 404],
    ['unit_officer', 'kemenkes', 404],
  ] as const)('%s at %s accepting a disposition to id-32.01-dinkes gets %i', async (role, node, status) => {
    expect(COMMAND_ACCESS.accept[role]).toBe('subtree');
    const fixture = await complaintAt(t, 'DISPOSED');
    const token = await t.token(role, node, `${role}@${node}`);
    const response = await t.request('POST', `/complaints/${fixture.id}/accept`, { token, body: {} });
    expect(response.status).toBe(status);
  });

  it('moves the scope with a re-disposition: the former agency loses the complaint, the new one gains it', async () => {
    const admin = await t.token('national_admin', 'national');
    const fixture = await complaintAt(t, 'IN_PROGRESS');
    const moved = await t.request('POST', `/complaints/${fixture.id}/dispose`, { token: admin, body: { agencyId: OTHER_HOLDER, note: 'Salah alamat.' } });
    expect(moved.status).toBe(200);
    await projectionsCaughtUp(t);
    const former = await t.token('agency_admin', HOLDER);
    const current = await t.token('agency_admin', OTHER_HOLDER);
    const answers = async (token: string) => ({
      detail: (await t.request('GET', `/complaints/${fixture.id}`, { token })).status,
      identity: (await t.request('GET', `/complaints/${fixture.id}/reporter-identity?reason=Tindak%20lanjut`, { token })).status,
      accept: (await t.request('POST', `/complaints/${fixture.id}/accept`, { token, body: {} })).status,
    });
    // The fixture has no identity: the new assignee sees the complaint but finds no reporter details.
    expect({ former: await answers(former), current: await answers(current) }).toEqual({
      former: { detail: 404, identity: 404, accept: 404 },
      current: { detail: 200, identity: 404, accept: 200 },
    });
  });
});

describe('Out of scope answers exactly like an unknown complaint, whatever the request headers', () => {
  let t: TestApp;
  let officer: string;
  let outside: Fixture;

  beforeAll(async () => {
    t = await startAccessApp();
    officer = await t.token('agency_admin', HOLDER);
    outside = await complaintAt(t, 'DISPOSED', { holder: OTHER_HOLDER, reporterId: STRANGER });
  });
  afterAll(() => t?.stop());

  const compare = async (headers: Record<string, string>) => {
    const unknown = unknownComplaintId();
    const out = await t.request('POST', `/complaints/${outside.id}/accept`, { token: officer, body: {}, headers });
    const missing = await t.request('POST', `/complaints/${unknown}/accept`, { token: officer, body: {}, headers });
    expect(revealed(out, outside.id)).toEqual(revealed(missing, unknown));
    expect(out.status).toBe(404);
  };

  it('without preconditions', () => compare({}));
  it('with an Idempotency-Key', () => compare({ 'idempotency-key': `probe-${marker()}` }));

  it('with an If-Match precondition', () => compare({ 'if-match': `"${outside.revision}"` }));
});
