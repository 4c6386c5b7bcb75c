import { Controller, Get, NotFoundException, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';
import type { ComplaintAsOf, ComplaintChanges, ReplayPoint } from '@lacak/application/queries';
import type { Actor } from '@lacak/domain';
import { Allows } from '../auth/allows.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiQueryProblems } from '../openapi/problem-responses';
import { RequestValidationError } from '../problem-details/request-validation.error';
import { ComplaintAsOfAnswer, ComplaintChangesAnswer } from './replay.responses';
import { GetComplaintChangesQuery, ReplayComplaintQuery } from './replay.queries';

/** A stream revision: a whole number of 0 or more, as digits (64-bit, so never parsed as a JSON number). */
const REVISION_DIGITS = /^\d{1,19}$/;
const REVISION_MESSAGE = (field: string) => ({ message: `${field} must be a revision: a whole number of 0 or more` });
/** An instant is only an instant with its offset: a local time alone names a different moment in each zone. */
export const INSTANT_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
export const INSTANT_MESSAGE = (field: string) => ({ message: `${field} must be an ISO 8601 instant with its offset, e.g. 2026-03-02T09:30:00+07:00` });

export class AsOfParams {
  @ApiPropertyOptional({ type: String, pattern: '^\\d+$', example: '3', description: 'The revision to replay to (give this or `at`)' })
  @IsOptional() @Matches(REVISION_DIGITS, REVISION_MESSAGE('revision'))
  revision?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-03-02T09:30:00+07:00',
    description: 'The instant to replay to, with its offset (give this or `revision`): the state after the last event that occurred at or before it',
  })
  @IsOptional() @Matches(INSTANT_WITH_OFFSET, INSTANT_MESSAGE('at')) @IsISO8601({ strict: true }, INSTANT_MESSAGE('at'))
  at?: string;
}

export class ChangesParams {
  @ApiProperty({ type: String, pattern: '^\\d+$', example: '2', description: 'The revision to compare from' })
  @Matches(REVISION_DIGITS, REVISION_MESSAGE('from'))
  from!: string;

  @ApiProperty({ type: String, pattern: '^\\d+$', example: '5', description: 'The revision to compare to: `from` or later' })
  @Matches(REVISION_DIGITS, REVISION_MESSAGE('to'))
  to!: string;
}

/** Exactly one of revision and at: each names the moment, both or neither leave it unclear. */
function replayPoint({ revision, at }: AsOfParams): ReplayPoint {
  if (revision !== undefined && at !== undefined) {
    const messages = ['Give either revision or at, not both'];
    throw new RequestValidationError([{ field: 'revision', messages }, { field: 'at', messages }]);
  }
  if (revision !== undefined) return { revision: BigInt(revision) };
  if (at !== undefined) return { at };
  const messages = ['Give revision or at: the moment to replay the complaint to'];
  throw new RequestValidationError([{ field: 'revision', messages }, { field: 'at', messages }]);
}

/** Auditors' replay of a complaint's record, read from the event store, never from a read model. */
@ApiTags('complaint queries')
@ApiBearerAuth()
@Controller('complaints')
export class ComplaintReplayController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id/as-of')
  @Allows('replay-complaint')
  @ApiOperation({ summary: 'The complaint as it stood at a revision or an instant, folded from the event store, with the events that led there' })
  @ApiOkResponse({ type: ComplaintAsOfAnswer })
  @ApiQueryProblems('VALIDATION_FAILED', 'ROLE_NOT_ALLOWED', 'NOT_FOUND', 'REVISION_NOT_FOUND', 'NOT_YET_SUBMITTED')
  async asOf(@Param('id') id: string, @QueryParams() params: AsOfParams, @CurrentActor() actor: Actor): Promise<ComplaintAsOf> {
    const replay = await this.queryBus.execute(new ReplayComplaintQuery(id, replayPoint(params), actor));
    if (!replay) throw new NotFoundException(`No complaint ${id}`);
    return replay;
  }

  @Get(':id/changes')
  @Allows('get-complaint-changes')
  @ApiOperation({ summary: 'What changed between two revisions, field by field, with who and when for each event in between' })
  @ApiOkResponse({ type: ComplaintChangesAnswer })
  @ApiQueryProblems('VALIDATION_FAILED', 'ROLE_NOT_ALLOWED', 'NOT_FOUND', 'REVISION_NOT_FOUND')
  async changes(@Param('id') id: string, @QueryParams() params: ChangesParams, @CurrentActor() actor: Actor): Promise<ComplaintChanges> {
    const [from, to] = [BigInt(params.from), BigInt(params.to)];
    if (from > to) throw new RequestValidationError([{ field: 'to', messages: ['to must be from or a later revision'] }]);
    const changes = await this.queryBus.execute(new GetComplaintChangesQuery(id, from, to, actor));
    if (!changes) throw new NotFoundException(`No complaint ${id}`);
    return changes;
  }
}
