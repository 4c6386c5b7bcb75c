import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import type { AuditEventPage } from '@lacak/application/queries';
import type { Actor } from '@lacak/domain';
import { Allows } from '../auth/allows.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiQueryProblems } from '../openapi/problem-responses';
import { INSTANT_MESSAGE, INSTANT_WITH_OFFSET } from './complaint-replay.controller';
import { AuditEventPageAnswer } from './replay.responses';
import { ListAuditEventsQuery } from './replay.queries';

export class AuditEventParams {
  @ApiPropertyOptional({ description: 'The actor’s id (the token’s `sub`); reporters are never found by their account' })
  @IsOptional() @IsString() @Length(1, 200)
  actor?: string;

  @ApiPropertyOptional({ description: 'Organisation node id: events by actors of that node or any node below it', example: 'id-32.01-dinkes' })
  @IsOptional() @IsString() @Length(1, 100)
  agency?: string;

  @ApiPropertyOptional({ description: 'The event type', example: 'ComplaintDisposed' })
  @IsOptional() @Matches(/^[A-Za-z]{1,64}$/, { message: 'type must be an event type, such as ComplaintDisposed' })
  type?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-03-01T00:00:00+07:00', description: 'Events that occurred at or after this instant' })
  @IsOptional() @Matches(INSTANT_WITH_OFFSET, INSTANT_MESSAGE('from')) @IsISO8601({ strict: true }, INSTANT_MESSAGE('from'))
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-04-01T00:00:00+07:00', description: 'Events that occurred at or before this instant' })
  @IsOptional() @Matches(INSTANT_WITH_OFFSET, INSTANT_MESSAGE('to')) @IsISO8601({ strict: true }, INSTANT_MESSAGE('to'))
  to?: string;

  @ApiPropertyOptional({ minimum: 1, default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  pageSize?: number;
}

/** Who did what, across complaints, for those who audit the agencies. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditEventsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('events')
  @Allows('list-audit-events')
  @ApiOperation({ summary: 'Every event by an actor or an agency in a period, within the reader’s reach, oldest first, paged' })
  @ApiOkResponse({ type: AuditEventPageAnswer })
  @ApiQueryProblems('VALIDATION_FAILED', 'ROLE_NOT_ALLOWED')
  list(@QueryParams() params: AuditEventParams, @CurrentActor() actor: Actor): Promise<AuditEventPage> {
    return this.queryBus.execute(
      new ListAuditEventsQuery(
        { actorId: params.actor, agencyId: params.agency, type: params.type, from: params.from, to: params.to },
        { page: params.page ?? 1, pageSize: params.pageSize ?? 50 },
        actor,
      ),
    );
  }
}
