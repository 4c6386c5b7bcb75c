import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, ValidateIf } from 'class-validator';
import {
  ARCHIVE_REASON_CODES,
  CLARIFICATION_PARTIES,
  CLASSIFICATIONS,
  CLOSE_REASON_CODES,
  FINDINGS_CONCLUSIONS,
  MEDIATION_OUTCOMES,
  OFFLINE_ANSWER_CHANNELS,
  RATINGS,
  REJECT_REASON_CODES,
  SLA_CLASSES,
  type ArchiveReasonCode,
  type ClarificationParty,
  type Classification,
  type CloseReasonCode,
  type FindingsConclusion,
  type MediationOutcome,
  type OfflineAnswerChannel,
  type Rating,
  type RejectReasonCode,
  type SlaClass,
} from '@lacak/domain';
import { REVISION } from '../queries/complaint-queries.responses';

/** Request bodies of the lifecycle commands: shape only; the rules live in the domain. */

const TEXT = 4000;

export class VerifyComplaintRequest {
  @ApiProperty({ enum: CLASSIFICATIONS }) @IsIn(CLASSIFICATIONS)
  classification!: Classification;

  @ApiProperty({ example: 'kesehatan' }) @IsString() @Length(1, 100)
  category!: string;

  @ApiProperty({ enum: SLA_CLASSES, description: 'information 5 WD, ordinary 14 WD, supervisory 60 WD' })
  @IsIn(SLA_CLASSES)
  slaClass!: SlaClass;

  @ApiProperty({ description: 'Rahasia; once set it cannot be cleared' }) @IsBoolean()
  confidential!: boolean;

  @ApiProperty({ description: 'Anonim; once set it cannot be cleared' }) @IsBoolean()
  anonymous!: boolean;
}

export class RejectComplaintRequest {
  @ApiProperty({ enum: REJECT_REASON_CODES }) @IsIn(REJECT_REASON_CODES)
  reasonCode!: RejectReasonCode;

  @ApiProperty() @IsString() @Length(1, TEXT)
  reason!: string;
}

export class ArchiveComplaintRequest {
  @ApiProperty({ enum: ARCHIVE_REASON_CODES }) @IsIn(ARCHIVE_REASON_CODES)
  reasonCode!: ArchiveReasonCode;

  @ApiProperty() @IsString() @Length(1, TEXT)
  reason!: string;
}

export class DisposeComplaintRequest {
  @ApiProperty({ description: 'Organisation node id of the receiving agency', example: 'id-32.01-dinkes' })
  @IsString() @Length(1, 100)
  agencyId!: string;

  @ApiProperty() @IsString() @Length(1, TEXT)
  note!: string;
}

export class RequestClarificationRequest {
  @ApiProperty({ enum: CLARIFICATION_PARTIES }) @IsIn(CLARIFICATION_PARTIES)
  party!: ClarificationParty;

  @ApiPropertyOptional({ description: 'The agency asked; required when party is agency, and only then' })
  @ValidateIf((request: RequestClarificationRequest) => request.party === 'agency' || request.partyAgencyId !== undefined)
  @IsString() @Length(1, 100)
  partyAgencyId?: string;

  @ApiProperty() @IsString() @Length(1, TEXT)
  question!: string;
}

export class AnswerClarificationRequest {
  @ApiProperty({ format: 'uuid' }) @IsUUID()
  clarificationId!: string;

  @ApiProperty() @IsString() @Length(1, TEXT)
  answer!: string;
}

export class RecordClarificationAnswerRequest extends AnswerClarificationRequest {
  @ApiProperty({ enum: OFFLINE_ANSWER_CHANNELS, description: 'How the reporter gave the answer' }) @IsIn(OFFLINE_ANSWER_CHANNELS)
  channel!: OfflineAnswerChannel;
}

export class StartMediationRequest {
  @ApiProperty() @IsString() @Length(1, TEXT)
  note!: string;
}

export class RecordMediationOutcomeRequest {
  @ApiProperty({ enum: MEDIATION_OUTCOMES }) @IsIn(MEDIATION_OUTCOMES)
  outcome!: MediationOutcome;

  @ApiProperty() @IsString() @Length(1, TEXT)
  note!: string;
}

export class OpenInvestigationRequest {
  @ApiProperty() @IsString() @Length(1, TEXT)
  reason!: string;
}

export class RecordFindingsRequest {
  @ApiProperty({ enum: FINDINGS_CONCLUSIONS }) @IsIn(FINDINGS_CONCLUSIONS)
  conclusion!: FindingsConclusion;

  @ApiProperty() @IsString() @Length(1, TEXT)
  summary!: string;
}

export class RespondToComplaintRequest {
  @ApiProperty({ description: 'The follow-up (tindak lanjut): what was done, substantively' })
  @IsString() @Length(1, TEXT)
  followUp!: string;
}

export class CloseComplaintRequest {
  @ApiProperty({ enum: CLOSE_REASON_CODES }) @IsIn(CLOSE_REASON_CODES)
  reasonCode!: CloseReasonCode;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, TEXT)
  note?: string;
}

/** Accepting a disposition needs no fields; an empty object documents that. */
export class AcceptDispositionRequest {}

export class CommandResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ ...REVISION, description: 'The complaint revision after the command (64-bit), a string of digits; also sent as ETag' }) revision!: string;
  @ApiPropertyOptional({ description: 'Id of the clarification just requested' }) clarificationId?: string;
}

export class DisputeFollowUpRequest {
  @ApiProperty({ description: 'Why the follow-up does not resolve the complaint' }) @IsString() @Length(1, TEXT)
  reason!: string;

  @ApiPropertyOptional({ description: 'The follow-up was only a promise without substance (jawaban normatif)', default: false })
  @IsOptional()
  @IsBoolean()
  normative?: boolean;
}

export class MarkFollowUpNormativeRequest {
  @ApiProperty({ description: 'Why the latest follow-up is only a promise without substance (jawaban normatif)' })
  @IsString()
  @Length(1, TEXT)
  reason!: string;
}

export class RateComplaintRequest {
  @ApiProperty({ enum: RATINGS, description: 'Kepuasan, 1 (poor) to 5 (excellent)' }) @IsIn(RATINGS)
  rating!: Rating;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, TEXT)
  comment?: string;
}

export class ReopenComplaintRequest {
  @ApiProperty() @IsString() @Length(1, TEXT)
  reason!: string;
}

export class MarkDuplicateRequest {
  @ApiProperty({ format: 'uuid', description: 'The complaint this one repeats' }) @IsUUID()
  originalComplaintId!: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, TEXT)
  note?: string;
}

export class RecordLeadershipReviewRequest {
  @ApiProperty({ description: 'What the agency head concluded' }) @IsString() @Length(1, TEXT)
  summary!: string;

  @ApiPropertyOptional({ description: 'Groups complaints reviewed together' }) @IsOptional() @IsString() @Length(1, 100)
  clusterId?: string;
}

export class LinkPolicyImprovementRequest {
  @ApiProperty() @IsString() @Length(1, 300)
  policyTitle!: string;

  @ApiProperty() @IsString() @Length(1, TEXT)
  description!: string;

  @ApiProperty({ format: 'date', example: '2026-12-01' }) @IsISO8601({ strict: true, strictSeparator: true })
  effectiveDate!: string;
}
