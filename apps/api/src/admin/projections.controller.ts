import { Body, Controller, HttpCode, Inject, NotFoundException, Post, ServiceUnavailableException } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { ProjectorThreadDownError } from '@lacak/processes';
import { type ProjectionStatus, type ReadModelProjector, UnknownProjectionError } from '@lacak/projections';
import { Allows } from '../auth/allows.decorator';
import { ProjectionStatusBody } from '../health/health.responses';
import { PROJECTOR } from '../infrastructure/tokens';
import { ApiBodyProblems } from '../openapi/problem-responses';

export class RebuildProjectionsRequest {
  @ApiPropertyOptional({ description: 'One projection (complaints, audit-trail, agency-stats, audit-events); all when absent' })
  @IsOptional() @IsString() @Length(1, 100)
  projection?: string;
}

@ApiTags('operations')
@ApiBearerAuth()
@Controller('admin/projections')
export class ProjectionsController {
  constructor(@Inject(PROJECTOR) private readonly projector: ReadModelProjector | null) {}

  /** Drops a read model and replays every event into it; reads catch up in the background. */
  @Post('rebuild')
  @HttpCode(202)
  @Allows('rebuild-projections')
  @ApiOperation({ summary: 'Drop read models and replay every event into them (national admin)' })
  @ApiAcceptedResponse({ type: [ProjectionStatusBody], description: 'The rebuild started; each projection’s status' })
  @ApiBodyProblems('UNAUTHENTICATED', 'ROLE_NOT_ALLOWED', 'NOT_FOUND', 'UNAVAILABLE')
  async rebuild(@Body() body: RebuildProjectionsRequest): Promise<ProjectionStatus[]> {
    if (!this.projector) throw new ServiceUnavailableException('Projections run in a separate projector process here; use npm run rebuild there');
    try {
      await this.projector.rebuild(body.projection);
    } catch (error) {
      if (error instanceof UnknownProjectionError) throw new NotFoundException(error.message);
      // A crashed projector thread starts again shortly: a retry then succeeds.
      if (error instanceof ProjectorThreadDownError) throw new ServiceUnavailableException(error.message);
      throw error;
    }
    return this.projector.status();
  }
}
