import { Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, Patch, Post, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { WebhookEndpointView } from '@lacak/application';
import type { Actor } from '@lacak/domain';
import { Allows } from '../auth/allows.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { readPreconditions } from '../http/preconditions';
import { ApiBodyProblems, ApiQueryProblems, type ProblemCode } from '../openapi/problem-responses';
import { ListWebhookEndpointsQuery, RunWebhookEndpointCommand } from './webhooks.bus';
import { ChangeWebhookEndpointRequest, RegisterWebhookEndpointRequest } from './webhooks.requests';
import { WebhookEndpointChangedResponse, WebhookEndpointCreatedResponse, WebhookEndpointResponse } from './webhooks.responses';

const COMMAND_PROBLEMS: ProblemCode[] = ['UNAUTHENTICATED', 'TOKEN_EXPIRED', 'TOKEN_AGENCY_INVALID', 'ROLE_NOT_ALLOWED', 'WEBHOOK_ENDPOINT_NOT_FOUND', 'CONCURRENT_MODIFICATION', 'INTEGRITY_VIOLATION'];

/**
 * An agency's webhook endpoints: its admin points the node's own systems at the complaint events its
 * officers see, signed per Standard Webhooks. Another node's endpoints answer as missing ones.
 */
@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('agencies/:agencyId/webhooks')
export class WebhooksController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Post()
  @Allows('register-webhook-endpoint')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A repeat with the same key answers the endpoint (and secret) registered first' })
  @ApiOperation({ summary: 'Register a webhook endpoint of the admin’s own node: its URL, the complaint events it receives and its signing secret (answered once)' })
  @ApiCreatedResponse({ type: WebhookEndpointCreatedResponse })
  @ApiBodyProblems(...COMMAND_PROBLEMS, 'WEBHOOK_ENDPOINT_INVALID', 'WEBHOOK_URL_NOT_ALLOWED', 'WEBHOOK_ENDPOINT_EXISTS')
  async register(
    @Param('agencyId') agencyId: string,
    @Body() body: RegisterWebhookEndpointRequest,
    @CurrentActor() actor: Actor,
    @Req() req: FastifyRequest,
  ): Promise<WebhookEndpointCreatedResponse> {
    const outcome = await this.commandBus.execute(
      new RunWebhookEndpointCommand({ type: 'RegisterWebhookEndpoint', data: { agencyId, ...body } }, actor, readPreconditions(req.headers, String(req.id))),
    );
    return { id: outcome.endpointId, secret: outcome.secret! };
  }

  @Get()
  @Allows('list-webhook-endpoints')
  @ApiOperation({ summary: 'The webhook endpoints of the admin’s own node, with why any disabled one stopped; never a secret' })
  @ApiOkResponse({ type: [WebhookEndpointResponse] })
  @ApiQueryProblems('ROLE_NOT_ALLOWED', 'NOT_FOUND')
  async list(@Param('agencyId') agencyId: string, @CurrentActor() actor: Actor): Promise<WebhookEndpointView[]> {
    const endpoints = await this.queryBus.execute(new ListWebhookEndpointsQuery(actor, agencyId));
    if (!endpoints) throw new NotFoundException(`No webhook endpoints of ${agencyId} for this actor`);
    return endpoints;
  }

  @Patch(':endpointId')
  @Allows('change-webhook-endpoint')
  @ApiOperation({ summary: 'Change an endpoint’s event types, turn it off, or on again after the engine disabled it' })
  @ApiOkResponse({ type: WebhookEndpointChangedResponse })
  @ApiBodyProblems(...COMMAND_PROBLEMS, 'WEBHOOK_ENDPOINT_INVALID')
  async change(
    @Param('agencyId') agencyId: string,
    @Param('endpointId') endpointId: string,
    @Body() body: ChangeWebhookEndpointRequest,
    @CurrentActor() actor: Actor,
    @Req() req: FastifyRequest,
  ): Promise<WebhookEndpointChangedResponse> {
    const request = { type: 'ChangeWebhookEndpoint' as const, data: { agencyId, endpointId, eventTypes: body.eventTypes, enabled: body.enabled } };
    const outcome = await this.commandBus.execute(new RunWebhookEndpointCommand(request, actor, readPreconditions(req.headers, String(req.id))));
    return { id: outcome.endpointId };
  }

  @Delete(':endpointId')
  @HttpCode(204)
  @Allows('remove-webhook-endpoint')
  @ApiOperation({ summary: 'Remove an endpoint: it receives nothing more, and its pending deliveries are skipped' })
  @ApiNoContentResponse({ description: 'Removed' })
  // No body is read, but one that cannot be parsed, and a malformed precondition header, are refused.
  @ApiBodyProblems(...COMMAND_PROBLEMS)
  async remove(@Param('agencyId') agencyId: string, @Param('endpointId') endpointId: string, @CurrentActor() actor: Actor, @Req() req: FastifyRequest): Promise<void> {
    await this.commandBus.execute(
      new RunWebhookEndpointCommand({ type: 'RemoveWebhookEndpoint', data: { agencyId, endpointId } }, actor, readPreconditions(req.headers, String(req.id))),
    );
  }
}
