import { Body, Controller, ForbiddenException, HttpCode, Inject, NotFoundException, Post, ServiceUnavailableException } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { type Actor, mayQuery } from '@lacak/domain';
import { type ProjectionStatus, type Projector, UnknownProjectionError } from '@lacak/projections';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ProjectionStatusBody } from '../health/health.responses';
import { PROJECTOR } from '../infrastructure/tokens';
import { ApiBodyProblems } from '../openapi/problem-responses';

export class RebuildProjectionsRequest {
  @ApiPropertyOptional({ description: 'One projection (complaints, audit-trail, agency-stats); all when absent' })
  @IsOptional() @IsString() @Length(1, 100)
  projection?: string;
}

@ApiTags('operations')
@ApiBearerAuth()
@Controller('admin/projections')
export class ProjectionsController {
  constructor(@Inject(PROJECTOR) private readonly projector: Projector | null) {}

  /** Drops a read model and replays every event into it; reads catch up in the background. */
  @Post('rebuild')
  @HttpCode(202)
  @ApiOperation({ summary: 'Drop read models and replay every event into them (national admin)' })
  @ApiAcceptedResponse({ type: [ProjectionStatusBody], description: 'The rebuild started; each projection’s status' })
  @ApiBodyProblems('UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'UNAVAILABLE')
  async rebuild(@Body() body: RebuildProjectionsRequest, @CurrentActor() actor: Actor): Promise<ProjectionStatus[]> {
    if (!mayQuery('POST /admin/projections/rebuild', actor.role)) throw new ForbiddenException('Only a national admin may rebuild read models');
    if (!this.projector) throw new ServiceUnavailableException('Projections run in a separate projector process here; use npm run rebuild there');
    try {
      await this.projector.rebuild(body.projection);
    } catch (error) {
      if (error instanceof UnknownProjectionError) throw new NotFoundException(error.message);
      throw error;
    }
    return this.projector.status();
  }
}
