import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '@lacak/domain';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { entityTag, readPreconditions } from '../../http/preconditions';
import { RateLimited } from '../../http/rate-limit';
import { ApiBodyProblems } from '../../openapi/problem-responses';
import { SubmitComplaintCommand } from '../../commands/commands';
import { SubmitComplaintRequest, SubmitComplaintResponse } from './submit-complaint.request';

@ApiTags('complaint commands')
@ApiBearerAuth()
@Controller('complaints')
export class SubmitComplaintController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @RateLimited('submission')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A repeat with the same key returns the same complaint' })
  @ApiOperation({ summary: 'Submit a complaint: a reporter online, or an officer digitising one received by sms, letter or walk-in' })
  @ApiCreatedResponse({
    type: SubmitComplaintResponse,
    headers: {
      Location: { description: 'The complaint’s URL', schema: { type: 'string' } },
      ETag: { description: 'The revision, `"0"`', schema: { type: 'string' } },
    },
  })
  @ApiBodyProblems('UNAUTHENTICATED', 'ROLE_NOT_ALLOWED', 'COMPLAINT_ALREADY_EXISTS', 'UNKNOWN_REFERENCE', 'IDEMPOTENCY_KEY_REUSED', 'INTEGRITY_VIOLATION', 'RATE_LIMITED')
  async submit(
    @Body() body: SubmitComplaintRequest,
    @CurrentActor() actor: Actor,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SubmitComplaintResponse> {
    const outcome = await this.commandBus.execute(new SubmitComplaintCommand(body, actor, readPreconditions(req.headers, String(req.id))));
    reply.status(201).header('location', `/complaints/${outcome.complaintId}`).header('etag', entityTag(outcome.revision));
    return { id: outcome.complaintId, trackingId: outcome.trackingId, trackingSecret: outcome.trackingSecret };
  }
}
