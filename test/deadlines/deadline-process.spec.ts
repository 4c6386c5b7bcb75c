import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CommandResult, ComplaintCommandService, ComplaintLifecycle, type OperationalMetrics, complaintStreamId } from '@lacak/application';
import { loadConfig } from '@lacak/config';
import type { DeadlineContext } from '@lacak/deadlines';
import type { Actor, ComplaintCommand } from '@lacak/domain';
import { SqliteEventStore } from '@lacak/event-store';
import { loadOrganisation } from '@lacak/organisation';
import { DeadlineProcess, createDeadlineContext } from '@lacak/processes';
import { COMPLAINTS_COLLECTION, type ComplaintDocument, Projector, createProjections } from '@lacak/projections';
import { SqliteReadStore } from '@lacak/read-store';

/** Walks complaints past every deadline by moving an injected clock, never by waiting. */
describe('The deadline process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lacak-deadlines-'));
  const config = loadConfig({ DATA_DIR: dir });
  const tree = loadOrganisation();
  const context = createDeadlineContext(config, tree);
  const eventStore = SqliteEventStore.open({ file: join(dir, 'events.db') });
  const readStore = SqliteReadStore.open({ file: join(dir, 'read-models.db') });
  const commands = new ComplaintCommandService(eventStore, tree);
  const projector = new Projector(createProjections(tree, context), eventStore, readStore);
  let now = new Date('2026-03-02T02:00:00.000Z'); // Monday 09:00 WIB
  const clock = () => now;
  /** What every process of this suite told its metrics. */
  const recorded = { actions: [] as string[], commands: [] as (CommandResult & { command: string })[] };
  const metrics: OperationalMetrics = {
    commandFinished: (command, result) => recorded.commands.push({ command, ...result }),
    deadlineActionRaised: (action) => recorded.actions.push(action),
    logVerified: () => undefined,
  };
  const process = (service: ComplaintCommandService = commands, ctx: DeadlineContext = context) =>
    new DeadlineProcess(readStore, new ComplaintLifecycle({ commands: service, tree, deadlines: ctx, clock: { now: clock }, metrics }), ctx, {
      intervalMs: 3_600_000,
      now: clock,
      metrics,
    });

  /** A running clock counted on the shipped 2026 decree; a calendar-day limit rests on no calendar. */
  const dueIn2026 = (due: string) => ({ due, calendarVerified: true, calendars: [{ year: 2026, source: 'holiday-file', version: null }] });
  const dueInCalendarDays = (due: string) => ({ due, calendarVerified: true, calendars: [] });

  const reporter: Actor = { id: 'reporter-1', role: 'reporter', agencyId: null };
  const admin: Actor = { id: 'admin-1', role: 'national_admin', agencyId: 'national' };
  const officer: Actor = { id: 'officer-1', role: 'agency_admin', agencyId: 'id-32.01-dinkes' };

  let sequence = 0;
  async function run(actor: Actor, type: ComplaintCommand['type'], data: Record<string, unknown>) {
    const command = { type, actor, at: now.toISOString(), data } as unknown as ComplaintCommand;
    await commands.execute(command, { commandId: `cmd-${++sequence}`, correlationId: 'test' });
    await caughtUp();
  }
  async function caughtUp() {
    const last = (await eventStore.readAll()).at(-1)?.position;
    if (last !== undefined) await projector.waitFor(last);
  }
  async function submit(id: string) {
    await run(reporter, 'SubmitComplaint', {
      complaintId: id,
      trackingId: `LPR-${id}`,
      title: 'Puskesmas tutup',
      description: 'Tutup saat jam layanan.',
      channel: 'web',
      slaPolicyVersion: context.policies.inForce(now.toISOString()).version,
    });
  }
  const types = async (id: string) => (await eventStore.readStream(complaintStreamId(id))).map((e) => e.type);
  const count = async (id: string, type: string) => (await types(id)).filter((t) => t === type).length;
  const doc = (id: string) => readStore.collection<ComplaintDocument>(COMPLAINTS_COLLECTION).findOne({ _id: id });
  const at = (iso: string) => (now = new Date(iso));
  /** Two passes in a row: the second must raise nothing new. */
  async function tickTwice(p = process()) {
    const first = await p.tick();
    await caughtUp();
    const second = await p.tick();
    await caughtUp();
    return [first, second];
  }

  beforeAll(() => projector.start());
  afterAll(async () => {
    await projector.stop();
    await eventStore.close();
    await readStore.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('raises each missed deadline, escalation and the automatic close exactly once', async () => {
    await submit('c1');
    const verificationDue = (await doc('c1'))?.deadlines?.verification;
    // 3 working days after Monday 2 March: Thursday 5 March, end of day WIB.
    expect(verificationDue).toEqual(dueIn2026('2026-03-05T16:59:59.999Z'));

    at('2026-03-05T16:00:00.000Z');
    expect(await tickTwice()).toEqual([0, 0]);
    at('2026-03-05T17:00:00.000Z');
    expect(await tickTwice()).toEqual([1, 0]);
    expect(await count('c1', 'DeadlineMissed')).toBe(1);

    await run(admin, 'VerifyComplaint', { complaintId: 'c1', classification: 'pengaduan', category: 'kesehatan', slaClass: 'ordinary', anonymous: false, confidential: false });
    await run(admin, 'DisposeComplaint', { complaintId: 'c1', agencyId: 'id-32.01-dinkes', note: 'Mohon ditindaklanjuti' });
    await run(officer, 'AcceptDisposition', { complaintId: 'c1' });
    const followUpDue = (await doc('c1'))?.deadlines?.followUp;
    // 5 working days after Friday 6 March: Friday 13 March.
    expect(followUpDue).toEqual(dueIn2026('2026-03-13T16:59:59.999Z'));

    // The process dies after raising the missed follow-up, before escalating; a new one carries on.
    at('2026-03-14T02:00:00.000Z');
    let executed = 0;
    const dying = Object.create(commands) as ComplaintCommandService;
    dying.execute = async (command, options, complete) => {
      if (executed++ === 1) throw new Error('killed');
      return commands.execute(command, options, complete);
    };
    await process(dying).tick();
    await caughtUp();
    expect(await count('c1', 'DeadlineMissed')).toBe(2);
    expect(await count('c1', 'EscalatedToParent')).toBe(0);
    await tickTwice(process());
    expect(await count('c1', 'DeadlineMissed')).toBe(2);
    expect(await count('c1', 'EscalatedToParent')).toBe(1);
    expect((await eventStore.readStream(complaintStreamId('c1'))).at(-1)?.data).toMatchObject({ toAgencyId: 'id-32.01', reason: 'deadline' });

    // Resolution: 14 working days from the disposition (Friday 6 March), across Nyepi and the
    // Idul Fitri 2026 holidays and cuti bersama (18-24 March).
    const resolutionDue = (await doc('c1'))?.deadlines?.resolution;
    expect(resolutionDue).toEqual(dueIn2026('2026-04-02T16:59:59.999Z'));
    at('2026-04-03T01:00:00.000Z');
    await tickTwice();
    expect(await count('c1', 'DeadlineMissed')).toBe(3);

    await run(officer, 'RespondToComplaint', { complaintId: 'c1', followUp: 'Jam layanan ditambah.' });
    const autoClose = (await doc('c1'))?.deadlines?.autoClose;
    expect(autoClose).toEqual(dueIn2026('2026-04-17T16:59:59.999Z'));
    // Two working days before (16 and 17 April left), the reporter is told, once.
    at('2026-04-15T16:00:00.000Z');
    expect(await tickTwice()).toEqual([0, 0]);
    at('2026-04-15T17:00:00.000Z');
    expect(await tickTwice()).toEqual([1, 0]);
    expect((await eventStore.readStream(complaintStreamId('c1'))).at(-1)).toMatchObject({ type: 'AutoCloseAnnounced', data: { dueAt: '2026-04-17T16:59:59.999Z' } });
    at('2026-04-18T01:00:00.000Z');
    // A rebuild in between changes nothing: the flags come back from the events.
    await projector.rebuild('complaints');
    await caughtUp();
    await tickTwice();
    expect((await doc('c1'))?.status).toBe('CLOSED');
    expect(await count('c1', 'ComplaintClosed')).toBe(1);
    expect(await count('c1', 'DeadlineMissed')).toBe(3);
    expect(await count('c1', 'EscalatedToParent')).toBe(1);
    expect((await doc('c1'))?.nextDueAt ?? null).toBeNull();
    // Each action raised once, as stored; the escalation the dying process lost is an error, not an action.
    expect(recorded.actions).toEqual(['missed', 'missed', 'escalate', 'missed', 'announce-auto-close', 'auto-close']);
    expect(recorded.commands.filter((c) => c.outcome !== 'accepted')).toEqual([{ command: 'EscalateToParent', outcome: 'error' }]);
  });

  it('archives a complaint whose reporter never answers the clarification', async () => {
    at('2026-05-04T02:00:00.000Z');
    await submit('c2');
    await run(admin, 'RequestClarification', { complaintId: 'c2', clarificationId: 'q-1', party: 'reporter', question: 'Puskesmas mana?' });
    // 10 working days from Monday 4 May, skipping Ascension Day (14 May) and its cuti bersama (15 May).
    const due = (await doc('c2'))?.deadlines?.clarification;
    expect(due).toEqual(dueIn2026('2026-05-20T16:59:59.999Z'));
    at('2026-05-21T01:00:00.000Z');
    await tickTwice();
    expect((await doc('c2'))?.status).toBe('ARCHIVED_INVALID');
    expect(await count('c2', 'ClarificationExpired')).toBe(1);
  });

  it('refers a complaint unresolved past the referral limit to the Ombudsman, once', async () => {
    at('2026-06-01T02:00:00.000Z');
    await submit('c3');
    const due = (await doc('c3'))?.deadlines?.ombudsmanReferral;
    expect(due).toEqual(dueInCalendarDays('2026-07-31T16:59:59.999Z'));
    at('2026-08-01T01:00:00.000Z');
    await tickTwice();
    await tickTwice();
    expect(await count('c3', 'ReferredToOmbudsman')).toBe(1);
  });

  it('escalates a complaint bounced between agencies to the level above, once', async () => {
    at('2026-06-08T02:00:00.000Z');
    const router: Actor = { id: 'admin-bogor', role: 'agency_admin', agencyId: 'id-32.01' };
    await run(reporter, 'SubmitComplaint', {
      complaintId: 'c5',
      trackingId: 'LPR-c5',
      title: 'Izin usaha tertahan',
      description: 'Berkas tidak diproses.',
      channel: 'web',
      targetAgencyId: 'id-32.01',
      slaPolicyVersion: context.policies.inForce(now.toISOString()).version,
    });
    await run(router, 'VerifyComplaint', { complaintId: 'c5', classification: 'pengaduan', category: 'perizinan', slaClass: 'ordinary', anonymous: false, confidential: false });
    const threshold = context.policies.inForce(now.toISOString()).limits.bounceEscalationThreshold;
    for (let bounce = 0; bounce < threshold; bounce++) {
      await run(router, 'DisposeComplaint', { complaintId: 'c5', agencyId: 'id-32.01-dinkes', note: 'Mohon ditindaklanjuti' });
      await run(officer, 'RejectComplaint', { complaintId: 'c5', reasonCode: 'not_our_authority', reason: 'Bukan wewenang dinas kesehatan.' });
    }
    // The next pass, a minute later, sees the third return.
    at('2026-06-08T02:01:00.000Z');
    await tickTwice();
    await tickTwice();
    const escalations = (await eventStore.readStream(complaintStreamId('c5'))).filter((e) => e.type === 'EscalatedToParent');
    expect(escalations.map((e) => e.data)).toEqual([expect.objectContaining({ reason: 'bouncing', fromAgencyId: 'id-32.01', toAgencyId: 'id-32' })]);
    expect((await doc('c5'))?.isEscalated).toBe(true);
  });

  it('waits while the read model lags behind the complaint, so a clock met in time is never reported', async () => {
    at('2026-10-05T02:00:00.000Z');
    await submit('c6');
    await projector.stop();
    at('2026-10-06T02:00:00.000Z');
    const decide = (type: string, actor: Actor, data: Record<string, unknown>) =>
      commands.execute({ type, actor, at: now.toISOString(), data: { complaintId: 'c6', ...data } } as unknown as ComplaintCommand, {
        commandId: `lag-${type}`,
        correlationId: 'test',
      });
    await decide('VerifyComplaint', admin, { classification: 'pengaduan', category: 'kesehatan', slaClass: 'ordinary', anonymous: false, confidential: false });
    await decide('DisposeComplaint', admin, { agencyId: 'id-32.01-dinkes', note: 'Mohon ditindaklanjuti' });

    // The read model still shows the verification clock running, and it ran out on Thursday.
    at('2026-10-09T02:00:00.000Z');
    try {
      expect((await doc('c6'))?.deadlines?.verification).toEqual(dueIn2026('2026-10-08T16:59:59.999Z'));
      await process().tick();
      expect(await count('c6', 'DeadlineMissed')).toBe(0);
    } finally {
      projector.start();
    }
    await caughtUp();
    await tickTwice();
    expect(await count('c6', 'DeadlineMissed')).toBe(0);
  });

  it('keeps an open complaint’s due dates when a new policy version is published', async () => {
    at('2026-09-01T02:00:00.000Z');
    await submit('c4');
    const before = (await doc('c4'))?.deadlines;
    const pinned = (await doc('c4'))?.slaPolicyVersion;
    const current = context.policies.byVersion(pinned!);
    const stricter = {
      ...current,
      version: 'stricter-2026-10',
      effectiveFrom: '2026-10-01',
      limits: { ...current.limits, verifyAndDispose: { workingDays: 1 }, ombudsmanReferral: { calendarDays: 30 } },
    };
    const republished: DeadlineContext = { ...context, policies: context.policies.publish(stricter, now.toISOString()) };
    // Re-projecting every event with the new policy book: the open complaint keeps its pinned dates.
    const again = SqliteReadStore.open({ file: join(dir, 'republished-models.db') });
    const replay = new Projector(createProjections(tree, republished), eventStore, again);
    replay.start();
    const last = (await eventStore.readAll()).at(-1)!.position;
    await replay.waitFor(last);
    const replayed = await again.collection<ComplaintDocument>(COMPLAINTS_COLLECTION).findOne({ _id: 'c4' });
    await replay.stop();
    await again.close();
    expect(replayed?.slaPolicyVersion).toBe(pinned);
    expect(replayed?.deadlines).toEqual(before);
    // A complaint submitted once the new version is in force gets its stricter limits.
    expect(republished.policies.inForce('2026-10-05T02:00:00.000Z').version).toBe('stricter-2026-10');
  });

  it('works through a backlog of more due complaints than one page in a single pass, a page at a time', async () => {
    at('2026-11-02T02:00:00.000Z'); // Monday 09:00 WIB
    const backlog = ['b1', 'b2', 'b3', 'b4', 'b5'];
    for (const id of backlog) await submit(id);
    // All five miss their verification at the same instant: pages break inside a tie.
    at('2026-11-06T02:00:00.000Z');
    const paged = new DeadlineProcess(readStore, new ComplaintLifecycle({ commands, tree, deadlines: context, clock: { now: clock } }), context, {
      intervalMs: 3_600_000,
      now: clock,
      batchSize: 2,
    });
    await paged.tick();
    await caughtUp();
    for (const id of backlog) expect({ id, missed: await count(id, 'DeadlineMissed') }).toEqual({ id, missed: 1 });
  });
});
