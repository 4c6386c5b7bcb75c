import { Controller, Get, NotFoundException, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import {
  EXCEPTIONS_DEFAULT_LIMIT,
  EXCEPTIONS_MAX_LIMIT,
  MONEV_EXCEPTION_KINDS,
  type MonevExceptionKind,
  type MonevExceptionPage,
  type MonevExceptionsOverview,
  type MonevOverdueActionPage,
  OVERDUE_ACTION_ITEMS,
  decodeExceptionCursor,
} from '@lacak/application/queries';
import type { Actor } from '@lacak/domain';
import { Allows } from '../auth/allows.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiQueryProblems } from '../openapi/problem-responses';
import { RequestValidationError } from '../problem-details/request-validation.error';
import { MonevExceptionPageAnswer, MonevExceptionsAnswer, MonevOverdueActionPageAnswer } from './exceptions.responses';
import { GetMonevExceptionPageQuery, GetMonevExceptionsQuery, GetMonevOverdueActionPageQuery } from './monev.queries';

export class ExceptionParams {
  @ApiProperty({ description: 'Organisation node id: the exceptions of complaints held by it or any node below it', example: 'id-32' })
  @IsString() @Length(1, 100)
  node!: string;

  @ApiPropertyOptional({ enum: MONEV_EXCEPTION_KINDS, description: 'One kind, paged; without it, every kind’s count and oldest items' })
  @IsOptional() @IsIn(MONEV_EXCEPTION_KINDS)
  kind?: MonevExceptionKind;

  @ApiPropertyOptional({ minimum: 1, maximum: EXCEPTIONS_MAX_LIMIT, default: EXCEPTIONS_DEFAULT_LIMIT, description: 'Items per kind' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(EXCEPTIONS_MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page of the same complaint kind (needs `kind`; `overdue-action-items` has no cursor)' })
  @IsOptional() @IsString() @Length(1, 600)
  cursor?: string;
}

/** Monev: the complaints and action-plan items a coordinator acts on, per subtree, with their ageing. */
@ApiTags('monev')
@ApiBearerAuth()
@ApiExtraModels(MonevExceptionsAnswer, MonevExceptionPageAnswer, MonevOverdueActionPageAnswer)
@Controller('monev')
export class ExceptionsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('exceptions')
  @Allows('list-monev-exceptions')
  @ApiOperation({
    summary: 'Complaints and action-plan items needing a coordinator’s action in a node’s subtree, per kind, oldest first, with their age in days',
    description: [
      'Without `kind`: every kind’s count and its oldest `limit` items.',
      'With a complaint kind: that kind’s items, `limit` at a time, continued with `cursor`.',
      '`overdue-action-items` are the overdue action-plan items of the subtree as `GET /monev/action-plans/overdue` lists them (most overdue first, with `daysOverdue`), read under that query’s access rule:',
      'a role that may not list overdue actions (a unit officer) gets the overview without them, and `kind=overdue-action-items` answers it 403.',
      'They have no cursor: `kind=overdue-action-items` gives the first `limit` and the full `count`.',
    ].join(' '),
  })
  @ApiOkResponse({
    description:
      'Every kind (`MonevExceptionsAnswer`) without `kind`; one complaint kind’s page (`MonevExceptionPageAnswer`) or the overdue action-plan items (`MonevOverdueActionPageAnswer`) with it',
    schema: {
      oneOf: [
        { $ref: getSchemaPath(MonevExceptionsAnswer) },
        { $ref: getSchemaPath(MonevExceptionPageAnswer) },
        { $ref: getSchemaPath(MonevOverdueActionPageAnswer) },
      ],
    },
  })
  @ApiQueryProblems('VALIDATION_FAILED', 'ROLE_NOT_ALLOWED', 'NOT_FOUND')
  async list(
    @QueryParams() params: ExceptionParams,
    @CurrentActor() actor: Actor,
  ): Promise<MonevExceptionsOverview | MonevExceptionPage | MonevOverdueActionPage> {
    const limit = params.limit ?? EXCEPTIONS_DEFAULT_LIMIT;
    // A cursor continues one complaint kind: without `kind` it would be unclear which, and action items have none.
    if ((!params.kind || params.kind === OVERDUE_ACTION_ITEMS) && params.cursor !== undefined) {
      const message = params.kind ? 'overdue-action-items have no cursor: ask for a larger limit' : 'cursor needs kind: it continues one kind’s list';
      throw new RequestValidationError([{ field: 'cursor', messages: [message] }]);
    }
    const answer = !params.kind
      ? await this.queryBus.execute(new GetMonevExceptionsQuery(params.node, limit, actor))
      : params.kind === OVERDUE_ACTION_ITEMS
        ? await this.queryBus.execute(new GetMonevOverdueActionPageQuery(params.node, limit, actor))
        : await this.queryBus.execute(new GetMonevExceptionPageQuery(params.node, params.kind, limit, this.cursorOf(params), actor));
    if (!answer) throw new NotFoundException(`No agency ${params.node}`);
    return answer;
  }

  private cursorOf({ cursor }: ExceptionParams) {
    if (cursor === undefined) return undefined;
    const after = decodeExceptionCursor(cursor);
    if (!after) throw new RequestValidationError([{ field: 'cursor', messages: ['cursor must be the nextCursor of a previous page'] }]);
    return after;
  }
}
