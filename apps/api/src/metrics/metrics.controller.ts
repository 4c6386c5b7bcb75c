import { Controller, Get, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allows } from '../auth/allows.decorator';
import { ApiQueryProblems } from '../openapi/problem-responses';
import { PrometheusMetrics } from './prometheus-metrics';

const EXPOSITION_FORMAT = 'text/plain; version=0.0.4';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: PrometheusMetrics) {}

  /** Scraped by Prometheus with an operator's token (`authorization` in the scrape config). */
  @Get()
  @Allows('read-metrics')
  @ApiOperation({ summary: 'Operator metrics in the Prometheus text format: commands, refusals, request durations, projection lag, deadline actions, log verification (national admin, system)' })
  @ApiProduces(EXPOSITION_FORMAT)
  @ApiOkResponse({
    description: 'The Prometheus text exposition format 0.0.4; the README lists the metrics',
    content: { [EXPOSITION_FORMAT]: { schema: { type: 'string', example: 'lacak_commands_total{command="SubmitComplaint",outcome="accepted"} 12' } } },
  })
  @ApiQueryProblems('ROLE_NOT_ALLOWED')
  async scrape(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const text = await this.metrics.scrape();
    reply.type(this.metrics.contentType);
    return text;
  }
}
