import { Body, ConflictException, Controller, HttpCode, Inject, NotFoundException, Post, ServiceUnavailableException } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length } from 'class-validator';
import { VerifyEventLog } from '@lacak/application';
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

  @ApiPropertyOptional({ description: 'Rebuild even though streams of the event log fail their hash-chain check (their events are then served as they are)' })
  @IsOptional() @IsBoolean()
  acceptBrokenChains?: boolean;
}

@ApiTags('operations')
@ApiBearerAuth()
@Controller('admin/projections')
export class ProjectionsController {
  constructor(
    @Inject(PROJECTOR) private readonly projector: ReadModelProjector | null,
    private readonly verifyEventLog: VerifyEventLog,
  ) {}

  /** Drops a read model and replays every event into it; reads catch up in the background. */
  @Post('rebuild')
  @HttpCode(202)
  @Allows('rebuild-projections')
  @ApiOperation({ summary: 'Drop read models and replay every event into them (national admin)' })
  @ApiAcceptedResponse({ type: [ProjectionStatusBody], description: 'The rebuild started; each projection’s status' })
  @ApiBodyProblems('UNAUTHENTICATED', 'ROLE_NOT_ALLOWED', 'NOT_FOUND', 'UNAVAILABLE', 'INTEGRITY_VIOLATION')
  async rebuild(@Body() body: RebuildProjectionsRequest): Promise<ProjectionStatus[]> {
    if (!this.projector) throw new ServiceUnavailableException('Projections run in a separate projector process here; use npm run rebuild there');
    // A rebuild would serve a forged event as fact: the log is verified first.
    const { faults } = await this.verifyEventLog.run();
    if (faults.length > 0 && !body.acceptBrokenChains) {
      const named = faults.slice(0, 10).map((fault) => `${fault.streamId} revision ${fault.revision}: ${fault.kind}`);
      throw new ConflictException({
        code: 'INTEGRITY_VIOLATION',
        message: `The event log fails its integrity check (${faults.length} fault(s): ${named.join('; ')}${faults.length > 10 ? '; …' : ''}); nothing was rebuilt. Send acceptBrokenChains: true to rebuild anyway, or run npm run rebuild, which leaves those streams out.`,
      });
    }
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
