import { ApiProperty } from '@nestjs/swagger';
import type { EvaluationView, OverdueAction } from '@lacak/application/queries';
import type { RecommendationStatus } from '@lacak/domain';

const RECOMMENDATION_STATUSES: RecommendationStatus[] = ['AWAITING_PLAN', 'PLAN_SUBMITTED', 'PLAN_RETURNED', 'PLAN_ACCEPTED', 'COMPLETED'];
const REVISION = { type: String, pattern: '^\\d+$', example: '3', description: 'The evaluation stream’s revision after the command; also sent as ETag' } as const;

export class EvaluationCommandResponse {
  @ApiProperty({ example: '2026-id-32.01-dinkes', description: 'The evaluation: one per agency and year' }) id!: string;
  @ApiProperty(REVISION) revision!: string;
}

export class IndicatorScoreView {
  @ApiProperty({ example: 'komitmen_pimpinan' }) indicator!: string;
  @ApiProperty({ example: 72.5 }) score!: number;
}

export class RecommendationView {
  @ApiProperty({ example: 'R1' }) recommendationId!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ enum: RECOMMENDATION_STATUSES }) status!: RecommendationStatus;
  @ApiProperty({ description: 'Version of the current (or last returned) plan; 0 before the first' }) planVersion!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Why the evaluator returned the last plan' }) returnReason!: string | null;
}

export class EvaluationActionView {
  @ApiProperty({ example: 'R1-P1-A1' }) actionId!: string;
  @ApiProperty({ example: 'R1' }) recommendationId!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ example: 'Sekretaris Dinas' }) owner!: string;
  @ApiProperty({ example: '2026-06-30', description: 'Local date' }) dueDate!: string;
  @ApiProperty({ example: 40 }) percent!: number;
  @ApiProperty({ type: String, nullable: true, description: 'The latest progress note' }) note!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) completedAt!: string | null;
}

export class EvaluationResponse implements EvaluationView {
  @ApiProperty({ example: '2026-id-32.01-dinkes' }) evaluationId!: string;
  @ApiProperty({ example: 'id-32.01-dinkes' }) agencyId!: string;
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ type: [IndicatorScoreView] }) scores!: IndicatorScoreView[];
  @ApiProperty({ type: String, nullable: true }) summary!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The evaluator’s node; null for the national admin' }) evaluatorAgencyId!: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ ...REVISION, description: 'The evaluation stream’s revision, also the ETag: send it as If-Match' }) revision!: string;
  @ApiProperty({ type: [RecommendationView] }) recommendations!: RecommendationView[];
  @ApiProperty({ type: [EvaluationActionView], description: 'The actions of every current plan' }) actions!: EvaluationActionView[];
}

export class OverdueActionResponse implements OverdueAction {
  @ApiProperty({ example: '2026-id-32.01-dinkes' }) evaluationId!: string;
  @ApiProperty({ example: 'id-32.01-dinkes' }) agencyId!: string;
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ example: 'R1' }) recommendationId!: string;
  @ApiProperty() recommendationText!: string;
  @ApiProperty({ enum: RECOMMENDATION_STATUSES }) recommendationStatus!: RecommendationStatus;
  @ApiProperty({ example: 'R1-P1-A1' }) actionId!: string;
  @ApiProperty() description!: string;
  @ApiProperty() owner!: string;
  @ApiProperty({ example: '2026-06-30' }) dueDate!: string;
  @ApiProperty({ example: 40 }) percent!: number;
  @ApiProperty({ example: 12, description: 'Calendar days past the due date (ageing)' }) daysOverdue!: number;
}
