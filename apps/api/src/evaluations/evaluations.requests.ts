import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';

/** Request bodies and parameters of the evaluation endpoints: shape only; the rules live in the domain. */

const TEXT = 4000;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class IndicatorScoreRequest {
  @ApiProperty({ example: 'komitmen_pimpinan', description: 'The indicator scored, e.g. komitmen_pimpinan, tindak_lanjut, infrastruktur, kompetensi_sdm' })
  @IsString() @Length(1, 100)
  indicator!: string;

  @ApiProperty({ minimum: 0, maximum: 100, example: 72.5 }) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(100)
  score!: number;
}

export class RecommendationRequest {
  @ApiProperty({ example: 'Pimpinan membahas rekap pengaduan setiap bulan.' }) @IsString() @Length(1, TEXT)
  text!: string;
}

export class RecordEvaluationRequest {
  @ApiProperty({ description: 'The evaluated agency (organisation node id)', example: 'id-32.01-dinkes' }) @IsString() @Length(1, 100)
  agencyId!: string;

  @ApiProperty({ example: 2026, minimum: 1000, maximum: 9999 }) @IsInt() @Min(1000) @Max(9999)
  year!: number;

  @ApiProperty({ type: [IndicatorScoreRequest] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => IndicatorScoreRequest)
  scores!: IndicatorScoreRequest[];

  @ApiProperty({ type: [RecommendationRequest], description: 'Numbered R1, R2, … in this order' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => RecommendationRequest)
  recommendations!: RecommendationRequest[];

  @ApiPropertyOptional({ description: 'The evaluator’s overall remarks' }) @IsOptional() @IsString() @Length(1, TEXT)
  summary?: string;
}

export class PlannedActionRequest {
  @ApiProperty({ example: 'Rapat pimpinan bulanan membahas pengaduan' }) @IsString() @Length(1, TEXT)
  description!: string;

  @ApiProperty({ example: 'Sekretaris Dinas', description: 'Who in the agency owns the action: a name or a position' }) @IsString() @Length(1, 200)
  owner!: string;

  @ApiProperty({ example: '2026-06-30', description: 'Local date YYYY-MM-DD; not before the agency’s today' })
  @IsString() @Matches(LOCAL_DATE, { message: 'dueDate must be a date YYYY-MM-DD' })
  dueDate!: string;
}

export class SubmitActionPlanRequest {
  @ApiProperty({ type: [PlannedActionRequest] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => PlannedActionRequest)
  actions!: PlannedActionRequest[];
}

export class RecordActionProgressRequest {
  @ApiProperty({ minimum: 0, maximum: 100, example: 40, description: 'Whole percent done; never lower than before' }) @IsInt() @Min(0) @Max(100)
  percent!: number;

  @ApiProperty({ example: 'Rapat April terlaksana.' }) @IsString() @Length(1, TEXT)
  note!: string;
}

export class ReturnActionPlanRequest {
  @ApiProperty({ example: 'Tenggat terlalu longgar.' }) @IsString() @Length(1, TEXT)
  reason!: string;
}

/** An empty body: the path says everything. */
export class EmptyRequest {}

export class ListEvaluationsParams {
  @ApiPropertyOptional({ description: 'Organisation node id: evaluations of it and of every agency below it' })
  @IsOptional() @IsString() @Length(1, 100)
  agency?: string;

  @ApiPropertyOptional({ example: 2026 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1000) @Max(9999)
  year?: number;
}

export class OverdueActionsParams {
  @ApiProperty({ description: 'Organisation node id: overdue actions of its subtree', example: 'id-32' }) @IsString() @Length(1, 100)
  node!: string;
}
