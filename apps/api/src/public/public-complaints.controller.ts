import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { Public } from '../auth/public.decorator';
import { PublicFollowUp } from '../complaints/queries/complaint-queries.responses';
import { ApiProblems } from '../openapi/problem-responses';
import { ListPublicComplaintsQuery } from './public-queries';

export class PublicComplaintsParams {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100)
  category?: string;

  @ApiPropertyOptional({ minimum: 1, default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50)
  pageSize?: number;
}

export class PublicComplaint {
  @ApiProperty({ example: 'LPR-7K3Q9X2M4D1A' }) trackingId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: String, nullable: true, example: 'kesehatan' }) category!: string | null;
  @ApiProperty({ description: 'The status in the reporter’s words', example: 'Sedang diproses' }) publicStatus!: string;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiProperty({ type: [PublicFollowUp] }) followUps!: PublicFollowUp[];
}

export class PublicComplaintPage {
  @ApiProperty({ type: [PublicComplaint], description: 'Newest first' }) items!: PublicComplaint[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ description: 'Public complaints matching the filter, on every page' }) total!: number;
}

@ApiTags('public')
@Public()
@Controller('public/complaints')
export class PublicComplaintsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Verified complaints anyone may read: content and follow-ups, never identity', security: [] })
  @ApiOkResponse({ type: PublicComplaintPage })
  @ApiProblems('VALIDATION_FAILED')
  list(@QueryParams() params: PublicComplaintsParams): Promise<PublicComplaintPage> {
    return this.queryBus.execute(new ListPublicComplaintsQuery(params.category, params.page ?? 1, params.pageSize ?? 20));
  }
}
