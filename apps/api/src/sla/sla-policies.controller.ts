import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SlaPolicyListView } from '@lacak/application/queries';
import type { Actor } from '@lacak/domain';
import { Allows } from '../auth/allows.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiQueryProblems } from '../openapi/problem-responses';
import { ListSlaPoliciesQuery } from '../queries/operations-queries';
import { SlaPolicyList } from './sla-policies.responses';

/** The published SLA policy versions; each complaint stays pinned to the one in force at its submission. */
@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('sla-policies')
export class SlaPoliciesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Allows('list-sla-policies')
  @ApiOperation({ summary: 'The published SLA policy versions and the one in force' })
  @ApiOkResponse({ type: SlaPolicyList })
  @ApiQueryProblems()
  list(@CurrentActor() actor: Actor): Promise<SlaPolicyListView> {
    return this.queryBus.execute(new ListSlaPoliciesQuery(actor));
  }
}
