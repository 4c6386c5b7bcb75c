import { ACTOR_ROLES, actorAgencyProblem, COMPLAINT_STATUSES } from '@lacak/domain';
import { loadOrganisation } from '@lacak/organisation';
import { TokenService } from '../../apps/api/src/auth/token.service';
import { type Fixture, commandOn, complaintAt } from '../support/complaint-stages';
import { AGENCY, aSubmission, aVerification, OTHER_AGENCY } from '../support/http-steps';
import type { TestApp } from '../support/test-app';

/** What the fuzzer draws on besides random data: credentials, and values the seeded data makes meaningful. */
export interface FuzzWorld {
  validTokens: string[];
  /** Whole Authorization header values that must not authenticate. */
  badAuthorizations: string[];
  /** Values worth trying, by lower-cased parameter or body property name. */
  known: Record<string, string[]>;
}

const REPORTER = 'reporter-fuzz';
const AGENCIES = ['national', 'id-32', 'id-32.01', AGENCY, OTHER_AGENCY, 'atlantis'];

/** The happy path as [command, role, body]; complaint k is driven through the first k steps. */
/** The API key of the Open311 client application the fuzzer's app knows. */
export const FUZZ_OPEN311_KEY = 'fuzz-open311-key-0123456789';

const HAPPY_PATH: [string, 'admin' | 'officer' | 'reporter', Record<string, unknown>][] = [
  ['verify', 'admin', aVerification],
  ['dispose', 'admin', { agencyId: AGENCY, note: 'Mohon ditindaklanjuti' }],
  ['accept', 'officer', {}],
  ['request-clarification', 'officer', { party: 'reporter', question: 'Kapan kejadiannya?' }],
  ['answer-clarification', 'reporter', { answer: 'Senin pagi.' }],
  ['start-mediation', 'officer', { note: 'Pertemuan' }],
  ['record-mediation-outcome', 'officer', { outcome: 'no_agreement', note: 'Dibantah' }],
  ['open-investigation', 'officer', { reason: 'Dugaan pungutan liar' }],
  ['record-findings', 'officer', { conclusion: 'irregularity_found', summary: 'Terbukti' }],
  ['respond', 'officer', { followUp: 'Biaya dikembalikan.' }],
  ['close', 'reporter', { reasonCode: 'accepted_by_reporter' }],
];

/** Seeds complaints in every state along the happy path, plus a rejected and an archived one. */
export async function seedWorld(t: TestApp): Promise<FuzzWorld> {
  const tokens = {
    admin: await t.token('national_admin', 'national'),
    officer: await t.token('agency_admin', AGENCY),
    reporter: await t.token('reporter', null, REPORTER),
  };
  const complaintIds: string[] = [];
  const trackingIds: string[] = [];
  const secrets: string[] = [];
  const clarificationIds: string[] = [];
  const submitted = async (submission: Record<string, unknown>) => {
    const fixture = await complaintAt(t, 'SUBMITTED', { reporterId: REPORTER, submission });
    complaintIds.push(fixture.id);
    trackingIds.push(fixture.trackingId);
    if (fixture.trackingSecret) secrets.push(fixture.trackingSecret);
    return fixture;
  };
  const submit = (index: number) => {
    const reporter = index === 0 ? { name: 'Siti Aminah', email: 'siti@example.id', idNumber: '3201012345670001' } : undefined;
    return submitted(aSubmission({ reporter, targetAgencyId: index % 2 ? AGENCY : undefined }));
  };
  const send = (fixture: Fixture, role: keyof typeof tokens, command: string, body: unknown) => commandOn(t, fixture, tokens[role], command, body);

  for (let steps = 0; steps <= HAPPY_PATH.length; steps++) {
    const fixture = await submit(steps);
    let clarificationId = '';
    for (const [command, role, body] of HAPPY_PATH.slice(0, steps)) {
      const result = await send(fixture, role, command, command === 'answer-clarification' ? { ...body, clarificationId } : body);
      if (result.clarificationId) clarificationIds.push((clarificationId = result.clarificationId));
    }
  }
  // A reporter clarification the officer answered on the reporter's behalf, and one still open for it.
  for (const answered of [true, false]) {
    const fixture = await submit(-3);
    for (const [command, role, body] of HAPPY_PATH.slice(0, 3)) await send(fixture, role, command, body);
    const { clarificationId } = await send(fixture, 'officer', 'request-clarification', { party: 'reporter', question: 'Jam berapa?' });
    clarificationIds.push(clarificationId);
    if (answered) await send(fixture, 'officer', 'record-clarification-answer', { clarificationId, answer: 'Pukul 09.00.', channel: 'phone' });
  }
  // An anonymous complaint: its submitting account owns nothing, only its tracking secret does.
  await submitted(aSubmission({ anonymous: true, targetAgencyId: AGENCY }));
  await send(await submit(-1), 'admin', 'reject', { reasonCode: 'out_of_scope', reason: 'Bukan pelayanan publik' });
  await send(await submit(-2), 'admin', 'archive', { reasonCode: 'too_general', reason: 'Terlalu umum' });

  // An evaluation of the agency with a plan, so the evaluation routes reach their rules, not only their 404.
  const evaluation = await t.request('POST', '/evaluations', {
    token: tokens.admin,
    body: { agencyId: AGENCY, year: 2025, scores: [{ indicator: 'tindak_lanjut', score: 60 }], recommendations: [{ text: 'Tindak lanjut substantif.' }] },
  });
  const evaluationId: string = evaluation.body.id;
  const plan = { actions: [{ description: 'Rapat pimpinan bulanan', owner: 'Sekretaris', dueDate: '2099-12-31' }] };
  await t.request('POST', `/evaluations/${evaluationId}/recommendations/R1/action-plan`, { token: tokens.officer, body: plan });

  // Every role with every agency; a pairing the organisation tree refuses is a bad credential.
  const tree = loadOrganisation(t.config.orgTreeFile);
  const actors = ACTOR_ROLES.flatMap((role) => [null, ...AGENCIES].map((agencyId, i) => ({ role, agencyId, id: role === 'reporter' && i % 2 ? REPORTER : `${role}-${i}` })));
  const fits = (actor: (typeof actors)[number]) => actorAgencyProblem(actor, tree) === null;
  const validTokens = await Promise.all([
    ...actors.filter(fits).map((a) => t.token(a.role, a.agencyId, a.id)),
    // Subjects that imitate a tracking credential: they must own nothing.
    ...trackingIds.slice(0, 3).map((trackingId) => t.token('reporter', null, `tracking:${trackingId}`)),
  ]);
  const misplacedTokens = await Promise.all(actors.filter((a) => !fits(a)).map((a) => t.token(a.role, a.agencyId, a.id)));
  const forged = new TokenService('another-secret-that-is-long-enough-to-sign-with');
  const badAuthorizations = [
    '',
    'Bearer',
    'Bearer ',
    'Basic dXNlcjpwYXNzd29yZA==',
    'Bearer a.b.c',
    `Bearer ${await forged.sign({ id: 'x', role: 'national_admin', agencyId: 'national' })}`,
    `Bearer ${await new TokenService(t.config.jwtSecret).sign({ id: 'x', role: 'mayor' as never, agencyId: null })}`,
    `Bearer ${tokens.admin.split('.').slice(0, 2).join('.')}.`,
    `Bearer ${tokens.admin} ${tokens.admin}`,
    'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4Iiwicm9sZSI6Im5hdGlvbmFsX2FkbWluIn0.',
    `Bearer ${'A'.repeat(8000)}`,
    ...misplacedTokens.map((token) => `Bearer ${token}`),
  ];

  const agencies = AGENCIES;
  return {
    validTokens,
    badAuthorizations,
    known: {
      id: [...complaintIds, ...agencies, evaluationId],
      recommendationid: ['R1', 'R2'],
      actionid: ['R1-P1-A1', 'R1-P2-A1'],
      node: agencies,
      trackingid: trackingIds,
      'x-tracking-secret': secrets,
      clarificationid: clarificationIds,
      agencyid: agencies,
      partyagencyid: agencies,
      targetagencyid: agencies,
      agency: agencies,
      root: agencies,
      status: [...COMPLAINT_STATUSES, 'DISPOSED,IN_PROGRESS'],
      category: ['kesehatan', 'infrastruktur'],
      channel: ['phone', 'sms', 'letter', 'walk-in', 'web'],
      idnumber: ['3201012345670001'],
      phone: ['+6281234567890'],
      projection: ['complaints', 'audit-trail', 'agency-stats', 'audit-events', 'evaluations'],
      'if-match': ['"0"', '"1"', '"2"', '"5"', '"11"', '*', 'W/"3"'],
      'idempotency-key': ['fuzz-key-1', 'fuzz-key-2', 'fuzz-key-3'],
      format: ['json', 'xml'],
      service_code: ['kesehatan', 'infrastruktur', 'pungli', 'kebun'],
      service_request_id: trackingIds,
      jurisdiction_id: agencies,
      api_key: [FUZZ_OPEN311_KEY, 'not-a-key'],
    },
  };
}
