import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '@lacak/domain';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { entityTag, readPreconditions } from '../../http/preconditions';
import { RateLimited } from '../../http/rate-limit';
import { ApiBodyProblems } from '../../openapi/problem-responses';
import { SubmitComplaintCommand } from './submit-complaint.command';
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
  @ApiBodyProblems('UNAUTHENTICATED', 'ROLE_NOT_ALLOWED', 'COMPLAINT_ALREADY_EXISTS', 'UNKNOWN_REFERENCE', 'IDEMPOTENCY_KEY_REUSED', 'RATE_LIMITED')
  async submit(
    @Body() body: SubmitComplaintRequest,
    @CurrentActor() actor: Actor,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SubmitComplaintResponse> {
    const preconditions = readPreconditions(req.headers, String(req.id));
    const result = await this.commandBus.execute(new SubmitComplaintCommand(body, actor, preconditions));
    reply.status(201).header('location', `/complaints/${result.id}`).header('etag', entityTag(result.revision));
    return { id: result.id, trackingId: result.trackingId, trackingSecret: result.trackingSecret };
  }
}
