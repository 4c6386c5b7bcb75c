import { Controller, Get, NotFoundException, Param, Query as QueryParams, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import type { FastifyReply } from 'fastify';
import type { ComplaintDetail as ComplaintDetailView } from '@lacak/application/queries';
import { type Actor, COMPLAINT_STATUSES, type ComplaintStatus } from '@lacak/domain';
import { Allows } from '../../auth/allows.decorator';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { entityTag } from '../../http/preconditions';
import { ApiQueryProblems } from '../../openapi/problem-responses';
import { toCsv } from './complaint-export';
import {
  COMPLAINT_DETAIL_SCHEMA,
  ComplaintDetail,
  ComplaintDetailWithActions,
  ComplaintListPage,
  HistoryEntry,
  ReporterComplaintDetail,
  ReporterComplaintDetailWithActions,
} from './complaint-queries.responses';
import {
  type AuditEntryView,
  type ComplaintPage,
  type ComplaintView,
  ExportComplaintsQuery,
  GetComplaintHistoryQuery,
  GetComplaintQuery,
  ListComplaintsQuery,
} from './complaint-queries';

const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value;

export class ListComplaintsParams {
  @ApiPropertyOptional({ description: 'Organisation node id: complaints held by it or anywhere below it' })
  @IsOptional() @IsString() @Length(1, 100)
  agency?: string;

  @ApiPropertyOptional({ description: 'One status or several, comma-separated', example: 'DISPOSED,IN_PROGRESS' })
  @IsOptional() @Transform(toList) @IsIn(COMPLAINT_STATUSES, { each: true })
  status?: ComplaintStatus[];

  @ApiPropertyOptional({ description: 'Text in the tracking id, title or description' })
  @IsOptional() @IsString() @Length(1, 200)
  q?: string;

  @ApiPropertyOptional({ minimum: 1, default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  pageSize?: number;

  @ApiPropertyOptional({
    enum: ['oldest', 'newest', 'due'],
    default: 'oldest',
    description: 'By age (oldest first suits a work queue), or `due`: the clock that runs out first',
  })
  @IsOptional() @IsIn(['oldest', 'newest', 'due'])
  sort?: 'oldest' | 'newest' | 'due';

  @ApiPropertyOptional({ description: 'Only complaints with a missed deadline' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'Only complaints escalated to a parent node' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  escalated?: boolean;
}

@ApiTags('complaint queries')
@ApiBearerAuth()
@ApiExtraModels(ComplaintDetail, ReporterComplaintDetail, ComplaintDetailWithActions, ReporterComplaintDetailWithActions)
@Controller('complaints')
export class ComplaintQueriesController {
  constructor(private readonly queryBus: QueryBus) {}

  /** The work queue: only complaints within the caller's scope. */
  @Get()
  @Allows('list-complaints')
  @ApiOperation({ summary: 'The work queue: complaints within the caller’s scope, filtered and paged' })
  @ApiOkResponse({ type: ComplaintListPage })
  @ApiQueryProblems('VALIDATION_FAILED')
  list(@QueryParams() params: ListComplaintsParams, @CurrentActor() actor: Actor): Promise<ComplaintPage> {
    return this.queryBus.execute(
      new ListComplaintsQuery(
        { agencyId: params.agency, status: params.status, text: params.q, overdue: params.overdue, escalated: params.escalated },
        { page: params.page ?? 1, pageSize: params.pageSize ?? 20, sort: params.sort ?? 'oldest' },
        actor,
      ),
    );
  }

  /** The same queue as CSV (content and handling only, never identity); reporters have none. */
  @Get('export')
  @Allows('export-complaints')
  @ApiOperation({ summary: 'The work queue as CSV: content and handling, never identity' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'RFC 4180 CSV with a header row, at most 10,000 rows', schema: { type: 'string' } })
  @ApiQueryProblems('VALIDATION_FAILED', 'ROLE_NOT_ALLOWED')
  async export(@QueryParams() params: ListComplaintsParams, @CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const rows = await this.queryBus.execute(new ExportComplaintsQuery({ agencyId: params.agency, status: params.status, text: params.q }, actor));
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="complaints.csv"');
    return toCsv(rows);
  }

  @Get(':id')
  @Allows('get-complaint')
  @ApiOperation({ summary: 'One complaint: the officers’ view, or the reporter’s view of their own' })
  @ApiOkResponse({ schema: COMPLAINT_DETAIL_SCHEMA, headers: { ETag: { description: 'The revision, as `"<digits>"`', schema: { type: 'string' } } } })
  @ApiQueryProblems('NOT_FOUND')
  async get(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ComplaintDetailView> {
    const complaint = await this.queryBus.execute(new GetComplaintQuery(id, actor));
    if (!complaint) throw new NotFoundException(`No complaint ${id}`);
    reply.header('etag', entityTag(BigInt(complaint.revision)));
    return complaint;
  }

  @Get(':id/history')
  @Allows('get-complaint-history')
  @ApiOperation({ summary: 'The audit trail: one entry per event, oldest first' })
  @ApiOkResponse({ type: [HistoryEntry] })
  @ApiQueryProblems('NOT_FOUND')
  async history(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<AuditEntryView[]> {
    const entries = await this.queryBus.execute(new GetComplaintHistoryQuery(id, actor));
    if (!entries) throw new NotFoundException(`No complaint ${id}`);
    return entries;
  }
}
