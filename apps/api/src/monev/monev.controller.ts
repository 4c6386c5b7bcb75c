import { Controller, Get, NotFoundException, Param, Post, Query as QueryParams, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '@lacak/domain';
import type { MonevIndicatorsView, MonevPeriodClosing, MonevRankingView, MonevSnapshotView } from '@lacak/application/queries';
import { Allows } from '../auth/allows.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiBodyProblems, ApiQueryProblems } from '../openapi/problem-responses';
import { CloseMonevPeriodCommand, GetMonevIndicatorsQuery, GetMonevRankingQuery, GetMonevSnapshotQuery } from './monev.bus';
import { MonevIndicatorsResponse, MonevPeriodClosingResponse, MonevRankingResponse, MonevSnapshotResponse } from './monev.responses';

const PERIOD = /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/;
const PERIOD_HELP = 'period must be a year (2026), a quarter (2026-Q1) or a month (2026-03)';

export class IndicatorsParams {
  @ApiProperty({ description: 'The node whose figures (its own and its subtree’s) are asked for', example: 'id-32' })
  @IsString() @Length(1, 100)
  node!: string;

  @ApiProperty({ description: 'A year, quarter or month, in the node’s zone', example: '2026-Q1' })
  @IsString() @Matches(PERIOD, { message: PERIOD_HELP })
  period!: string;
}

export class RankingParams {
  @ApiProperty({ description: 'The coordinator whose children are ranked', example: 'id' })
  @IsString() @Length(1, 100)
  parent!: string;

  @ApiProperty({ description: 'A year, quarter or month', example: '2026' })
  @IsString() @Matches(PERIOD, { message: PERIOD_HELP })
  period!: string;
}

@ApiTags('monev')
@ApiBearerAuth()
@Controller('monev')
export class MonevController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly commandBus: CommandBus,
  ) {}

  @Get('indicators')
  @Allows('get-monev-indicators')
  @ApiOperation({
    summary: 'A node’s monev indicators for a period: its own and its subtree’s',
    description: 'A closed period is served from its snapshot; events recorded after the closing show as a restatement beside it.',
  })
  @ApiOkResponse({ type: MonevIndicatorsResponse })
  @ApiQueryProblems('VALIDATION_FAILED', 'ROLE_NOT_ALLOWED', 'NOT_FOUND')
  async indicators(@QueryParams() params: IndicatorsParams, @CurrentActor() actor: Actor): Promise<MonevIndicatorsView> {
    const view = await this.queryBus.execute(new GetMonevIndicatorsQuery(actor, params.node, params.period));
    if (!view) throw new NotFoundException(`No agency ${params.node}`);
    return view;
  }

  @Get('rankings')
  @Allows('get-monev-ranking')
  @ApiOperation({
    summary: 'The children of a coordinator ranked by the published scoring formula, with each score’s breakdown and trend',
  })
  @ApiOkResponse({ type: MonevRankingResponse })
  @ApiQueryProblems('VALIDATION_FAILED', 'ROLE_NOT_ALLOWED', 'NOT_FOUND')
  async rankings(@QueryParams() params: RankingParams, @CurrentActor() actor: Actor): Promise<MonevRankingView> {
    const view = await this.queryBus.execute(new GetMonevRankingQuery(actor, params.parent, params.period));
    if (!view) throw new NotFoundException(`No agency ${params.parent}`);
    return view;
  }

  @Get('periods/:period/snapshots/:node')
  @Allows('get-monev-snapshot')
  @ApiOperation({ summary: 'A closed period’s frozen figures of a node, with the log position they were read at' })
  @ApiParam({ name: 'period', example: '2026-Q1' })
  @ApiParam({ name: 'node', example: 'id-32' })
  @ApiOkResponse({ type: MonevSnapshotResponse })
  @ApiQueryProblems('ROLE_NOT_ALLOWED', 'NOT_FOUND', 'PERIOD_INVALID')
  async snapshot(@Param('period') period: string, @Param('node') node: string, @CurrentActor() actor: Actor): Promise<MonevSnapshotView> {
    const view = await this.queryBus.execute(new GetMonevSnapshotQuery(actor, period, node));
    if (!view) throw new NotFoundException(`No closed period ${period} for ${node}`);
    return view;
  }

  @Post('periods/:period/close')
  @Allows('close-monev-period')
  @ApiOperation({
    summary: 'Close a period: freeze every node’s figures at one log position (national admin)',
    description: 'The figures are read at one checkpoint of the read model and recorded with its log position; `npm run monev:recompute` recomputes them from the log.',
  })
  @ApiParam({ name: 'period', example: '2026-Q1' })
  @ApiCreatedResponse({ type: MonevPeriodClosingResponse })
  @ApiBodyProblems('UNAUTHENTICATED', 'ROLE_NOT_ALLOWED', 'PERIOD_INVALID', 'PERIOD_NOT_ENDED', 'PERIOD_ALREADY_CLOSED', 'CONCURRENT_MODIFICATION', 'INTEGRITY_VIOLATION')
  close(@Param('period') period: string, @CurrentActor() actor: Actor, @Req() req: FastifyRequest): Promise<MonevPeriodClosing> {
    return this.commandBus.execute(new CloseMonevPeriodCommand(actor, period, String(req.id)));
  }
}
