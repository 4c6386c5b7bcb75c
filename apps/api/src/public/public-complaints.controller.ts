import { Controller, Get, Inject, Query as QueryParams } from '@nestjs/common';
import { PUBLIC_LISTING } from '@lacak/domain';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { COMPLAINTS_COLLECTION, type ComplaintDocument } from '@lacak/projections';
import { type Filter, READ_STORE, type ReadStore } from '@lacak/read-store';
import { Public } from '../auth/public.decorator';
import { PublicFollowUp } from '../complaints/queries/complaint-queries.responses';
import { ApiProblems } from '../openapi/problem-responses';
import { PUBLIC_STATUS } from '../tracking/public-status';

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

/**
 * What anyone may read without an account: verified complaints that are not rahasia, content
 * and follow-ups only. Rejected, archived and duplicate reports stay out, and no field can carry identity.
 */
export const PUBLIC_FILTER: Filter = {
  confidential: PUBLIC_LISTING.confidential,
  classification: { $ne: null },
  status: { $nin: [...PUBLIC_LISTING.hiddenStatuses] },
};

@ApiTags('public')
@Public()
@Controller('public/complaints')
export class PublicComplaintsController {
  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  @Get()
  @ApiOperation({ summary: 'Verified complaints anyone may read: content and follow-ups, never identity', security: [] })
  @ApiOkResponse({ type: PublicComplaintPage })
  @ApiProblems('VALIDATION_FAILED')
  async list(@QueryParams() params: PublicComplaintsParams): Promise<PublicComplaintPage> {
    const filter: Filter = params.category ? { ...PUBLIC_FILTER, category: params.category } : PUBLIC_FILTER;
    const page = params.page ?? 1;
    const pageSize = params.pageSize ?? 20;
    const complaints = this.readStore.collection<ComplaintDocument>(COMPLAINTS_COLLECTION);
    const [documents, total] = await Promise.all([
      complaints.find(filter, { sort: { submittedAt: -1, _id: -1 }, skip: (page - 1) * pageSize, limit: pageSize }),
      complaints.countDocuments(filter),
    ]);
    return {
      items: documents.map((d) => ({
        trackingId: d.trackingId,
        title: d.title,
        description: d.description,
        category: d.category,
        publicStatus: PUBLIC_STATUS[d.status],
        submittedAt: d.submittedAt,
        followUps: d.followUps.map(({ followUp, at }) => ({ followUp, at })),
      })),
      page,
      total,
    };
  }
}
