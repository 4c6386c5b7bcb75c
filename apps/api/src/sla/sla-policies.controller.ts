import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SlaPolicy } from '@lacak/deadlines';
import type { DeadlineContext } from '@lacak/deadlines';
import { CLOCK, type Clock, DEADLINE_CONTEXT } from '../infrastructure/tokens';
import { ApiQueryProblems } from '../openapi/problem-responses';
import { SlaPolicyList } from './sla-policies.responses';

/** The published SLA policy versions; each complaint stays pinned to the one in force at its submission. */
@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('sla-policies')
export class SlaPoliciesController {
  constructor(
    @Inject(DEADLINE_CONTEXT) private readonly deadlines: DeadlineContext,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The published SLA policy versions and the one in force' })
  @ApiOkResponse({ type: SlaPolicyList })
  @ApiQueryProblems()
  list(): { inForce: string; versions: readonly SlaPolicy[] } {
    const { policies } = this.deadlines;
    return { inForce: policies.inForce(this.clock.now().toISOString()).version, versions: policies.versions };
  }
}
