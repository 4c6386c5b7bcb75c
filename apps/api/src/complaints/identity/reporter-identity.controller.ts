import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query as QueryParams, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IdentityAccessService, newId } from '@lacak/application';
import type { Actor } from '@lacak/domain';
import type { ReporterIdentity } from '@lacak/reporter-identity';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { CLOCK, type Clock } from '../../infrastructure/tokens';
import { ApiBodyProblems, ApiProblems } from '../../openapi/problem-responses';

export class IdentityReasonRequest {
  @ApiProperty({ description: 'Why the identity is needed; recorded with the access', minLength: 5, maxLength: 500 })
  @IsString() @Length(5, 500)
  reason!: string;
}

/** Where the reporter asked to hear news of the complaint. */
export class TrackingContactBody {
  @ApiPropertyOptional({ format: 'email' }) email?: string;
  @ApiPropertyOptional() phone?: string;
  @ApiPropertyOptional({ enum: ['id', 'en'] }) language?: string;
}

/** The identifying details a reporter left; each only when given. */
export class ReporterIdentityBody implements ReporterIdentity {
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional({ description: 'NIK: 16 digits' }) idNumber?: string;
  @ApiPropertyOptional({ format: 'email' }) email?: string;
  @ApiPropertyOptional() phone?: string;
  @ApiPropertyOptional({ type: TrackingContactBody }) trackingContact?: TrackingContactBody;
}

/**
 * The reporter's identity, where the visibility matrix allows it. Every read and erasure is
 * recorded as an event (who, when, why) and appears in the complaint's history.
 */
@ApiTags('reporter identity')
@ApiBearerAuth()
@Controller('complaints/:id/reporter-identity')
export class ReporterIdentityController {
  constructor(
    private readonly access: IdentityAccessService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Read the reporter’s identity, where the visibility matrix allows; the read is recorded' })
  @ApiOkResponse({ type: ReporterIdentityBody })
  @ApiProblems('VALIDATION_FAILED', 'UNAUTHENTICATED', 'IDENTITY_SEALED', 'COMPLAINT_NOT_FOUND', 'NO_REPORTER_IDENTITY', 'IDENTITY_ERASED')
  read(
    @Param('id') id: string,
    @QueryParams() query: IdentityReasonRequest,
    @CurrentActor() actor: Actor,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReporterIdentity> {
    reply.header('cache-control', 'no-store');
    return this.access.read(this.request(id, query.reason, actor, req));
  }

  /** Crypto-shredding: destroys the reporter's key; the complaint's history stays intact. */
  @Post('erase')
  @HttpCode(204)
  @ApiOperation({ summary: 'Erase the reporter’s identity by destroying its key (national admin); recorded' })
  @ApiNoContentResponse({ description: 'Erased' })
  @ApiBodyProblems('UNAUTHENTICATED', 'ROLE_NOT_ALLOWED', 'COMPLAINT_NOT_FOUND', 'NO_REPORTER_IDENTITY', 'IDENTITY_ERASED', 'INTEGRITY_VIOLATION')
  async erase(@Param('id') id: string, @Body() body: IdentityReasonRequest, @CurrentActor() actor: Actor, @Req() req: FastifyRequest): Promise<void> {
    await this.access.erase(this.request(id, body.reason, actor, req));
  }

  private request(complaintId: string, reason: string, actor: Actor, req: FastifyRequest) {
    return { complaintId, reason, actor, at: this.clock.now().toISOString(), commandId: newId(), correlationId: String(req.id) };
  }
}
