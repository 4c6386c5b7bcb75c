import { type ClockSpan, type Deadline, type DeadlineContext, type DueDates, addSpan, calendarYearsOf, clockSpans, dueDates } from '@lacak/deadlines';
import { type ComplaintStatus, type DeadlineClock, holderOf, isOpenReporterQuestion } from '@lacak/domain';
import type { ComplaintDocument } from '../complaints/complaint-document';
import type { CalendarUse, ClockView, ClockViews } from './clock-view';

/** What the deadline process does when a clock runs out; each is raised once, through the command path. */
export type DueAction =
  | { kind: 'missed'; clock: Exclude<DeadlineClock, 'clarification'>; dueAt: string; calendars: CalendarUse[] }
  | { kind: 'escalate'; reason: 'deadline' | 'bouncing'; dueAt: string }
  | { kind: 'expire-clarification'; clarificationId: string; dueAt: string }
  | { kind: 'auto-close'; dueAt: string }
  /** Tell the reporter, `AUTO_CLOSE_NOTICE_DAYS` before, that the complaint closes on its own at `closesAt`. */
  | { kind: 'announce-auto-close'; dueAt: string; closesAt: string }
  | { kind: 'refer-to-ombudsman'; dueAt: string };

export interface ComplaintDeadlines {
  policyVersion: string;
  zone: string;
  clocks: ClockViews;
  /** True when a running clock's due date rests on a year no decree verifies. */
  dueDatesUnverified: boolean;
  /** The earliest instant at which an action below falls due; null when nothing is pending. */
  nextDueAt: string | null;
  pending: DueAction[];
}

/** How many days (in the auto-close limit's unit) before auto-close the reporter is told it is coming. */
export const AUTO_CLOSE_NOTICE_DAYS = 2;

const HANDLING: readonly ComplaintStatus[] = ['DISPOSED', 'IN_PROGRESS', 'MEDIATION', 'INVESTIGATION', 'AWAITING_REPORTER'];
const OPEN_BEFORE_RESPONSE: readonly ComplaintStatus[] = ['SUBMITTED', 'VERIFIED', ...HANDLING];

const dueOf = (deadline: Deadline | undefined): string | null => (deadline?.status === 'running' ? deadline.due : null);
const atOrAfter = (at: string, since: string | undefined) => since === undefined || Date.parse(at) >= Date.parse(since);

/**
 * The complaint's running clocks and the actions still owed on them, from its read-model document.
 * A clock counts as raised once the complaint's history records it (a DeadlineMissed after the
 * clock started, an escalation, a referral), so rebuilding or re-running never raises it again.
 */
export function planDeadlines(doc: ComplaintDocument, ctx: DeadlineContext): ComplaintDeadlines {
  const policy = ctx.policyFor(doc.slaPolicyVersion, doc.submittedAt);
  const holder = holderOf(doc);
  const zone = ctx.zoneOf(holder);
  const latestDisposition = doc.dispositions.at(-1)?.at;
  const respondedSinceDisposition = doc.followUps.some((f) => atOrAfter(f.at, latestDisposition));
  const reporterClarifications = doc.clarifications.filter((c) => c.party === 'reporter');
  const facts = {
    submittedAt: doc.submittedAt,
    slaClass: doc.slaClass,
    disposedAt: doc.dispositions.map((d) => d.at),
    respondedAt: doc.followUps.at(-1)?.at ?? null,
    closedAt: doc.closure?.at ?? null,
    reporterClarifications: reporterClarifications.map((c) => ({ requestedAt: c.requestedAt, answeredAt: c.answeredAt ?? c.expiredAt ?? null })),
  };
  const due: DueDates = dueDates(policy, facts, ctx.calendar, zone);
  const spans = clockSpans(policy, facts);
  const view = (clock: keyof DueDates, deadline: Deadline): ClockView => {
    const years = calendarYearsOf(spans[clock] as ClockSpan, deadline, ctx.calendar, zone);
    const timing =
      deadline.status === 'running' ? { due: deadline.due } : { pausedSince: deadline.pausedSince, remainingDays: deadline.remainingDays };
    return {
      ...timing,
      calendarVerified: years.every((year) => year.verified),
      calendars: years.map(({ year, source, version }) => ({ year, source, version })),
    };
  };

  const missed = (clock: DeadlineClock, since?: string) => (doc.overdue ?? []).some((o) => o.clock === clock && atOrAfter(o.at, since));
  // One level up from the holder; the domain escalates to each node once, and the root has no parent.
  const parent = holder ? (ctx.tree.get(holder)?.parentId ?? null) : null;
  const escalated = (reason: 'deadline' | 'bouncing', since?: string) =>
    parent === null ||
    (doc.escalations ?? []).some((e) => e.toAgencyId === parent || (e.reason === reason && atOrAfter(e.at, since)));

  const clocks: ComplaintDeadlines['clocks'] = {};
  const pending: DueAction[] = [];
  const verificationRuns = doc.dispositions.length === 0 && OPEN_BEFORE_RESPONSE.includes(doc.status);
  if (verificationRuns) {
    clocks.verification = view('verification', due.verification);
    const at = dueOf(due.verification);
    if (at && !missed('verification')) pending.push({ kind: 'missed', clock: 'verification', dueAt: at, calendars: clocks.verification.calendars });
  }
  const handling = HANDLING.includes(doc.status) && latestDisposition !== undefined && !respondedSinceDisposition;
  if (handling && due.followUp) {
    clocks.followUp = view('followUp', due.followUp);
    const at = dueOf(due.followUp);
    if (at && !missed('followUp', latestDisposition)) pending.push({ kind: 'missed', clock: 'followUp', dueAt: at, calendars: clocks.followUp.calendars });
    // A missed follow-up goes up one level, once per disposition.
    if (at && !escalated('deadline', latestDisposition)) pending.push({ kind: 'escalate', reason: 'deadline', dueAt: at });
  }
  if (handling && due.resolution) {
    clocks.resolution = view('resolution', due.resolution);
    const at = dueOf(due.resolution);
    if (at && !missed('resolution', doc.dispositions[0]?.at)) {
      pending.push({ kind: 'missed', clock: 'resolution', dueAt: at, calendars: clocks.resolution.calendars });
    }
  }
  const open = reporterClarifications.find(isOpenReporterQuestion);
  if (doc.status === 'AWAITING_REPORTER' && open && due.clarification) {
    clocks.clarification = view('clarification', due.clarification);
    const at = dueOf(due.clarification);
    if (at) pending.push({ kind: 'expire-clarification', clarificationId: open.clarificationId, dueAt: at });
  }
  if (doc.status === 'RESPONDED' && due.autoClose) {
    clocks.autoClose = view('autoClose', due.autoClose);
    const at = dueOf(due.autoClose);
    if (at) pending.push({ kind: 'auto-close', dueAt: at });
    // The notice falls due at the end of the day that leaves two days to reply; a limit that short gets none.
    const span = spans.autoClose;
    const announced = doc.autoCloseAnnouncement?.followUpAt === facts.respondedAt;
    const days = span && ('workingDays' in span.span ? span.span.workingDays : span.span.calendarDays);
    if (at && span && days !== undefined && days > AUTO_CLOSE_NOTICE_DAYS && !announced) {
      const notice = 'workingDays' in span.span ? { workingDays: days - AUTO_CLOSE_NOTICE_DAYS } : { calendarDays: days - AUTO_CLOSE_NOTICE_DAYS };
      pending.push({ kind: 'announce-auto-close', dueAt: addSpan(ctx.calendar, span.start, notice, zone), closesAt: at });
    }
  }
  if (OPEN_BEFORE_RESPONSE.includes(doc.status) && !doc.ombudsmanReferral) {
    clocks.ombudsmanReferral = view('ombudsmanReferral', due.ombudsmanReferral);
    const at = dueOf(due.ombudsmanReferral);
    if (at) pending.push({ kind: 'refer-to-ombudsman', dueAt: at });
  }
  const bouncing = doc.bounceCount >= policy.limits.bounceEscalationThreshold && !escalated('bouncing');
  if (bouncing && OPEN_BEFORE_RESPONSE.includes(doc.status)) pending.push({ kind: 'escalate', reason: 'bouncing', dueAt: doc.updatedAt });

  const nextDueAt = pending.map((a) => a.dueAt).sort((a, b) => Date.parse(a) - Date.parse(b))[0] ?? null;
  const dueDatesUnverified = Object.values(clocks).some((clock) => !clock.calendarVerified);
  return { policyVersion: policy.version, zone, clocks, dueDatesUnverified, nextDueAt, pending };
}
