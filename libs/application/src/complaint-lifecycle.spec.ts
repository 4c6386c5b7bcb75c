import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DeadlineContext, loadPolicyBook, loadWorkingDayCalendar } from '@lacak/deadlines';
import { type Actor, type ComplaintCommand, OrganisationTree } from '@lacak/domain';
import { type EventStore, SqliteEventStore } from '@lacak/event-store';
import type { ReporterIdentityStore } from '@lacak/reporter-identity';
import { type CommandCompletion, type CommandToComplete, ComplaintCommandService } from './complaint-command.service';
import { ComplaintLifecycle } from './commands/complaint-lifecycle';
import { ComplaintSubmission } from './commands/complaint-submission';
import { IdempotencyKeyReusedError, UnknownReferenceError } from './errors';
import { nameBasedId } from './ids';
import { RequestFingerprints } from './request-fingerprint';
import { TrackingSecrets } from './tracking-secrets';

const AGENCY = 'agency-x';
const tree = new OrganisationTree([
  { id: 'national', name: 'Nasional', kind: 'national', parentId: null },
  { id: AGENCY, name: 'Dinas X', kind: 'regional_agency', parentId: 'national' },
]);
const policies = loadPolicyBook();
const deadlines: DeadlineContext = {
  policies,
  calendar: loadWorkingDayCalendar(),
  tree,
  zoneOf: () => 'Asia/Jakarta',
  policyFor: (version, submittedAt) => (version ? policies.byVersion(version) : policies.inForce(submittedAt)),
};
/** Submissions here carry no identity: the store must never be touched. */
const noIdentities = new Proxy({} as ReporterIdentityStore, {
  get: (_, name) => () => Promise.reject(new Error(`identity store used: ${String(name)}`)),
});

const reporter: Actor = { id: 'reporter-1', role: 'reporter', agencyId: null };
const admin: Actor = { id: 'admin-1', role: 'national_admin', agencyId: 'national' };
const officer: Actor = { id: 'officer-1', role: 'agency_admin', agencyId: AGENCY };
const auditor: Actor = { id: 'auditor-1', role: 'auditor', agencyId: 'national' };

/** Keeps each command as completed for the decision, to show what the use case added. */
class RecordingCommandService extends ComplaintCommandService {
  readonly decided: ComplaintCommand[] = [];

  override execute<C extends CommandToComplete = ComplaintCommand>(command: C, options: Parameters<ComplaintCommandService['execute']>[1], complete?: CommandCompletion<C>) {
    return super.execute(command, options, async (...args) => {
      const completed = complete ? await complete(...args) : (args[0] as unknown as ComplaintCommand);
      this.decided.push(completed);
      return completed;
    });
  }
}

/** The command use cases over a real SQLite event store in a temp dir, no HTTP and no Nest. */
describe('The command use cases', () => {
  let dir: string;
  let eventStore: SqliteEventStore;
  let reads: number;
  let now: Date;
  let lifecycle: ComplaintLifecycle;
  let submission: ComplaintSubmission;
  let commands: RecordingCommandService;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lacak-use-cases-'));
    eventStore = SqliteEventStore.open({ file: join(dir, 'events.db') });
    reads = 0;
    // Counts the stream reads, to show what a command reads before it is refused or decided.
    const counting = new Proxy(eventStore, {
      get: (target, name, receiver) => {
        if (name === 'readStream') reads++;
        const value = Reflect.get(target, name, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as EventStore;
    now = new Date('2026-03-02T02:00:00.000Z');
    const clock = { now: () => now };
    commands = new RecordingCommandService(counting, tree);
    const fingerprints = new RequestFingerprints(Buffer.alloc(32, 1));
    lifecycle = new ComplaintLifecycle({ commands, tree, deadlines, clock, fingerprints });
    submission = new ComplaintSubmission({
      commands,
      identities: noIdentities,
      tree,
      deadlines,
      clock,
      trackingSecrets: new TrackingSecrets(Buffer.alloc(32, 2)),
      fingerprints,
    });
  });
  afterEach(async () => {
    await eventStore.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = (idempotencyKey?: string) => ({ correlationId: 'test', idempotencyKey });
  const lastEvent = async (complaintId: string) => (await eventStore.readStream(`complaint-${complaintId}`)).at(-1)!;

  async function accepted(): Promise<string> {
    const { complaintId } = await submission.run({ title: 'Puskesmas tutup', description: 'Tutup saat jam layanan.', channel: 'web' }, reporter, call());
    await lifecycle.run(
      { type: 'VerifyComplaint', data: { complaintId, classification: 'pengaduan', category: 'kesehatan', slaClass: 'ordinary', anonymous: false, confidential: false } },
      admin,
      call(),
    );
    await lifecycle.run({ type: 'DisposeComplaint', data: { complaintId, agencyId: AGENCY, note: 'Mohon ditindaklanjuti' } }, admin, call());
    await lifecycle.run({ type: 'AcceptDisposition', data: { complaintId } }, officer, call());
    return complaintId;
  }

  async function responded(): Promise<string> {
    const complaintId = await accepted();
    await lifecycle.run({ type: 'RespondToComplaint', data: { complaintId, followUp: 'Sudah dibuka kembali.' } }, officer, call());
    return complaintId;
  }

  it('refuses a role that may never issue the command before reading anything or checking references', async () => {
    const refused = lifecycle.run({ type: 'DisposeComplaint', data: { complaintId: 'unknown', agencyId: 'no-such-agency', note: 'x' } }, auditor, call());
    await expect(refused).rejects.toMatchObject({ refusal: { code: 'ROLE_NOT_ALLOWED' } });
    expect(reads).toBe(0);
  });

  it('then checks references (422), then scope (404), then the lifecycle (409)', async () => {
    const complaintId = await responded();
    await expect(lifecycle.run({ type: 'DisposeComplaint', data: { complaintId, agencyId: 'no-such-agency', note: 'x' } }, admin, call())).rejects.toBeInstanceOf(
      UnknownReferenceError,
    );
    const otherReporter: Actor = { ...reporter, id: 'reporter-2' };
    await expect(lifecycle.run({ type: 'DisputeFollowUp', data: { complaintId, reason: 'Belum selesai' } }, otherReporter, call())).rejects.toMatchObject({
      refusal: { code: 'COMPLAINT_NOT_FOUND' },
    });
    await expect(lifecycle.run({ type: 'AcceptDisposition', data: { complaintId } }, officer, call())).rejects.toMatchObject({
      refusal: { code: 'INVALID_TRANSITION' },
    });
  });

  it('adds the dispute window from the pinned policy, reading and folding the stream once', async () => {
    const complaintId = await responded();
    reads = 0;
    await lifecycle.run({ type: 'DisputeFollowUp', data: { complaintId, reason: 'Belum selesai' } }, reporter, call());
    expect(reads).toBe(1);
    const windowEndsAt = (await lastEvent(complaintId)).data.windowEndsAt as string;
    expect(Date.parse(windowEndsAt)).toBeGreaterThan(now.getTime());
  });

  it('derives the clarification id from the command, so a retry under the same key opens the same one', async () => {
    const complaintId = await accepted();
    const ask = () => lifecycle.run({ type: 'RequestClarification', data: { complaintId, party: 'reporter', question: 'Jam berapa?' } }, officer, call('ask-1'));
    const first = await ask();
    const again = await ask();
    expect(first.clarificationId).toBe(nameBasedId('clarification', nameBasedId('command', officer.id, 'ask-1', 'RequestClarification', complaintId)));
    expect(again).toEqual({ ...first, replayed: true });
    expect(first.replayed).toBe(false);
  });

  it('refuses the same Idempotency-Key with another request', async () => {
    const complaintId = await accepted();
    await lifecycle.run({ type: 'RequestClarification', data: { complaintId, party: 'reporter', question: 'Jam berapa?' } }, officer, call('ask-2'));
    const other = lifecycle.run({ type: 'RequestClarification', data: { complaintId, party: 'reporter', question: 'Di mana?' } }, officer, call('ask-2'));
    await expect(other).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
  });

  it('tells the domain whether the original of a duplicate is known to the actor', async () => {
    const original = await accepted();
    const complaintId = await accepted();
    await expect(
      lifecycle.run({ type: 'MarkDuplicate', data: { complaintId, originalComplaintId: 'no-such-complaint', note: null } }, officer, call()),
    ).rejects.toMatchObject({ refusal: { code: 'ORIGINAL_NOT_FOUND' } });
    await lifecycle.run({ type: 'MarkDuplicate', data: { complaintId, originalComplaintId: original, note: null } }, officer, call());
    expect(commands.decided.at(-1)?.data).toMatchObject({ originalComplaintId: original, originalKnown: true });
  });

  it('adds the bounce threshold of the complaint’s pinned policy to an escalation', async () => {
    const complaintId = await accepted();
    const system: Actor = { id: 'deadline-process', role: 'system', agencyId: null };
    const escalation = lifecycle.run({ type: 'EscalateToParent', data: { complaintId, toAgencyId: 'national', reason: 'deadline' } }, system, {
      correlationId: 'test',
      commandId: 'escalate-1',
    });
    await expect(escalation).rejects.toMatchObject({ refusal: { code: 'ESCALATION_NOT_DUE' } });
    const pinned = (await eventStore.readStream(`complaint-${complaintId}`))[0].data.slaPolicyVersion as string;
    expect(commands.decided.at(-1)?.data).toMatchObject({ bounceThreshold: policies.byVersion(pinned).limits.bounceEscalationThreshold });
  });
});
