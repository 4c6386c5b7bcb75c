import { Controller, Get, NotFoundException, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import type { Actor } from '@lacak/domain';
import { Allows } from '../auth/allows.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiQueryProblems } from '../openapi/problem-responses';
import { AgencyListNode, AgencyStats } from './agencies.responses';
import { type AgencyNodeView, type AgencyStatsView, GetAgenciesQuery, GetAgencyStatsQuery } from './agency-queries';

export class ListAgenciesParams {
  @ApiPropertyOptional({ description: 'Only this node and its subtree' })
  @IsOptional() @IsString() @Length(1, 100)
  root?: string;
}

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('agencies')
export class AgenciesController {
  constructor(private readonly queryBus: QueryBus) {}

  /** The organisation tree as a flat list of nodes, each naming its parent. */
  @Get()
  @Allows('list-agencies')
  @ApiOperation({ summary: 'The organisation tree, or one node’s subtree, as a flat list' })
  @ApiOkResponse({ type: [AgencyListNode] })
  @ApiQueryProblems('VALIDATION_FAILED', 'NOT_FOUND')
  async list(@QueryParams() params: ListAgenciesParams, @CurrentActor() actor: Actor): Promise<AgencyNodeView[]> {
    const nodes = await this.queryBus.execute(new GetAgenciesQuery(actor, params.root));
    if (!nodes) throw new NotFoundException(`No agency ${params.root}`);
    return nodes;
  }

  /** Monitoring counters; reporters have none, others see their own subtree (national: all). */
  @Get(':id/stats')
  @Allows('get-agency-stats')
  @ApiOperation({ summary: 'Monitoring counters and SLA indicators of a node and its subtree' })
  @ApiOkResponse({ type: AgencyStats })
  @ApiQueryProblems('ROLE_NOT_ALLOWED', 'NOT_FOUND')
  async stats(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<AgencyStatsView> {
    const stats = await this.queryBus.execute(new GetAgencyStatsQuery(id, actor));
    if (!stats) throw new NotFoundException(`No agency ${id}`);
    return stats;
  }
}
