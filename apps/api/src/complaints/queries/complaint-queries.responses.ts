import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import {
  ACTOR_ROLES,
  ARCHIVE_REASON_CODES,
  CHANNELS,
  CLARIFICATION_PARTIES,
  CLASSIFICATIONS,
  CLOSE_REASON_CODES,
  COMMAND_ACCESS,
  type CommandName,
  COMPLAINT_STATUSES,
  type ComplaintStatus,
  DEADLINE_CLOCKS,
  ESCALATION_REASONS,
  EXTERNAL_SYSTEMS,
  FINDINGS_CONCLUSIONS,
  type FindingsConclusion,
  MEDIATION_OUTCOMES,
  OFFLINE_ANSWER_CHANNELS,
  type OfflineAnswerChannel,
  NORMATIVE_MARKERS,
  RATINGS,
  REJECT_REASON_CODES,
  SLA_CLASSES,
} from '@lacak/domain';
import { CLOCK_NAMES } from '@lacak/projections';
import type { AuditEntryView, ComplaintPage, ComplaintView } from './complaint-queries';
import type { ReporterComplaintView } from '@lacak/application/queries';

/**
 * The answers of the complaint queries, for the OpenAPI document. Each class implements the view the
 * handlers return, so a field added there and not here fails to compile.
 */

type Item<T> = NonNullable<T> extends readonly (infer E)[] ? E : NonNullable<T>;

const DATE_TIME = { type: String, format: 'date-time', example: '2026-11-20T02:15:00.000Z' } as const;
const NULLABLE_DATE_TIME = { ...DATE_TIME, nullable: true } as const;
const NULLABLE_TEXT = { type: String, nullable: true } as const;
const NULLABLE_AGENCY = { type: String, nullable: true, description: 'Organisation node id; null for the national router', example: 'id-32.01-dinkes' } as const;
/** Revisions are 64-bit: strings of digits, never JSON numbers. */
export const REVISION = { type: String, pattern: '^\\d+$', example: '3', description: 'Stream revision (64-bit), a string of digits; the ETag carries the same digits' } as const;

const clockSchemas = (valueSchema: object) => ({
  type: 'object' as const,
  properties: Object.fromEntries(CLOCK_NAMES.map((clock) => [clock, valueSchema])),
});

export class DispositionRecord implements Item<ComplaintView['dispositions']> {
  @ApiProperty({ example: 'id-32.01-dinkes' }) agencyId!: string;
  @ApiProperty(NULLABLE_AGENCY) previousAgencyId!: string | null;
  @ApiProperty() note!: string;
  @ApiProperty(DATE_TIME) at!: string;
}

export class ClarificationRecord implements Item<ComplaintView['clarifications']> {
  @ApiProperty({ format: 'uuid' }) clarificationId!: string;
  @ApiProperty({ enum: CLARIFICATION_PARTIES }) party!: Item<ComplaintView['clarifications']>['party'];
  @ApiProperty(NULLABLE_TEXT) partyAgencyId!: string | null;
  @ApiProperty() question!: string;
  @ApiProperty(DATE_TIME) requestedAt!: string;
  @ApiProperty({ enum: COMPLAINT_STATUSES, nullable: true, description: 'Where an answered reporter clarification returns to' })
  resumeStatus!: Item<ComplaintView['clarifications']>['resumeStatus'];
  @ApiProperty(NULLABLE_TEXT) answer!: string | null;
  @ApiProperty(NULLABLE_DATE_TIME) answeredAt!: string | null;
  @ApiPropertyOptional({ ...NULLABLE_DATE_TIME, description: 'Set when a reporter clarification went unanswered' }) expiredAt?: string | null;
  @ApiPropertyOptional({
    enum: OFFLINE_ANSWER_CHANNELS,
    nullable: true,
    description: 'Set when an officer recorded the reporter’s answer given offline: how it came',
  })
  recordedOnBehalfVia?: OfflineAnswerChannel | null;
}

export class MediationRecord implements Item<ComplaintView['mediation']> {
  @ApiProperty(DATE_TIME) startedAt!: string;
  @ApiProperty() note!: string;
  @ApiProperty({ enum: MEDIATION_OUTCOMES, nullable: true }) outcome!: Item<ComplaintView['mediation']>['outcome'];
  @ApiProperty(NULLABLE_TEXT) outcomeNote!: string | null;
  @ApiProperty(NULLABLE_DATE_TIME) endedAt!: string | null;
}

export class InvestigationRecord implements Item<ComplaintView['investigation']> {
  @ApiProperty(DATE_TIME) openedAt!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: FINDINGS_CONCLUSIONS, nullable: true }) conclusion!: Item<ComplaintView['investigation']>['conclusion'];
  @ApiProperty({ ...NULLABLE_TEXT, description: 'The findings; null until recorded, and withheld (null) from roles the access matrix keeps from them' })
  summary!: string | null;
  @ApiProperty(NULLABLE_DATE_TIME) closedAt!: string | null;
}

export class FollowUpRecord implements Item<ComplaintView['followUps']> {
  @ApiProperty() agencyId!: string;
  @ApiProperty({ description: 'The follow-up (tindak lanjut)' }) followUp!: string;
  @ApiProperty(DATE_TIME) at!: string;
}

export class RejectionRecord implements Item<ComplaintView['rejection']> {
  @ApiProperty({ enum: REJECT_REASON_CODES }) reasonCode!: Item<ComplaintView['rejection']>['reasonCode'];
  @ApiProperty() reason!: string;
  @ApiProperty(DATE_TIME) at!: string;
}

export class ReturnRecord implements Item<ComplaintView['returns']> {
  @ApiProperty({ description: 'The agency that returned the disposition', example: 'id-32.01-dinkes' }) agencyId!: string;
  @ApiProperty({ enum: REJECT_REASON_CODES }) reasonCode!: Item<ComplaintView['returns']>['reasonCode'];
  @ApiProperty(DATE_TIME) at!: string;
}

export class ArchivalRecord implements Item<ComplaintView['archival']> {
  @ApiProperty({ enum: ARCHIVE_REASON_CODES }) reasonCode!: Item<ComplaintView['archival']>['reasonCode'];
  @ApiProperty() reason!: string;
  @ApiProperty(DATE_TIME) at!: string;
}

export class ClosureRecord implements Item<ComplaintView['closure']> {
  @ApiProperty({ enum: CLOSE_REASON_CODES }) reasonCode!: Item<ComplaintView['closure']>['reasonCode'];
  @ApiProperty(NULLABLE_TEXT) note!: string | null;
  @ApiProperty(DATE_TIME) at!: string;
}

export class ReporterRequestRecord implements Item<ComplaintView['disputes']> {
  @ApiProperty(NULLABLE_AGENCY) agencyId!: string | null;
  @ApiProperty() reason!: string;
  @ApiProperty(DATE_TIME) at!: string;
}

export class NormativeMarkRecord implements Item<ComplaintView['normativeMarks']> {
  @ApiProperty({ ...NULLABLE_AGENCY, description: 'The agency whose follow-up was judged' }) agencyId!: string | null;
  @ApiProperty({ enum: NORMATIVE_MARKERS, description: 'A verifier, or the reporter disputing the follow-up' })
  markedBy!: Item<ComplaintView['normativeMarks']>['markedBy'];
  @ApiProperty() reason!: string;
  @ApiProperty({ ...DATE_TIME, description: 'When the follow-up judged was given' }) followUpAt!: string;
  @ApiProperty(DATE_TIME) at!: string;
}

export class ReporterNormativeDispute implements Item<ReporterComplaintView['normativeDisputes']> {
  @ApiProperty({ ...DATE_TIME, description: 'When the follow-up was given' }) followUpAt!: string;
  @ApiProperty(DATE_TIME) at!: string;
}

export class RatingRecord implements Item<ComplaintView['rating']> {
  @ApiProperty({ enum: RATINGS, description: 'Kepuasan, 1 (poor) to 5 (excellent)' }) rating!: Item<ComplaintView['rating']>['rating'];
  @ApiProperty(NULLABLE_TEXT) comment!: string | null;
  @ApiProperty(DATE_TIME) at!: string;
}

export class OverdueRecord implements Item<ComplaintView['overdue']> {
  @ApiProperty({ enum: DEADLINE_CLOCKS }) clock!: Item<ComplaintView['overdue']>['clock'];
  @ApiProperty(DATE_TIME) dueAt!: string;
  @ApiProperty(DATE_TIME) at!: string;
}

export class EscalationRecord implements Item<ComplaintView['escalations']> {
  @ApiProperty() fromAgencyId!: string;
  @ApiProperty() toAgencyId!: string;
  @ApiProperty({ enum: ESCALATION_REASONS }) reason!: Item<ComplaintView['escalations']>['reason'];
  @ApiProperty(DATE_TIME) at!: string;
}

export class OmbudsmanReferralRecord implements Item<ComplaintView['ombudsmanReferral']> {
  @ApiProperty() reason!: string;
  @ApiProperty(DATE_TIME) at!: string;
}

export class DuplicateRecord implements Item<ComplaintView['duplicateOf']> {
  @ApiProperty({ format: 'uuid' }) originalComplaintId!: string;
  @ApiProperty(NULLABLE_TEXT) note!: string | null;
  @ApiProperty(DATE_TIME) at!: string;
}

export class LeadershipReviewRecord implements Item<ComplaintView['leadershipReviews']> {
  @ApiProperty(NULLABLE_AGENCY) agencyId!: string | null;
  @ApiProperty() summary!: string;
  @ApiProperty(NULLABLE_TEXT) clusterId!: string | null;
  @ApiProperty(DATE_TIME) at!: string;
}

export class PolicyImprovementRecord implements Item<ComplaintView['policyImprovements']> {
  @ApiProperty(NULLABLE_AGENCY) agencyId!: string | null;
  @ApiProperty() policyTitle!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ format: 'date', example: '2026-12-01' }) effectiveDate!: string;
  @ApiProperty(DATE_TIME) at!: string;
}

type ExternalSyncItem = Item<ComplaintView['externalSync']>;

export class ExternalObservationRecord implements NonNullable<ExternalSyncItem['observed']> {
  @ApiProperty({ type: String, nullable: true }) statusCode!: string | null;
  @ApiProperty({ example: 'Dalam Proses' }) statusName!: string;
  @ApiProperty({ enum: COMPLAINT_STATUSES, nullable: true, description: 'What the status means here, under the mapping table `mappingVersion`' })
  mappedStatus!: ComplaintStatus | null;
  @ApiProperty() mappingVersion!: string;
  @ApiProperty() followUpCount!: number;
  @ApiProperty(NULLABLE_DATE_TIME) latestFollowUpAt!: string | null;
  @ApiProperty(DATE_TIME) at!: string;
}

export class ExternalSyncRecord implements ExternalSyncItem {
  @ApiProperty({ enum: EXTERNAL_SYSTEMS }) system!: ExternalSyncItem['system'];
  @ApiProperty({ description: 'The complaint’s id in that system', example: '5010653' }) externalId!: string;
  @ApiProperty({ description: 'The node it was pushed for', example: 'id-32.01-dinkes' }) agencyId!: string;
  @ApiProperty(DATE_TIME) recordedAt!: string;
  @ApiProperty({ type: ExternalObservationRecord, nullable: true, description: 'What was last seen there; an observation, never our status' })
  observed!: ExternalObservationRecord | null;
}

export class ReporterAttachmentRecord implements Item<ReporterComplaintView['attachments']> {
  @ApiProperty({ format: 'uuid', description: 'Read it at `/complaints/{id}/attachments/{attachmentId}`' }) attachmentId!: string;
  @ApiProperty({ description: 'The name it was uploaded with' }) fileName!: string;
  @ApiProperty({ description: 'Detected from the content at upload', example: 'image/jpeg' }) mediaType!: string;
  @ApiProperty({ description: 'Bytes stored (after images were re-encoded)' }) size!: number;
  @ApiProperty({ description: 'The reporter marked it as revealing who they are: shown only where the identity may be read' }) identifying!: boolean;
  @ApiProperty({ enum: ['reporter', 'officer'] }) addedBy!: 'reporter' | 'officer';
  @ApiProperty(DATE_TIME) at!: string;
  @ApiProperty({ ...DATE_TIME, nullable: true, type: String, description: 'When its file was erased with the reporter’s identity; reading it then answers 410' })
  erasedAt!: string | null;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the stored bytes' }) sha256!: string;
}

export class AttachmentRecord extends ReporterAttachmentRecord implements Item<ComplaintView['attachments']> {
  @ApiProperty(NULLABLE_AGENCY) agencyId!: string | null;
}

/** A complaint as officers, inspectors and auditors see it: the detail and each work-queue item. */
export class ComplaintDetail implements ComplaintView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'LPR-7K3Q9X2M4D1A' }) trackingId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: CHANNELS }) channel!: ComplaintView['channel'];
  @ApiProperty(NULLABLE_TEXT) category!: string | null;
  @ApiProperty(NULLABLE_TEXT) location!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) incidentDate!: string | null;
  @ApiProperty({ enum: COMPLAINT_STATUSES }) status!: ComplaintView['status'];
  @ApiProperty({ enum: CLASSIFICATIONS, nullable: true }) classification!: ComplaintView['classification'];
  @ApiProperty({ enum: SLA_CLASSES, nullable: true }) slaClass!: ComplaintView['slaClass'];
  @ApiProperty({ description: 'Rahasia: never public, the reporter sealed from the agency' }) confidential!: boolean;
  @ApiProperty({ description: 'Anonim: nobody sees the reporter' }) anonymous!: boolean;
  @ApiProperty({ description: 'Whether identifying details are on file (GET /complaints/{id}/reporter-identity)' }) hasReporterIdentity!: boolean;
  @ApiProperty(NULLABLE_AGENCY) targetAgencyId!: string | null;
  @ApiProperty(NULLABLE_AGENCY) assigneeAgencyId!: string | null;
  @ApiProperty({ description: 'The node responsible now', example: 'id-32.01-dinkes' }) currentAgencyId!: string;
  @ApiProperty(DATE_TIME) submittedAt!: string;
  @ApiProperty(DATE_TIME) updatedAt!: string;
  @ApiPropertyOptional({ ...NULLABLE_TEXT, description: 'The SLA policy version the complaint is pinned to' }) slaPolicyVersion?: string | null;

  @ApiPropertyOptional({
    ...clockSchemas({
      oneOf: [
        { type: 'object', required: ['due'], properties: { due: { type: 'string', format: 'date-time' } } },
        { type: 'object', required: ['pausedSince', 'remainingDays'], properties: { pausedSince: { type: 'string', format: 'date-time' }, remainingDays: { type: 'number' } } },
      ],
    }),
    description: 'Each running clock: when it falls due, or since when it stands still and the working days it has left',
  })
  deadlines?: ComplaintView['deadlines'];

  @ApiPropertyOptional({ ...NULLABLE_DATE_TIME, description: 'When the deadline process next has something to raise' }) nextDueAt?: string | null;
  @ApiPropertyOptional() isOverdue?: boolean;
  @ApiPropertyOptional() isEscalated?: boolean;
  @ApiProperty(REVISION) revision!: string;
  @ApiProperty({ type: [DispositionRecord] }) dispositions!: DispositionRecord[];
  @ApiProperty({ description: 'Returns as "not our authority"' }) bounceCount!: number;
  @ApiPropertyOptional({ type: [ReturnRecord], description: 'Each return as "not our authority"' }) returns?: ReturnRecord[];
  @ApiProperty({ type: [ClarificationRecord] }) clarifications!: ClarificationRecord[];
  @ApiProperty({ type: MediationRecord, nullable: true }) mediation!: MediationRecord | null;
  @ApiProperty({ type: InvestigationRecord, nullable: true }) investigation!: InvestigationRecord | null;
  @ApiProperty({ type: [FollowUpRecord] }) followUps!: FollowUpRecord[];
  @ApiProperty({ type: RejectionRecord, nullable: true }) rejection!: RejectionRecord | null;
  @ApiProperty({ type: ArchivalRecord, nullable: true }) archival!: ArchivalRecord | null;
  @ApiProperty({ type: ClosureRecord, nullable: true }) closure!: ClosureRecord | null;
  @ApiPropertyOptional({ type: [ReporterRequestRecord] }) disputes?: ReporterRequestRecord[];
  @ApiPropertyOptional({ type: [NormativeMarkRecord], description: 'Follow-ups judged normative (jawaban normatif): a promise without substance' })
  normativeMarks?: NormativeMarkRecord[];
  @ApiPropertyOptional({ type: [ReporterRequestRecord] }) reopenings?: ReporterRequestRecord[];
  @ApiPropertyOptional({ type: RatingRecord, nullable: true }) rating?: RatingRecord | null;
  @ApiPropertyOptional({ type: [OverdueRecord], description: 'The deadlines recorded as missed' }) overdue?: OverdueRecord[];
  @ApiPropertyOptional({ type: [EscalationRecord] }) escalations?: EscalationRecord[];
  @ApiPropertyOptional({ type: OmbudsmanReferralRecord, nullable: true }) ombudsmanReferral?: OmbudsmanReferralRecord | null;
  @ApiPropertyOptional({ type: DuplicateRecord, nullable: true }) duplicateOf?: DuplicateRecord | null;
  @ApiPropertyOptional({ type: [LeadershipReviewRecord] }) leadershipReviews?: LeadershipReviewRecord[];
  @ApiPropertyOptional({ type: [PolicyImprovementRecord] }) policyImprovements?: PolicyImprovementRecord[];
  @ApiPropertyOptional({ type: [ExternalSyncRecord], description: 'Its copies in external systems (SP4N-LAPOR!)' }) externalSync?: ExternalSyncRecord[];
  @ApiPropertyOptional({ type: [AttachmentRecord], description: 'Evidence, oldest first; identifying documents only where the identity may be read' })
  attachments?: AttachmentRecord[];

  @ApiPropertyOptional({
    ...clockSchemas({ type: 'number' }),
    description: 'Working days left on each running clock as of the request, in the agency’s zone; negative once overdue',
  })
  remainingWorkingDays?: ComplaintView['remainingWorkingDays'];
}

export class PublicFollowUp {
  @ApiProperty({ description: 'The follow-up (tindak lanjut)' }) followUp!: string;
  @ApiProperty(DATE_TIME) at!: string;
}

export class ReporterQuestion implements Item<ReporterComplaintView['questions']> {
  @ApiProperty({ format: 'uuid' }) clarificationId!: string;
  @ApiProperty() question!: string;
  @ApiProperty(DATE_TIME) requestedAt!: string;
  @ApiProperty(NULLABLE_TEXT) answer!: string | null;
  @ApiProperty(NULLABLE_DATE_TIME) answeredAt!: string | null;
  @ApiProperty({
    enum: OFFLINE_ANSWER_CHANNELS,
    nullable: true,
    description: 'How the answer reached the officer who recorded it on the reporter’s behalf; null when the reporter answered',
  })
  recordedOnBehalfVia!: OfflineAnswerChannel | null;
}

export class ReporterFindings implements NonNullable<ReporterComplaintView['findings']> {
  @ApiProperty({ enum: FINDINGS_CONCLUSIONS }) conclusion!: FindingsConclusion;
  @ApiProperty(DATE_TIME) recordedAt!: string;
}

export class ReporterClosure implements Item<ReporterComplaintView['closure']> {
  @ApiProperty({ enum: CLOSE_REASON_CODES }) reasonCode!: string;
  @ApiProperty(DATE_TIME) at!: string;
}

/** What a reporter sees of their own complaint: no internal notes, no officers' ids. */
export class ReporterComplaintDetail implements ReporterComplaintView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'LPR-7K3Q9X2M4D1A' }) trackingId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: CHANNELS }) channel!: ReporterComplaintView['channel'];
  @ApiProperty(NULLABLE_TEXT) category!: string | null;
  @ApiProperty(NULLABLE_TEXT) location!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) incidentDate!: string | null;
  @ApiProperty({ enum: COMPLAINT_STATUSES }) status!: ReporterComplaintView['status'];
  @ApiProperty({ description: 'The status in the reporter’s words', example: 'Sedang diproses' }) publicStatus!: string;
  @ApiProperty() confidential!: boolean;
  @ApiProperty() anonymous!: boolean;
  @ApiProperty(DATE_TIME) submittedAt!: string;
  @ApiProperty(DATE_TIME) updatedAt!: string;
  @ApiProperty(REVISION) revision!: string;
  @ApiProperty({ type: [PublicFollowUp] }) followUps!: PublicFollowUp[];
  @ApiProperty({ type: [ReporterQuestion], description: 'The questions put to the reporter' }) questions!: ReporterQuestion[];
  @ApiProperty({ type: ReporterFindings, nullable: true, description: 'That investigation findings were recorded, and their conclusion' })
  findings!: ReporterFindings | null;
  @ApiProperty({ type: RatingRecord, nullable: true }) rating!: RatingRecord | null;
  @ApiProperty({ type: ReporterClosure, nullable: true }) closure!: ReporterClosure | null;
  @ApiProperty({ type: [ReporterNormativeDispute], description: 'The follow-ups the reporter disputed as only a promise' })
  normativeDisputes!: ReporterNormativeDispute[];
  @ApiProperty({ type: [ReporterAttachmentRecord], description: 'The evidence, theirs and the officers’' }) attachments!: ReporterAttachmentRecord[];
}

/** The listed complaint is the officers' view, or the reporter's view when a reporter asks. */
export const COMPLAINT_VIEW_SCHEMA = {
  oneOf: [{ $ref: getSchemaPath(ComplaintDetail) }, { $ref: getSchemaPath(ReporterComplaintDetail) }],
};

const ALLOWED_ACTIONS = {
  type: 'array',
  items: { type: 'string', enum: Object.keys(COMMAND_ACCESS).filter((name) => name !== 'submit') },
  description:
    'The lifecycle commands (`POST /complaints/{id}/<name>`) this actor may issue on the complaint now, as the domain decides them: ' +
    'none is refused for who the actor is or for the complaint’s status; a command may still be refused for what its body says.',
  example: ['close', 'dispute', 'rate'],
} as const;

export class ComplaintDetailWithActions extends ComplaintDetail implements ComplaintView {
  @ApiProperty(ALLOWED_ACTIONS) allowedActions!: CommandName[];
}

export class ReporterComplaintDetailWithActions extends ReporterComplaintDetail implements ReporterComplaintView {
  @ApiProperty(ALLOWED_ACTIONS) allowedActions!: CommandName[];
}

/** One complaint: the officers' view, or the reporter's view when a reporter asks, each with what the asker may do next. */
export const COMPLAINT_DETAIL_SCHEMA = {
  oneOf: [{ $ref: getSchemaPath(ComplaintDetailWithActions) }, { $ref: getSchemaPath(ReporterComplaintDetailWithActions) }],
};

@ApiExtraModels(ComplaintDetail, ReporterComplaintDetail)
export class ComplaintListPage implements ComplaintPage {
  @ApiProperty({ type: 'array', items: COMPLAINT_VIEW_SCHEMA, description: 'Reporters get the reporter view of their own complaints' })
  items!: (ComplaintView | ReporterComplaintView)[];

  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 20 }) pageSize!: number;
  @ApiProperty({ description: 'Complaints matching the filter, on every page' }) total!: number;
}

export class AuditActor implements Item<AuditEntryView['actor']> {
  @ApiProperty({ ...NULLABLE_TEXT, description: 'Withheld (null) for reporters, and from reporters' }) id!: string | null;
  @ApiProperty({ enum: ACTOR_ROLES }) role!: string;
  @ApiProperty(NULLABLE_AGENCY) agencyId!: string | null;
}

/** One event of the complaint's history. */
export class HistoryEntry implements AuditEntryView {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ format: 'uuid' }) complaintId!: string;
  @ApiProperty({ ...REVISION, description: 'The revision of the event in its stream (64-bit), a string of digits' }) revision!: string;
  @ApiProperty({ example: 'ComplaintDisposed' }) type!: string;
  @ApiProperty({ type: AuditActor }) actor!: AuditActor;
  @ApiProperty(DATE_TIME) occurredAt!: string;
  @ApiProperty(DATE_TIME) recordedAt!: string;
  @ApiProperty() correlationId!: string;
  @ApiProperty({ example: 'Disposed to Dinas Kesehatan Kabupaten Bogor', description: 'What happened, in one line in English, from the event alone: never identity' })
  summary!: string;
  @ApiProperty({
    ...NULLABLE_TEXT,
    example: 'Didisposisikan ke Dinas Kesehatan Kabupaten Bogor',
    description: 'The same line in Bahasa Indonesia; null for an entry recorded before it was kept, until the read models are rebuilt (show `summary` then)',
  })
  summaryInIndonesian!: string | null;
}
