/**
 * `allowedActions` on a complaint's detail, checked against the commands themselves: at every stage
 * of the lifecycle and for one actor per role (and the officers of another agency), each action
 * listed is accepted when posted, or refused only for what its body said; each command left out is
 * refused.
 */
import { COMMAND_ACCESS, type CommandName } from '@lacak/domain';
import { TestApp } from '../support/test-app';
import { acceptedStatus, sendCommand } from '../support/attachment-steps';
import { type Fixture, HOLDER, OTHER_HOLDER, OWNER, type Stage, complaintAt } from '../support/complaint-stages';

type Action = Exclude<CommandName, 'submit'>;
const ACTIONS = Object.keys(COMMAND_ACCESS).filter((name): name is Action => name !== 'submit');

/** Refusals that hang only on what the body says (an agency chosen, a reason code), never on who asks or the status. */
const DATA_REFUSALS = ['ALREADY_DISPOSED_TO_AGENCY', 'TARGET_OUTSIDE_SCOPE', 'REJECT_REASON_NOT_ALLOWED'];

const ACTORS = {
  reporter: { role: 'reporter', id: OWNER, agencyId: null },
  'another reporter': { role: 'reporter', id: 'reporter-stranger', agencyId: null },
  'national admin': { role: 'national_admin', id: 'admin-national', agencyId: 'national' },
  'agency admin': { role: 'agency_admin', id: 'admin-dinkes-bogor', agencyId: HOLDER },
  'unit officer': { role: 'unit_officer', id: 'officer-dinkes-bogor', agencyId: HOLDER },
  'admin of another agency': { role: 'agency_admin', id: 'admin-other', agencyId: OTHER_HOLDER },
  'officer of another agency': { role: 'unit_officer', id: 'officer-other', agencyId: OTHER_HOLDER },
  'provincial inspector': { role: 'apip_inspector', id: 'inspector-jabar', agencyId: 'id-32' },
  auditor: { role: 'auditor', id: 'auditor-bogor', agencyId: 'id-32.01' },
} as const;
type ActorName = keyof typeof ACTORS;

const STAGES: Stage[] = [
  'SUBMITTED',
  'VERIFIED',
  'AWAITING_BEFORE_DISPOSITION',
  'REJECTED',
  'DISPOSED',
  'IN_PROGRESS',
  'AWAITING_AFTER_DISPOSITION',
  'ASKED_RESPONDENT',
  'MEDIATION',
  'INVESTIGATION',
  'INVESTIGATED',
  'RESPONDED',
  'CLOSED',
];

/** Bodies a client could send for each command; the action counts as accepted when one of them is. */
const bodies = (action: Action, fixture: Fixture, originalId: string): object[] => {
  const clarificationId = fixture.clarificationId ?? 'none';
  switch (action) {
    case 'verify':
      return [{ classification: 'pengaduan', category: 'kesehatan', slaClass: 'ordinary', confidential: false, anonymous: false }];
    case 'reject':
      return [
        { reasonCode: 'out_of_scope', reason: 'Perkara pidana.' },
        { reasonCode: 'not_our_authority', reason: 'Bukan wewenang kami.' },
      ];
    case 'archive':
      return [{ reasonCode: 'not_relevant', reason: 'Tidak relevan.' }];
    case 'dispose':
      return [
        { agencyId: OTHER_HOLDER, note: 'Mohon ditindaklanjuti.' },
        { agencyId: HOLDER, note: 'Mohon ditindaklanjuti.' },
      ];
    case 'accept':
      return [{}];
    case 'request-clarification':
      return [
        { party: 'reporter', question: 'Kapan kejadiannya?' },
        { party: 'respondent', question: 'Tanggapan petugas?' },
      ];
    case 'answer-clarification':
      return [{ clarificationId, answer: 'Senin pagi.' }];
    case 'record-clarification-answer':
      return [{ clarificationId, answer: 'Senin pagi.', channel: 'phone' }];
    case 'start-mediation':
      return [{ note: 'Pertemuan para pihak.' }];
    case 'record-mediation-outcome':
      return [{ outcome: 'agreement', note: 'Sepakat.' }];
    case 'open-investigation':
      return [{ reason: 'Dugaan pungutan liar.' }];
    case 'record-findings':
      return [{ conclusion: 'no_irregularity', summary: 'Tidak terbukti.' }];
    case 'respond':
      return [{ followUp: 'Jadwal layanan ditambah.' }];
    case 'close':
      return [{ reasonCode: 'accepted_by_reporter' }, { reasonCode: 'closed_by_admin', note: 'Selesai.' }];
    case 'dispute':
      return [{ reason: 'Belum selesai.' }];
    case 'rate':
      return [{ rating: 5 }];
    case 'reopen':
      return [{ reason: 'Terulang lagi.' }];
    case 'mark-duplicate':
      return [{ originalComplaintId: originalId }];
    case 'record-leadership-review':
      return [{ summary: 'Ditinjau pimpinan.' }];
    case 'link-policy-improvement':
      return [{ policyTitle: 'SOP antrean', description: 'Antrean daring.', effectiveDate: '2026-12-01' }];
    case 'mark-follow-up-normative':
      return [{ reason: 'Hanya janji.' }];
    case 'add-attachment':
      return [{}];
  }
};

describe('allowedActions: what the detail offers each actor is what the commands accept', () => {
  let t: TestApp;
  const tokens = {} as Record<ActorName, string>;
  let originalId: string;

  beforeAll(async () => {
    // Many complaints are submitted here, each brought to its stage afresh.
    t = await TestApp.start({ RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '100000' });
    for (const [name, actor] of Object.entries(ACTORS) as [ActorName, (typeof ACTORS)[ActorName]][]) {
      tokens[name] = await t.token(actor.role, actor.agencyId, actor.id);
    }
    originalId = (await complaintAt(t, 'SUBMITTED')).id;
  });
  afterAll(() => t.stop());

  /** The actor's allowed actions once the detail shows the fixture's last step; null when the actor may not read it. */
  const offered = async (fixture: Fixture, actor: ActorName): Promise<Action[] | null> => {
    // The national admin reads every complaint: once it sees the last step, so does everyone in scope.
    await t.eventually(
      () => t.request('GET', `/complaints/${fixture.id}`, { token: tokens['national admin'] }),
      (r) => r.status === 200 && r.body.revision === String(fixture.revision),
    );
    const shown = await t.request('GET', `/complaints/${fixture.id}`, { token: tokens[actor] });
    return shown.status === 200 ? shown.body.allowedActions : null;
  };

  /** An accepted command answers 200, an attachment 201: both count as accepted. */
  const post = async (fixture: Fixture, actor: ActorName, action: Action, body: object) => {
    const answer = await sendCommand(t, fixture.id, action, tokens[actor], body);
    return answer.status === acceptedStatus(action) ? { ...answer, status: 200 } : answer;
  };

  describe('given a VERIFIED complaint', () => {
    it('then the national admin is offered routing, an inspector and the officers nothing', async () => {
      const fixture = await complaintAt(t, 'VERIFIED');
      expect(await offered(fixture, 'national admin')).toEqual(expect.arrayContaining(['reject', 'archive', 'dispose', 'request-clarification']));
      expect(await offered(fixture, 'provincial inspector')).toEqual([]);
      expect(await offered(fixture, 'unit officer')).toEqual([]);
      expect(await offered(fixture, 'officer of another agency')).toBeNull();
    });
  });

  describe('given a RESPONDED complaint', () => {
    it('then its reporter is offered close, dispute and rate; the provincial inspector judging the follow-up', async () => {
      const fixture = await complaintAt(t, 'RESPONDED');
      expect(await offered(fixture, 'reporter')).toEqual(['close', 'dispute', 'rate', 'add-attachment']);
      expect(await offered(fixture, 'provincial inspector')).toEqual(['mark-follow-up-normative']);
      expect(await offered(fixture, 'auditor')).toEqual([]);
    });
  });

  describe('as the complaint moves on', () => {
    it('then the offer follows it: the officer accepts, then handles, and is offered nothing once it is closed', async () => {
      const fixture = await complaintAt(t, 'DISPOSED');
      expect(await offered(fixture, 'unit officer')).toEqual(['reject', 'accept', 'mark-duplicate', 'add-attachment']);
      const accepted = await post(fixture, 'unit officer', 'accept', {});
      expect(accepted.status).toBe(200);
      fixture.revision = Number(accepted.body.revision);
      expect(await offered(fixture, 'unit officer')).toEqual([
        'request-clarification',
        'start-mediation',
        'open-investigation',
        'respond',
        'mark-duplicate',
        'add-attachment',
      ]);
      for (const [action, actor, body] of [
        ['respond', 'unit officer', { followUp: 'Jadwal layanan ditambah.' }],
        ['close', 'reporter', { reasonCode: 'accepted_by_reporter' }],
      ] as const) {
        const answer = await post(fixture, actor, action, body);
        expect(answer.status).toBe(200);
        fixture.revision = Number(answer.body.revision);
      }
      expect(await offered(fixture, 'unit officer')).toEqual([]);
      expect(await offered(fixture, 'reporter')).toEqual(['rate', 'reopen']);
    });
  });

  describe.each(STAGES)('given a complaint at %s', (stage) => {
    it('then every action offered to any actor is accepted, or refused only for what its body said', async () => {
      const probe = await complaintAt(t, stage);
      const offers = await Promise.all((Object.keys(ACTORS) as ActorName[]).map(async (actor) => [actor, await offered(probe, actor)] as const));
      // Only a rejected complaint offers nobody anything.
      expect(offers.some(([, actions]) => (actions ?? []).length > 0)).toBe(stage !== 'REJECTED');
      const outcomes: string[] = [];
      for (const [actor, actions] of offers) {
        for (const action of actions ?? []) {
          const fixture = await complaintAt(t, stage);
          const answers = [];
          for (const body of bodies(action, fixture, originalId)) {
            const answer = await post(fixture, actor, action, body);
            answers.push(answer.status === 200 ? 'accepted' : answer.body.code);
            if (answer.status === 200) break;
          }
          const fine = answers.includes('accepted') || answers.every((code) => DATA_REFUSALS.includes(code));
          if (!fine) outcomes.push(`${actor} ${action}: ${answers.join(', ')}`);
        }
      }
      expect(outcomes).toEqual([]);
    });

    it('then every action left out is refused', async () => {
      const fixture = await complaintAt(t, stage);
      const wronglyAccepted: string[] = [];
      for (const actor of Object.keys(ACTORS) as ActorName[]) {
        const actions = (await offered(fixture, actor)) ?? [];
        for (const action of ACTIONS.filter((a) => !actions.includes(a))) {
          for (const body of bodies(action, fixture, originalId)) {
            const answer = await post(fixture, actor, action, body);
            if (answer.status === 200) {
              wronglyAccepted.push(`${actor} ${action}`);
              fixture.revision = Number(answer.body.revision);
            }
          }
        }
      }
      expect(wronglyAccepted).toEqual([]);
    });
  });
});
