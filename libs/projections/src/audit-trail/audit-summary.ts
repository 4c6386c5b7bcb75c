import type { CalendarBasis, ComplaintEvent, ExternalSystem, IdentityAccessEvent, OrganisationTree } from '@lacak/domain';

/** Which calendar a missed due date was counted on, so an auditor can tell a verified count from a guess. */
function calendarsUsed(calendars: CalendarBasis[] | undefined): string {
  if (!calendars?.length) return '';
  const basis = ({ year, source, version }: CalendarBasis) =>
    source === 'published' ? `${year} v${version}` : source === 'holiday-file' ? `${year} from the holiday file` : `${year} unverified`;
  return ` (calendar ${calendars.map(basis).join(', ')})`;
}

/** How external systems are named to people, in either language. */
export const SYSTEM_NAMES: Record<ExternalSystem, string> = { 'sp4n-lapor': 'SP4N-LAPOR!' };

/**
 * One readable line per event for auditors. Built only from event data, which never holds
 * reporter identity, so a summary can be shown to anyone who may see the complaint.
 */
export function summarise(event: ComplaintEvent, tree: OrganisationTree): string {
  const agency = (id: string | null) => (id ? (tree.get(id)?.name ?? id) : tree.root.name);
  switch (event.type) {
    case 'ComplaintSubmitted': {
      const d = event.data;
      const target = d.targetAgencyId ? ` to ${agency(d.targetAgencyId)}` : '';
      const flags = [d.confidential && 'rahasia', d.anonymous && 'anonim'].filter(Boolean);
      return `Complaint ${d.trackingId} submitted via ${d.channel}${target}${flags.length ? ` (${flags.join(', ')})` : ''}`;
    }
    case 'ComplaintVerified': {
      const d = event.data;
      const flags = [d.confidential && 'rahasia', d.anonymous && 'anonim'].filter(Boolean);
      return `Verified as ${d.classification} in category ${d.category}, SLA class ${d.slaClass}${flags.length ? ` (${flags.join(', ')})` : ''}`;
    }
    case 'ComplaintRejected':
      return `Rejected (${event.data.reasonCode}): ${event.data.reason}`;
    case 'DispositionReturned':
      return `Returned by ${agency(event.data.agencyId)} (${event.data.reasonCode}): ${event.data.reason}`;
    case 'ComplaintArchived':
      return `Archived as invalid (${event.data.reasonCode}): ${event.data.reason}`;
    case 'ComplaintDisposed':
      return event.data.previousAgencyId
        ? `Re-disposed from ${agency(event.data.previousAgencyId)} to ${agency(event.data.agencyId)}`
        : `Disposed to ${agency(event.data.agencyId)}`;
    case 'DispositionAccepted':
      return `Disposition accepted by ${agency(event.data.agencyId)}`;
    case 'ClarificationRequested': {
      const party = event.data.party === 'agency' ? agency(event.data.partyAgencyId) : `the ${event.data.party}`;
      return `Clarification requested from ${party}`;
    }
    case 'ClarificationAnswered':
      return `Clarification answered by the ${event.data.party}`;
    case 'ClarificationAnswerRecordedOnBehalf':
      return `Clarification answered by the reporter via ${event.data.channel}, recorded on their behalf by ${agency(event.data.agencyId)}`;
    case 'MediationStarted':
      return `Mediation started by ${agency(event.data.agencyId)}`;
    case 'MediationOutcomeRecorded':
      return `Mediation ended: ${event.data.outcome}`;
    case 'InvestigationOpened':
      return `Investigation opened by ${agency(event.data.agencyId)}`;
    case 'FindingsRecorded':
      return `Investigation findings recorded: ${event.data.conclusion}`;
    case 'ComplaintResponded':
      return `Follow-up (tindak lanjut) given by ${agency(event.data.agencyId)}`;
    case 'ComplaintClosed':
      return `Closed (${event.data.reasonCode})`;
    case 'FollowUpDisputed':
      return `Follow-up disputed by the reporter: ${event.data.reason}`;
    case 'FollowUpMarkedNormative': {
      const { markedBy, agencyId, followUpAt, reason } = event.data;
      return `Follow-up of ${agency(agencyId)} given ${followUpAt} marked normative by the ${markedBy}: ${reason}`;
    }
    case 'ComplaintRated':
      return `Rated ${event.data.rating} of 5 by the reporter`;
    case 'ComplaintReopened':
      return `Reopened and returned to ${agency(event.data.agencyId)}: ${event.data.reason}`;
    case 'ClarificationExpired':
      return `Clarification to the reporter expired unanswered (due ${event.data.dueAt})`;
    case 'DeadlineMissed':
      return `Deadline missed: ${event.data.clock} clock, due ${event.data.dueAt}${calendarsUsed(event.data.calendars)}`;
    case 'EscalatedToParent':
      return `Escalated from ${agency(event.data.fromAgencyId)} to ${agency(event.data.toAgencyId)} (${event.data.reason})`;
    case 'ReferredToOmbudsman':
      return `Referred to the Ombudsman: ${event.data.reason}`;
    case 'AutoCloseAnnounced':
      return `The reporter was told the complaint closes on its own at ${event.data.dueAt} without a reply`;
    case 'ComplaintMarkedDuplicate':
      return `Marked as a duplicate of complaint ${event.data.originalComplaintId}`;
    case 'LeadershipReviewRecorded':
      return `Leadership review recorded by ${agency(event.data.agencyId)}${event.data.clusterId ? ` (cluster ${event.data.clusterId})` : ''}`;
    case 'PolicyImprovementLinked':
      return `Policy improvement linked: ${event.data.policyTitle}, effective ${event.data.effectiveDate}`;
    case 'ExternalReferenceRecorded':
      return `Pushed to ${SYSTEM_NAMES[event.data.system]} for ${agency(event.data.agencyId)}, where it is complaint ${event.data.externalId}`;
    case 'ExternalStatusObserved': {
      const d = event.data;
      const mapped = d.mappedStatus ? `, ${d.mappedStatus} here (mapping ${d.mappingVersion})` : '';
      return `${SYSTEM_NAMES[d.system]} shows complaint ${d.externalId} as ${d.statusName}${mapped}, with ${d.followUpCount} follow-up(s)`;
    }
    case 'AttachmentAdded': {
      const { addedBy, mediaType, size, identifying } = event.data;
      return `Attachment added by the ${addedBy}: ${mediaType}, ${size} bytes${identifying ? ', marked identifying' : ''}`;
    }
    case 'IdentifyingAttachmentsErased':
      return `${event.data.attachmentIds.length} identifying attachment(s) erased with the reporter's identity: ${event.data.reason}`;
    default: {
      const unknown: never = event;
      return String(unknown);
    }
  }
}

/** Reads, refused reads and erasures of the reporter's identity, with the reason given; never the identity. */
export function summariseIdentityAccess(event: IdentityAccessEvent): string {
  switch (event.type) {
    case 'ReporterIdentityRead':
      return `Reporter identity read: ${event.data.reason}`;
    case 'ReporterIdentityReadRefused':
      return `Reporter identity read refused (${event.data.refusal}): ${event.data.reason}`;
    case 'ReporterIdentityErased':
      return `Reporter identity erased: ${event.data.reason}`;
    default: {
      const unknown: never = event;
      return String(unknown);
    }
  }
}
