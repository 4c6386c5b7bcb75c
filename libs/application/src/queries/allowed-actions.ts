import { type Actor, type AgencyScope, type CommandName, type ComplaintState, allowedCommands } from '@lacak/domain';
import type { DeadlineContext } from '@lacak/deadlines';
import type { ComplaintDocument } from '@lacak/projections';
import { reporterWindowEndsAt } from '../reporter-windows';

/**
 * The decider's state of a complaint, read off its detail document instead of folding its stream:
 * the detail answers without reading the event store. Every field the decider reads has its
 * counterpart in the document; the rest keep their initial values.
 */
export function decisionStateOf(document: ComplaintDocument): ComplaintState {
  const open = document.clarifications.filter((c) => c.answeredAt === null && !c.expiredAt);
  const latest = document.followUps.at(-1) ?? null;
  return {
    status: document.status,
    complaintId: document._id,
    trackingId: document.trackingId,
    targetAgencyId: document.targetAgencyId,
    assigneeAgencyId: document.assigneeAgencyId,
    reporterAccountId: document.reporterAccountId,
    reporterRef: null,
    slaPolicyVersion: document.slaPolicyVersion ?? null,
    anonymous: document.anonymous,
    confidential: document.confidential,
    classification: document.classification,
    slaClass: document.slaClass,
    // A question to another party leaves the status alone, so it was asked in the status the complaint is in.
    openClarifications: new Map(open.map((c) => [c.clarificationId, { party: c.party, askedIn: c.resumeStatus ?? document.status }])),
    dispositionChain: document.dispositions.map((d) => d.agencyId),
    bounceCount: document.bounceCount,
    respondedAt: latest?.at ?? null,
    latestFollowUp: latest && {
      agencyId: latest.agencyId,
      at: latest.at,
      normative: (document.normativeMarks ?? []).some((mark) => mark.followUpAt === latest.at),
    },
    closedAt: document.closure?.at ?? null,
    rating: document.rating?.rating ?? null,
    overdue: (document.overdue ?? []).map(({ clock, dueAt }) => ({ clock, dueAt })),
    escalatedTo: (document.escalations ?? []).map((e) => e.toAgencyId),
    autoCloseAnnouncedFor: document.autoCloseAnnouncement?.followUpAt ?? null,
    referredToOmbudsman: Boolean(document.ombudsmanReferral),
    duplicateOf: document.duplicateOf?.originalComplaintId ?? null,
    // Only the sync processes' commands read these, and they are never among the allowed actions.
    externalReferences: {},
    externalObservations: {},
    identifyingAttachments: (document.attachments ?? []).filter((a) => a.identifying && a.erasedAt === null).map((a) => a.attachmentId),
  };
}

/** The lifecycle commands the actor may issue on the complaint now, as the domain decides them. */
export function allowedActionsOn(
  document: ComplaintDocument,
  actor: Actor,
  context: { scope: AgencyScope; deadlines: DeadlineContext },
  now: Date,
): CommandName[] {
  const state = decisionStateOf(document);
  return allowedCommands(actor, state, context.scope, {
    now: now.toISOString(),
    disputeWindowEndsAt: reporterWindowEndsAt(context.deadlines, state, state.respondedAt, 'disputeWindow'),
    reopenWindowEndsAt: reporterWindowEndsAt(context.deadlines, state, state.closedAt, 'reopenWindow'),
  });
}
