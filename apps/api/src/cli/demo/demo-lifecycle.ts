import type { LifecycleRequest } from '@lacak/application';
import {
  type Actor,
  type ArchiveReasonCode,
  type ComplaintStatus,
  type MediationOutcome,
  OFFLINE_ANSWER_CHANNELS,
  type OrganisationTree,
  RATINGS,
  type VerifyComplaint,
} from '@lacak/domain';
import { agencyName } from './demo-places';
import {
  CLOSE_NOTES,
  DISPOSITION_NOTES,
  DISPUTE_REASONS,
  FINDINGS,
  FOLLOW_UPS_AFTER_DISPUTE,
  INVESTIGATION_REASONS,
  LEADERSHIP_REVIEWS,
  MEDIATION_NOTES,
  MEDIATION_RESULTS,
  NORMATIVE_JUDGEMENTS,
  POLICY_IMPROVEMENTS,
  RATING_COMMENTS,
  REPORTER_ANSWERS,
  REPORTER_QUESTIONS,
  RESPONDENT_ANSWERS,
  RESPONDENT_QUESTIONS,
  UNANSWERED_REASON,
} from './demo-phrases';
import type { Prng } from './prng';

/** What a complaint has become while the seed runs: ids the handlers chose. */
export interface ComplaintRun {
  id: string;
  /** The clarification asked last, for the answer that follows it. */
  clarificationId: string | null;
}

export interface ScriptedStep {
  /** Hours after the submission. */
  hours: number;
  actor: Actor;
  /** The command, from what the complaint has become and the instant it is issued at. */
  input: (run: ComplaintRun, at: Date) => LifecycleRequest;
}

/** Who acts on one complaint, and what its texts lead to. */
export interface Story {
  /** The reporter's account when the reporter submitted it; null when an officer digitised it or it is anonymous. */
  reporter: Actor | null;
  router: Actor;
  assigneeAgencyId: string | null;
  /** Where a careless router sends it first, so it comes back as not_our_authority. */
  misrouteAgencyId: string | null;
  verification: Omit<VerifyComplaint['data'], 'complaintId'>;
  supervisory: boolean;
  followUp: string;
  rejectionReason: string | null;
  invalid: { reasonCode: ArchiveReasonCode; reason: string } | null;
}

interface Handling {
  agencyId: string;
  officer: Actor;
}

export const NATIONAL_ADMIN: Actor = { id: 'national_admin@national', role: 'national_admin', agencyId: 'national' };
const SYSTEM: Actor = { id: 'system', role: 'system', agencyId: null };
const apipInspector = (agencyId: string): Actor => ({ id: `apip_inspector@${agencyId}`, role: 'apip_inspector', agencyId });
const DAY_MS = 24 * 3_600_000;
export const agencyAdmin = (agencyId: string): Actor => ({ id: `agency_admin@${agencyId}`, role: 'agency_admin', agencyId });
export const unitOfficer = (agencyId: string): Actor => ({ id: `unit_officer@${agencyId}`, role: 'unit_officer', agencyId });

function openClarification(run: ComplaintRun): string {
  if (!run.clarificationId) throw new Error(`Seed bug: complaint ${run.id} has no clarification to answer`);
  return run.clarificationId;
}

/**
 * The lifecycle commands that take one complaint to its planned final status, each some hours
 * or days after the one before, issued by the actor the domain rules expect.
 */
export class LifecycleScript {
  readonly steps: ScriptedStep[] = [];
  private hours = 0;
  private readonly handling: Handling | null;

  constructor(
    private readonly random: Prng,
    private readonly tree: OrganisationTree,
    private readonly story: Story,
  ) {
    const agencyId = story.assigneeAgencyId;
    this.handling = agencyId ? { agencyId, officer: random.chance(0.7) ? unitOfficer(agencyId) : agencyAdmin(agencyId) } : null;
  }

  get spanHours(): number {
    return this.hours;
  }

  driveTo(status: ComplaintStatus): void {
    const { router } = this.story;
    switch (status) {
      case 'SUBMITTED':
        return;
      case 'VERIFIED':
        return this.verified();
      case 'REJECTED':
        if (this.random.chance(0.4)) this.verified();
        return this.rejected();
      case 'ARCHIVED_INVALID':
        return this.story.invalid ? this.archived(this.story.invalid) : this.abandoned();
      case 'AWAITING_REPORTER':
        if (this.random.chance(0.5)) {
          if (this.random.chance(0.5)) this.verified();
          return this.askReporter(router);
        }
        this.inProgress();
        return this.askReporter(this.assignee.officer);
      case 'DISPOSED':
        return this.disposed();
      case 'IN_PROGRESS':
        this.inProgress();
        return this.monitored({ review: 0.05, policy: 0 });
      case 'MEDIATION':
        this.inProgress();
        return this.startMediation();
      case 'INVESTIGATION':
        this.inProgress();
        return this.openInvestigation();
      case 'RESPONDED':
        this.responded();
        this.disputedAndAnsweredAgain();
        this.judgedNormative(0.12);
        this.rated(0.25);
        return this.monitored({ review: 0.1, policy: 0.03 });
      case 'CLOSED':
        this.responded();
        this.disputedAndAnsweredAgain();
        this.closed();
        this.judgedNormative(0.08);
        this.rated(0.55);
        return this.monitored({ review: 0.2, policy: 0.1 });
    }
  }

  /** The node above the handling agency that coordinates it: its province, or its ministry's Kemenko. */
  private get coordinator(): string {
    const path = this.tree.pathTo(this.assignee.agencyId);
    return path[1] ?? this.assignee.agencyId;
  }

  /** The agency handling the complaint in the end, and its officer who does the work. */
  private get assignee(): Handling {
    if (!this.handling) throw new Error('Seed bug: a complaint without a handling agency was planned past verification');
    return this.handling;
  }

  private after(minHours: number, maxHours: number, actor: Actor, input: ScriptedStep['input']): void {
    this.hours += this.random.between(minHours, maxHours);
    this.steps.push({ hours: this.hours, actor, input });
  }

  private verified(): void {
    const { router, verification } = this.story;
    if (this.random.chance(0.15)) this.clarifiedByReporter(router);
    this.after(2, 30, router, (run) => ({ type: 'VerifyComplaint', data: { complaintId: run.id, ...verification } }));
  }

  private rejected(): void {
    const reason = this.story.rejectionReason;
    if (!reason) throw new Error('Seed bug: only out-of-scope texts are planned to be rejected');
    this.after(4, 48, this.story.router, (run) => ({
      type: 'RejectComplaint',
      data: { complaintId: run.id, reasonCode: 'out_of_scope', reason },
    }));
  }

  private archived({ reasonCode, reason }: { reasonCode: ArchiveReasonCode; reason: string }, minHours = 2, maxHours = 72): void {
    this.after(minHours, maxHours, this.story.router, (run) => ({ type: 'ArchiveComplaint', data: { complaintId: run.id, reasonCode, reason } }));
  }

  /** The router asks the reporter, who never answers: archived after the ten working days. */
  private abandoned(): void {
    if (this.random.chance(0.5)) this.verified();
    this.askReporter(this.story.router);
    this.archived({ reasonCode: 'unanswered_clarification', reason: UNANSWERED_REASON }, 240, 336);
  }

  private dispose(agencyId: string): void {
    const note = this.random.pick(DISPOSITION_NOTES);
    this.after(1, 48, this.story.router, (run) => ({ type: 'DisposeComplaint', data: { complaintId: run.id, agencyId, note } }));
  }

  private disposed(): void {
    const wrong = this.story.misrouteAgencyId;
    const right = this.assignee.agencyId;
    this.verified();
    if (wrong) {
      this.dispose(wrong);
      const reason = `Bukan kewenangan ${agencyName(this.tree, wrong)}; mohon didisposisikan ke ${agencyName(this.tree, right)}.`;
      this.after(4, 72, unitOfficer(wrong), (run) => ({
        type: 'RejectComplaint',
        data: { complaintId: run.id, reasonCode: 'not_our_authority', reason },
      }));
    }
    this.dispose(right);
  }

  private inProgress(): void {
    this.disposed();
    this.after(2, 72, this.assignee.officer, (run) => ({ type: 'AcceptDisposition', data: { complaintId: run.id } }));
    if (this.story.verification.classification === 'pengaduan' && this.random.chance(0.25)) this.clarifiedByRespondent();
    if (this.random.chance(0.15)) this.clarifiedByReporter(this.assignee.officer);
  }

  private askReporter(asker: Actor): void {
    const question = this.random.pick(REPORTER_QUESTIONS);
    this.after(4, 48, asker, (run) => ({
      type: 'RequestClarification',
      data: { complaintId: run.id, party: 'reporter', question },
    }));
  }

  /** Answered by the reporter's account, or recorded by the officer when it came in offline. */
  private clarifiedByReporter(asker: Actor): void {
    this.askReporter(asker);
    const { reporter } = this.story;
    const answer = this.random.pick(REPORTER_ANSWERS);
    if (reporter && this.random.chance(0.85)) {
      this.after(6, 120, reporter, (run) => ({
        type: 'AnswerClarification',
        data: { complaintId: run.id, clarificationId: openClarification(run), answer },
      }));
      return;
    }
    const channel = this.random.pick(OFFLINE_ANSWER_CHANNELS);
    this.after(6, 120, asker, (run) => ({
      type: 'RecordClarificationAnswerOnBehalf',
      data: { complaintId: run.id, clarificationId: openClarification(run), answer, channel },
    }));
  }

  private clarifiedByRespondent(): void {
    const question = this.random.pick(RESPONDENT_QUESTIONS);
    const answer = this.random.pick(RESPONDENT_ANSWERS);
    this.after(12, 72, this.assignee.officer, (run) => ({
      type: 'RequestClarification',
      data: { complaintId: run.id, party: 'respondent', question },
    }));
    this.after(48, 240, this.assignee.officer, (run) => ({
      type: 'AnswerClarification',
      data: { complaintId: run.id, clarificationId: openClarification(run), answer },
    }));
  }

  private startMediation(): void {
    const note = this.random.pick(MEDIATION_NOTES);
    this.after(24, 120, this.assignee.officer, (run) => ({ type: 'StartMediation', data: { complaintId: run.id, note } }));
  }

  private openInvestigation(): void {
    const reason = this.random.pick(INVESTIGATION_REASONS);
    this.after(24, 96, this.assignee.officer, (run) => ({ type: 'OpenInvestigation', data: { complaintId: run.id, reason } }));
  }

  private responded(): void {
    this.inProgress();
    if (this.story.supervisory && this.random.chance(0.6)) {
      this.openInvestigation();
      const conclusion = this.random.chance(0.6) ? 'irregularity_found' : 'no_irregularity';
      this.after(120, 360, this.assignee.officer, (run) => ({
        type: 'RecordFindings',
        data: { complaintId: run.id, conclusion, summary: FINDINGS[conclusion] },
      }));
    } else if (this.story.verification.classification === 'pengaduan' && this.random.chance(0.25)) {
      this.startMediation();
      const outcome = this.random.weighted<MediationOutcome>({ agreement: 6, no_agreement: 3, withdrawn: 1 });
      this.after(48, 168, this.assignee.officer, (run) => ({
        type: 'RecordMediationOutcome',
        data: { complaintId: run.id, outcome, note: MEDIATION_RESULTS[outcome] },
      }));
    }
    const followUp = this.story.followUp;
    this.after(48, 240, this.assignee.officer, (run) => ({ type: 'RespondToComplaint', data: { complaintId: run.id, followUp } }));
  }

  /**
   * The reporter disputes the follow-up, half the time as only a promise (jawaban normatif), and the
   * agency answers again: the final status stays what was planned.
   */
  private disputedAndAnsweredAgain(): void {
    const { reporter } = this.story;
    if (!reporter || !this.random.chance(0.2)) return;
    const normative = this.random.chance(0.5);
    const reason = this.random.pick(DISPUTE_REASONS[normative ? 'normative' : 'substantive']);
    this.after(12, 96, reporter, (run) => ({ type: 'DisputeFollowUp', data: { complaintId: run.id, reason, normative } }));
    const followUp = this.random.pick(FOLLOW_UPS_AFTER_DISPUTE);
    this.after(48, 240, this.assignee.officer, (run) => ({ type: 'RespondToComplaint', data: { complaintId: run.id, followUp } }));
  }

  /** A verifier judges the latest follow-up normative: mostly the coordinator's APIP inspector, who sees no sealed complaint. */
  private judgedNormative(probability: number): void {
    if (!this.random.chance(probability)) return;
    const { anonymous, confidential } = this.story.verification;
    const sealed = anonymous || confidential;
    const verifier = this.random.weighted({ inspector: sealed ? 0 : 3, coordinator: 2, national: 1 });
    const actor =
      verifier === 'inspector' ? apipInspector(this.coordinator) : verifier === 'coordinator' ? agencyAdmin(this.coordinator) : NATIONAL_ADMIN;
    const reason = this.random.pick(NORMATIVE_JUDGEMENTS);
    this.after(24, 240, actor, (run) => ({ type: 'MarkFollowUpNormative', data: { complaintId: run.id, reason } }));
  }

  /** The reporter's satisfaction (kepuasan); only an account can rate here, so anonymous and digitised complaints go unrated. */
  private rated(probability: number): void {
    const { reporter } = this.story;
    if (!reporter || !this.random.chance(probability)) return;
    const rating = this.random.pick(RATINGS);
    const comment = this.random.pick(RATING_COMMENTS);
    this.after(2, 120, reporter, (run) => ({ type: 'RateComplaint', data: { complaintId: run.id, rating, comment } }));
  }

  /** Leadership reviews (komitmen pimpinan) and policy improvements, by the agency head, its coordinator or the national level. */
  private monitored({ review, policy }: { review: number; policy: number }): void {
    if (this.random.chance(review)) {
      const actor = this.agencyHead();
      const summary = this.random.pick(LEADERSHIP_REVIEWS);
      // Complaints reviewed in the same leadership meeting: one cluster per node and month.
      const clustered = this.random.chance(0.4);
      this.after(24, 336, actor, (run, at) => ({
        type: 'RecordLeadershipReview',
        data: { complaintId: run.id, summary, clusterId: clustered ? `rapim-${actor.agencyId}-${at.toISOString().slice(0, 7)}` : null },
      }));
    }
    if (this.random.chance(policy)) {
      const actor = this.agencyHead();
      const improvement = this.random.pick(POLICY_IMPROVEMENTS);
      const inDays = this.random.int(7, 60);
      this.after(72, 720, actor, (run, at) => ({
        type: 'LinkPolicyImprovement',
        data: { complaintId: run.id, ...improvement, effectiveDate: new Date(at.getTime() + inDays * DAY_MS).toISOString().slice(0, 10) },
      }));
    }
  }

  private agencyHead(): Actor {
    const head = this.random.weighted({ agency: 5, coordinator: 2, national: 1 });
    return head === 'agency' ? agencyAdmin(this.assignee.agencyId) : head === 'coordinator' ? agencyAdmin(this.coordinator) : NATIONAL_ADMIN;
  }

  private closed(): void {
    const { reporter, assigneeAgencyId } = this.story;
    const note = this.random.pick(CLOSE_NOTES);
    if (reporter && this.random.chance(0.65)) {
      return this.after(12, 120, reporter, (run) => ({
        type: 'CloseComplaint',
        data: { complaintId: run.id, reasonCode: 'accepted_by_reporter', note },
      }));
    }
    // The reporter had ten working days to react to the follow-up.
    if (this.random.chance(0.25)) {
      return this.after(240, 300, SYSTEM, (run) => ({ type: 'CloseComplaint', data: { complaintId: run.id, reasonCode: 'no_reply' } }));
    }
    const admin = assigneeAgencyId && this.random.chance(0.6) ? agencyAdmin(assigneeAgencyId) : NATIONAL_ADMIN;
    this.after(24, 168, admin, (run) => ({
      type: 'CloseComplaint',
      data: { complaintId: run.id, reasonCode: 'closed_by_admin', note },
    }));
  }
}
