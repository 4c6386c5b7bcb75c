import fc from 'fast-check';
import { type Actor, type ComplaintCommand, type ComplaintState, complaintStreamId, decideComplaint } from '@lacak/domain';
import { type DeadlineContext, loadPolicyBook, loadWorkingDayCalendar } from '@lacak/deadlines';
import { AGENCY, OTHER_AGENCY, actors, commands, testOrganisation } from '@lacak/domain/testing';
import { ComplaintProjection, Projector } from '@lacak/projections';
import { type TempStores, openTempStores } from '@lacak/projections/testing';
import { ComplaintCommandService } from '../complaint-command.service';
import { foldComplaintHistory } from '../complaint-stream';
import { CommandRefusedError } from '../errors';
import { GetComplaint, type ComplaintView } from './complaint-queries';
import { GetComplaintChanges, ReplayComplaint, ReplayPointNotFoundError } from './complaint-replay';
import type { FieldChange } from './field-changes';

fc.configureGlobal({ seed: Number(process.env.REPLAY_SEED ?? 20261205) });

const START_MS = Date.parse('2025-03-03T02:00:00.000Z');
const reader: Actor = actors.nationalAdmin;

let questions = 0;
/** The open question to this party, if any: the server gives every question its own id. */
const openQuestion = (state: ComplaintState, party: string): string =>
  [...state.openClarifications].find(([, question]) => question.party === party)?.[0] ?? 'no-open-question';

/** Every command of the lifecycle, as its usual actor gives it; the decider refuses those the state does not allow. */
const STEPS: Record<string, (complaintId: string, state: ComplaintState) => ComplaintCommand> = {
  verify: (complaintId) => commands.verify({ complaintId }),
  verifyRahasia: (complaintId) => commands.verify({ complaintId, confidential: true }),
  reject: (complaintId) => commands.reject({ complaintId }),
  archive: (complaintId) => commands.archive({ complaintId }),
  dispose: (complaintId) => commands.dispose({ complaintId }),
  disposeElsewhere: (complaintId) => commands.dispose({ complaintId, agencyId: OTHER_AGENCY }),
  accept: (complaintId) => commands.accept({ complaintId }),
  acceptElsewhere: (complaintId) => commands.accept({ complaintId }, actors.unitOfficer(OTHER_AGENCY)),
  returnAsNotOurs: (complaintId) => commands.reject({ complaintId, reasonCode: 'not_our_authority', reason: 'Bukan wewenang dinas.' }, actors.unitOfficer()),
  askReporter: (complaintId) => commands.requestClarification({ complaintId, clarificationId: `question-${++questions}` }),
  askRespondent: (complaintId) => commands.requestClarification({ complaintId, clarificationId: `question-${++questions}`, party: 'respondent' }),
  answerReporter: (complaintId, state) => commands.answerClarification({ complaintId, clarificationId: openQuestion(state, 'reporter') }),
  answerOnBehalf: (complaintId, state) => commands.recordAnswerOnBehalf({ complaintId, clarificationId: openQuestion(state, 'reporter') }),
  answerRespondent: (complaintId, state) =>
    commands.answerClarification({ complaintId, clarificationId: openQuestion(state, 'respondent') }, actors.unitOfficer()),
  expireClarification: (complaintId, state) => commands.expireClarification({ complaintId, clarificationId: openQuestion(state, 'reporter') }),
  startMediation: (complaintId) => commands.startMediation({ complaintId }),
  recordMediationOutcome: (complaintId) => commands.recordMediationOutcome({ complaintId }),
  openInvestigation: (complaintId) => commands.openInvestigation({ complaintId }),
  recordFindings: (complaintId) => commands.recordFindings({ complaintId }),
  respond: (complaintId) => commands.respond({ complaintId }),
  close: (complaintId) => commands.close({ complaintId }),
  dispute: (complaintId) => commands.dispute({ complaintId }),
  disputeAsNormative: (complaintId) => commands.dispute({ complaintId, normative: true }),
  markFollowUpNormative: (complaintId) => commands.markFollowUpNormative({ complaintId }),
  rate: (complaintId) => commands.rate({ complaintId }),
  reopen: (complaintId) => commands.reopen({ complaintId }),
  missDeadline: (complaintId) => commands.recordDeadlineMissed({ complaintId }),
  escalate: (complaintId) => commands.escalate({ complaintId }),
  referToOmbudsman: (complaintId) => commands.referToOmbudsman({ complaintId }),
  markDuplicate: (complaintId) => commands.markDuplicate({ complaintId }),
  recordLeadershipReview: (complaintId) => commands.recordLeadershipReview({ complaintId }),
  linkPolicyImprovement: (complaintId) => commands.linkPolicyImprovement({ complaintId }),
};

/**
 * The steps to choose from: those that end a complaint, and the monitoring ones allowed in almost
 * every state, once; the steps of handling three times, so most histories run through the lifecycle.
 */
const ONCE = new Set(['disposeElsewhere', 'reject', 'archive', 'expireClarification', 'markDuplicate', 'missDeadline', 'escalate', 'referToOmbudsman', 'recordLeadershipReview', 'linkPolicyImprovement']);
const ROTATION = Object.keys(STEPS).flatMap((step) => (ONCE.has(step) ? [step] : [step, step, step]));

/** What the decider's state and the replayed view both say, in the decider's terms. */
const ruleFields = (state: ComplaintState) => ({
  status: state.status,
  trackingId: state.trackingId,
  targetAgencyId: state.targetAgencyId,
  assigneeAgencyId: state.assigneeAgencyId,
  confidential: state.confidential,
  anonymous: state.anonymous,
  classification: state.classification,
  slaClass: state.slaClass,
  bounceCount: state.bounceCount,
  rating: state.rating,
  overdue: state.overdue.map(({ clock, dueAt }) => ({ clock, dueAt })),
  escalatedTo: [...state.escalatedTo],
  referredToOmbudsman: state.referredToOmbudsman,
  duplicateOf: state.duplicateOf,
  openClarifications: [...state.openClarifications.keys()].sort(),
  latestFollowUpNormative: state.latestFollowUp?.normative ?? false,
});
const ruleFieldsOfView = (view: ComplaintView) => ({
  status: view.status,
  trackingId: view.trackingId,
  targetAgencyId: view.targetAgencyId,
  assigneeAgencyId: view.assigneeAgencyId,
  confidential: view.confidential,
  anonymous: view.anonymous,
  classification: view.classification,
  slaClass: view.slaClass,
  bounceCount: view.bounceCount,
  rating: view.rating?.rating ?? null,
  overdue: (view.overdue ?? []).map(({ clock, dueAt }) => ({ clock, dueAt })),
  escalatedTo: (view.escalations ?? []).map((e) => e.toAgencyId),
  referredToOmbudsman: Boolean(view.ombudsmanReferral),
  duplicateOf: view.duplicateOf?.originalComplaintId ?? null,
  openClarifications: view.clarifications.filter((c) => c.answeredAt === null && !c.expiredAt).map((c) => c.clarificationId).sort(),
  latestFollowUpNormative: (view.normativeMarks ?? []).some((mark) => mark.followUpAt === view.followUps.at(-1)?.at),
});

/** The revision and the last update, which the changes leave out (each event's entry says them). */
const withoutBookkeeping = ({ revision: _revision, updatedAt: _updated, ...view }: ComplaintView): Record<string, unknown> => view;

/** A JSON value with each change's `after` written at its path; a null where nothing was drops the field, as JSON would compare. */
function applied(value: Record<string, unknown>, changes: FieldChange[]): Record<string, unknown> {
  const result = structuredClone(value);
  for (const { path, after } of changes) {
    const keys = path.split(/\.|\[(\d+)\]/).filter((key) => key !== undefined && key !== '');
    let target = result as Record<string, unknown>;
    for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
    target[keys[keys.length - 1]] = after;
  }
  return JSON.parse(JSON.stringify(result, (_key, v) => (v === null ? undefined : v)));
}

describe('Replay: a complaint as of any revision, from the event store', () => {
  let stores: TempStores;
  let service: ComplaintCommandService;
  let projector: Projector;
  let replay: ReplayComplaint;
  let changes: GetComplaintChanges;
  let detail: GetComplaint;
  let complaints = 0;
  let commandCount = 0;

  beforeAll(async () => {
    stores = await openTempStores();
    service = new ComplaintCommandService(stores.eventStore, testOrganisation);
    projector = new Projector([new ComplaintProjection(testOrganisation)], stores.eventStore, stores.readStore, { batchSize: 4 });
    projector.start();
    const context = { eventStore: stores.eventStore, tree: testOrganisation };
    replay = new ReplayComplaint(context);
    changes = new GetComplaintChanges(context);
    // The projection runs without clocks here, so the detail has no deadlines to count; the policies give the reporter's windows.
    const policies = loadPolicyBook();
    const deadlines: DeadlineContext = {
      policies,
      calendar: loadWorkingDayCalendar(),
      tree: testOrganisation,
      zoneOf: () => 'Asia/Jakarta',
      policyFor: (version, submittedAt) => (version ? policies.byVersion(version) : policies.inForce(submittedAt)),
    };
    detail = new GetComplaint({ readStore: stores.readStore, scope: testOrganisation, deadlines, now: () => new Date(START_MS) });
  });
  afterAll(async () => {
    await projector?.stop();
    await stores?.cleanup();
  });

  /** Runs one command a minute after the last; the outcome, or null when the decider refused it. */
  async function run(command: ComplaintCommand) {
    commandCount += 1;
    const at = new Date(START_MS + commandCount * 60_000).toISOString();
    try {
      return await service.execute({ ...command, at }, { commandId: `command-${commandCount}`, correlationId: `correlation-${commandCount}` });
    } catch (error) {
      if (error instanceof CommandRefusedError) return null;
      throw error;
    }
  }

  const stateOf = async (complaintId: string) => foldComplaintHistory(await stores.eventStore.readStream(complaintStreamId(complaintId)));

  /** One of the commands the decider accepts now, by `choice`; a refused one when there is none (ending the history). */
  function allowedCommand(state: ComplaintState, complaintId: string, choice: number): ComplaintCommand {
    const candidates = ROTATION.map((step) => STEPS[step](complaintId, state));
    const allowed = candidates.filter((command) => decideComplaint(command, state, testOrganisation).ok);
    return allowed.length > 0 ? allowed[choice % allowed.length] : candidates[0];
  }

  it('equals the live state after every revision of random histories through the whole lifecycle', async () => {
    await fc.assert(
      // Each choice picks one of the commands the complaint's state allows.
      fc.asyncProperty(fc.array(fc.nat(), { minLength: 5, maxLength: 30, size: 'max' }), async (choices) => {
        const complaintId = `complaint-${++complaints}`;
        const submitted = await run(commands.submit({ complaintId, trackingId: `LPR-${complaintId}`, targetAgencyId: AGENCY }));
        expect(submitted).not.toBeNull();
        /** The read model's detail after each command, by the revision the command ended on. */
        const live = new Map<string, ComplaintView>();
        /** When each command was decided, by the revision it ended on. */
        const decidedAt = new Map<string, string>();
        for (const choice of [null, ...choices]) {
          const outcome = choice === null ? submitted : await run(allowedCommand(await stateOf(complaintId), complaintId, choice));
          if (!outcome) break;
          const [last] = (await stores.eventStore.readAll()).slice(-1);
          await projector.waitFor(last.position);
          // What the reader may do next is the detail's, not part of the complaint a replay shows.
          const { allowedActions: _actions, ...shown } = (await detail.run(reader, complaintId))!;
          live.set(String(outcome.revision), shown as ComplaintView);
          decidedAt.set(String(outcome.revision), last.metadata.occurredAt);
        }

        const stream = await stores.eventStore.readStream(complaintStreamId(complaintId));
        for (const event of stream) {
          const revision = String(event.revision);
          const asOf = (await replay.run(reader, complaintId, { revision: event.revision }))!;
          expect(asOf.revision).toBe(revision);
          expect(asOf.events.map((entry) => entry.revision)).toEqual(stream.filter((e) => e.revision <= event.revision).map((e) => String(e.revision)));
          expect(ruleFieldsOfView(asOf.complaint)).toEqual(ruleFields(foldComplaintHistory(stream.filter((e) => e.revision <= event.revision))));
          if (live.has(revision)) expect(asOf.complaint).toEqual(live.get(revision));
          expect(asOf.integrity).toEqual({ intact: true, faults: [] });
        }
        // By instant: a command's events share its instant, so the replay reaches the last of them.
        for (const [revision, at] of decidedAt) expect((await replay.run(reader, complaintId, { at }))!.revision).toBe(revision);
        // Each event's changes, applied to the complaint before it, give the complaint after it; all of them, the last state.
        const last = stream[stream.length - 1].revision;
        const between = (await changes.run(reader, complaintId, 0n, last))!;
        expect(between.events.map((e) => e.revision)).toEqual(stream.slice(1).map((e) => String(e.revision)));
        const first = withoutBookkeeping((await replay.run(reader, complaintId, { revision: 0n }))!.complaint);
        let state = applied(first, []);
        for (const step of between.events) {
          state = applied(state, step.changes);
          const next = (await replay.run(reader, complaintId, { revision: BigInt(step.revision) }))!.complaint;
          expect(state).toEqual(applied(withoutBookkeeping(next), []));
        }
        expect(applied(first, between.changes)).toEqual(state);
      }),
      { numRuns: 20, endOnFailure: true },
    );
  }, 120_000);

  it('refuses a revision past the last one and an instant before the submission, naming why', async () => {
    const complaintId = `complaint-${++complaints}`;
    const submitted = (await run(commands.submit({ complaintId, trackingId: `LPR-${complaintId}` })))!;
    const refusal = (point: Parameters<ReplayComplaint['run']>[2]) => replay.run(reader, complaintId, point).catch((error: unknown) => error);
    expect(await refusal({ revision: submitted.revision + 1n })).toEqual(expect.objectContaining({ code: 'REVISION_NOT_FOUND' }));
    const before = await refusal({ at: new Date(START_MS).toISOString() });
    expect(before).toBeInstanceOf(ReplayPointNotFoundError);
    expect(before).toEqual(expect.objectContaining({ code: 'NOT_YET_SUBMITTED' }));
  });

  it('answers an unknown complaint and one out of the reader’s scope alike: not at all', async () => {
    const complaintId = `complaint-${++complaints}`;
    await run(commands.submit({ complaintId, trackingId: `LPR-${complaintId}`, targetAgencyId: AGENCY }));
    const elsewhere: Actor = { id: 'auditor-t', role: 'auditor', agencyId: 'agency-t' };
    expect(await replay.run(elsewhere, complaintId, { revision: 0n })).toBeNull();
    expect(await replay.run(reader, 'complaint-unknown', { revision: 0n })).toBeNull();
    expect(await changes.run(elsewhere, complaintId, 0n, 0n)).toBeNull();
  });
});
