import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/public.decorator';
import { CheckHealthQuery } from '../queries/operations-queries';
import { HealthReport } from './health.responses';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(private readonly queryBus: QueryBus) {}

  /** 200 when both stores answer, 503 otherwise; projections report their checkpoint and lag state. */
  @Public()
  @Get()
  @ApiOperation({ summary: 'Whether the stores answer, and how far the projections are', security: [] })
  @ApiOkResponse({ type: HealthReport, description: 'Both stores answer' })
  @ApiResponse({ status: 503, type: HealthReport, description: 'A store does not answer: the same report, with status degraded' })
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    const report = await this.queryBus.execute(new CheckHealthQuery());
    reply.status(report.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
