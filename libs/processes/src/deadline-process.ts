import { CommandRefusedError, type ComplaintLifecycle, IntervalRunner, type LifecycleRequest, type OperationalMetrics, nameBasedId } from '@lacak/application';
import type { DeadlineContext } from '@lacak/deadlines';
import { type Actor, type RefusalCode, holderOf } from '@lacak/domain';
import { COMPLAINTS_COLLECTION, type ComplaintDocument, type DueAction, planDeadlines } from '@lacak/projections';
import type { Filter, ReadStore } from '@lacak/read-store';

export const DEADLINE_ACTOR: Actor = { id: 'deadline-process', role: 'system', agencyId: null };

/** Refusals that mean the action is already done or no longer owed: nothing to retry. */
const SETTLED: readonly RefusalCode[] = [
  'ALREADY_RECORDED',
  'INVALID_TRANSITION',
  'CLOSE_REQUIRES_FOLLOW_UP',
  'CLARIFICATION_NOT_OPEN',
  'ESCALATION_TARGET_INVALID',
];

export interface DeadlineProcessOptions {
  intervalMs: number;
  /** The clock; tests move it instead of waiting. */
  now: () => Date;
  /** Most complaints read at once: a pass reads the due complaints page by page, this many a page. */
  batchSize?: number;
  onError?: (error: unknown) => void;
  /** Hears each action raised. */
  metrics?: OperationalMetrics;
}

/**
 * The process manager that keeps deadlines: each tick it finds the complaints whose next clock has
 * run out (the read model's `nextDueAt`, an indexed field) and raises what is owed as `system`,
 * through the same use case as every other caller (`ComplaintLifecycle`, which adds the thresholds).
 * Every action has a name-based command id (complaint, action, due instant), so a re-run after a crash, a restart or a rebuild replays the stored outcome
 * instead of raising anything twice; the domain's own refusals (ALREADY_RECORDED, …) are a second guard.
 */
export class DeadlineProcess {
  private readonly runner: IntervalRunner;

  constructor(
    private readonly readStore: ReadStore,
    /** Its clock must be the process's `now`: the command times are the instants judged due. */
    private readonly lifecycle: ComplaintLifecycle,
    private readonly context: DeadlineContext,
    private readonly options: DeadlineProcessOptions,
  ) {
    this.runner = new IntervalRunner(() => this.pass(), options);
  }

  start(): void {
    this.runner.start();
  }

  stop(): Promise<void> {
    return this.runner.stop();
  }

  /** One pass; returns how many actions were raised. Passes never overlap. */
  tick(): Promise<number> {
    return this.runner.tick();
  }

  /**
   * Every complaint due by now, a page at a time in `nextDueAt` order (the `queue_due` index), each
   * page after the last one read: a backlog after downtime is worked through in one pass, and never
   * loaded at once. What a page raises moves the complaint's `nextDueAt` only once the projection
   * catches up, so the next page starts after the last complaint read, not at an offset.
   */
  private async pass(): Promise<number> {
    const now = this.options.now().toISOString();
    const pageSize = this.options.batchSize ?? 200;
    const complaints = this.readStore.collection<ComplaintDocument>(COMPLAINTS_COLLECTION);
    let after: ComplaintDocument | undefined;
    let raised = 0;
    while (!this.runner.stopping) {
      const page = await complaints.find(after ? dueAfter(after, now) : { nextDueAt: { $lte: now } }, { sort: { nextDueAt: 1, _id: 1 }, limit: pageSize });
      raised += await this.handle(page, now);
      if (page.length < pageSize) break;
      after = page[page.length - 1];
    }
    return raised;
  }

  private async handle(due: ComplaintDocument[], now: string): Promise<number> {
    let raised = 0;
    for (const complaint of due) {
      try {
        // A document behind its stream may miss what already met the clock (a disposition just made,
        // a rebuild under way): judge it on the next pass, once the projection has caught up.
        if ((await this.lifecycle.currentRevision(complaint._id)) !== BigInt(complaint.revision)) continue;
        const plan = planDeadlines(complaint, this.context);
        // Strictly after the due instant, as the domain's own check has it.
        // A notice of a closure already due is moot: the closure itself goes out instead.
        const owed = plan.pending.filter((a) => Date.parse(a.dueAt) < Date.parse(now) && !(a.kind === 'announce-auto-close' && Date.parse(a.closesAt) < Date.parse(now)));
        for (const action of owed) {
          if (await this.raise(complaint, action)) raised++;
        }
      } catch (error) {
        // One complaint that fails must not hold up every other clock.
        this.options.onError?.(error);
      }
    }
    return raised;
  }

  private async raise(complaint: ComplaintDocument, action: DueAction): Promise<boolean> {
    const request = this.requestFor(complaint, action);
    if (!request) return false;
    const detail = 'clock' in action ? action.clock : 'reason' in action ? action.reason : '';
    const commandId = nameBasedId('deadline', complaint._id, action.kind, detail, action.dueAt);
    try {
      const outcome = await this.lifecycle.run(request, DEADLINE_ACTOR, { commandId, correlationId: commandId });
      if (!outcome.replayed) this.options.metrics?.deadlineActionRaised(action.kind);
      return !outcome.replayed;
    } catch (error) {
      if (error instanceof CommandRefusedError && SETTLED.includes(error.refusal.code)) return false;
      throw error;
    }
  }

  private requestFor(complaint: ComplaintDocument, action: DueAction): LifecycleRequest | null {
    const complaintId = complaint._id;
    switch (action.kind) {
      case 'missed':
        return { type: 'RecordDeadlineMissed', data: { complaintId, clock: action.clock, dueAt: action.dueAt, calendars: action.calendars } };
      case 'expire-clarification':
        return { type: 'ExpireClarification', data: { complaintId, clarificationId: action.clarificationId, dueAt: action.dueAt } };
      case 'auto-close':
        return { type: 'CloseComplaint', data: { complaintId, reasonCode: 'no_reply', note: null } };
      case 'announce-auto-close':
        return { type: 'AnnounceAutoClose', data: { complaintId, dueAt: action.closesAt } };
      case 'refer-to-ombudsman':
        return { type: 'ReferToOmbudsman', data: { complaintId, reason: 'Unresolved past the referral limit of its SLA policy' } };
      case 'escalate': {
        // One level up from the node holding the complaint; the national root has nowhere to go.
        const holder = holderOf(complaint);
        const parent = holder ? this.context.tree.get(holder)?.parentId : null;
        if (!parent) return null;
        return { type: 'EscalateToParent', data: { complaintId, toAgencyId: parent, reason: action.reason } };
      }
    }
  }
}

/** Due by `now` and after `last` in (`nextDueAt`, `_id`) order. */
function dueAfter(last: ComplaintDocument, now: string): Filter {
  return { nextDueAt: { $gte: last.nextDueAt, $lte: now }, $or: [{ nextDueAt: { $gt: last.nextDueAt } }, { _id: { $gt: last._id } }] };
}
