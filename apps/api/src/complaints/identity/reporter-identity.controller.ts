import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query as QueryParams, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IdentityAccessService, newId } from '@lacak/application';
import type { Actor } from '@lacak/domain';
import type { ReporterIdentity } from '@lacak/reporter-identity';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { CLOCK, type Clock } from '../../infrastructure/tokens';

export class IdentityReasonRequest {
  @ApiProperty({ description: 'Why the identity is needed; recorded with the access', minLength: 5, maxLength: 500 })
  @IsString() @Length(5, 500)
  reason!: string;
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
  async erase(@Param('id') id: string, @Body() body: IdentityReasonRequest, @CurrentActor() actor: Actor, @Req() req: FastifyRequest): Promise<void> {
    await this.access.erase(this.request(id, body.reason, actor, req));
  }

  private request(complaintId: string, reason: string, actor: Actor, req: FastifyRequest) {
    return { complaintId, reason, actor, at: this.clock.now().toISOString(), commandId: newId(), correlationId: String(req.id) };
  }
}
