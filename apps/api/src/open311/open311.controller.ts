import { BadRequestException, Body, Controller, ForbiddenException, Get, HttpCode, Inject, NotFoundException, Param, Post, Query as QueryParams, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConsumes, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ListOpen311Requests, OPEN311_SERVICES, open311Location, open311Service, open311Window } from '@lacak/application/queries';
import type { OrganisationTree } from '@lacak/domain';
import { Public } from '../auth/public.decorator';
import { SubmitComplaintCommand } from '../commands/commands';
import { readPreconditions } from '../http/preconditions';
import { RateLimited } from '../http/rate-limit';
import { CLOCK, type Clock, ORGANISATION_TREE } from '../infrastructure/tokens';
import { Open311Clients } from './open311-clients';
import { OPEN311_BASE, sendOpen311 } from './open311-format';
import {
  Open311Discovery,
  Open311Error,
  Open311FormatParams,
  Open311JurisdictionQuery,
  Open311RequestParams,
  Open311RequestsQuery,
  Open311Service,
  Open311ServiceDefinition,
  Open311ServiceParams,
  Open311ServiceRequest,
  Open311Submitted,
  Open311SubmitBody,
} from './open311.dto';

const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** When this endpoint last changed what it offers: the discovery's changeset. */
const CHANGESET = '2026-12-05T00:00:00Z';

/** Open311 errors, documented per status in the specification's shape (not problem details). */
const errors = (...statuses: [number, string][]) =>
  statuses.map(([status, description]) => ApiResponse({ status, description: `${description} (Open311 error: \`[{ code, description }]\`, or \`<errors><error>\` in XML)`, type: [Open311Error] }));
const BAD_REQUEST: [number, string] = [400, 'Invalid parameters'];
const NOT_FOUND: [number, string] = [404, 'No such service, jurisdiction or public request'];
const RATE_LIMITED: [number, string] = [429, 'Over the rate limit; Retry-After says when to try again'];

function applyAll(...decorators: MethodDecorator[]): MethodDecorator {
  return (target, key, descriptor) => {
    for (const decorator of decorators) decorator(target, key, descriptor);
  };
}

/**
 * Open311 GeoReport v2: categories as services, complaints as service requests. Reads show what the
 * public list shows; a client application submits with its API key, as a reporter without an account.
 */
@ApiTags('open311')
@ApiProduces('application/json', 'text/xml')
@ApiExtraModels(Open311Error)
@Public()
@Controller(OPEN311_BASE.slice(1))
export class Open311Controller {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly requests: ListOpen311Requests,
    private readonly clients: Open311Clients,
    @Inject(ORGANISATION_TREE) private readonly tree: OrganisationTree,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('discovery.:format')
  @ApiOperation({ summary: 'Open311: where this endpoint is and what it speaks', security: [] })
  @ApiOkResponse({ type: Open311Discovery })
  @applyAll(...errors(BAD_REQUEST))
  discovery(@Param() { format }: Open311FormatParams, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): string {
    const discovery: Open311Discovery = {
      changeset: CHANGESET,
      contact: 'Pengelola Lacak instansi ini',
      key_service: 'API key per client application, issued by the operator (OPEN311_API_KEYS)',
      endpoints: [{ specification: SPECIFICATION, url: `${req.protocol}://${req.host}${OPEN311_BASE}`, changeset: CHANGESET, type: 'production', formats: ['text/xml', 'application/json'] }],
    };
    return sendOpen311(reply, format, 'discovery', format === 'xml' ? { ...discovery, endpoints: { endpoint: discovery.endpoints.map((e) => ({ ...e, formats: { format: e.formats } })) } } : discovery);
  }

  @Get('services.:format')
  @ApiOperation({ summary: 'Open311: the services (complaint categories) of a jurisdiction (an organisation node)', security: [] })
  @ApiOkResponse({ type: [Open311Service] })
  @applyAll(...errors(BAD_REQUEST, NOT_FOUND))
  services(@Param() { format }: Open311FormatParams, @QueryParams() query: Open311JurisdictionQuery, @Res({ passthrough: true }) reply: FastifyReply): string {
    this.requireJurisdiction(query.jurisdiction_id);
    return sendOpen311(reply, format, 'services', OPEN311_SERVICES, 'service');
  }

  @Get('services/:service_code.:format')
  @ApiOperation({ summary: 'Open311: a service’s definition, its attributes (none)', security: [] })
  @ApiOkResponse({ type: Open311ServiceDefinition })
  @applyAll(...errors(BAD_REQUEST, NOT_FOUND))
  definition(@Param() { format, service_code }: Open311ServiceParams, @QueryParams() query: Open311JurisdictionQuery, @Res({ passthrough: true }) reply: FastifyReply): string {
    this.requireJurisdiction(query.jurisdiction_id);
    if (!open311Service(service_code)) throw new NotFoundException(`service_code ${service_code} is not a service here`);
    return sendOpen311(reply, format, 'service_definition', { service_code, attributes: [] });
  }

  @Post('requests.:format')
  @HttpCode(201)
  @RateLimited('submission')
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiOperation({
    summary: 'Open311: file a complaint in a service’s category, as a client application’s reporter without an account',
    description:
      'Form-encoded (`application/x-www-form-urlencoded`) as the specification sends it, or JSON. The reporter’s e-mail, name and phone go to the identity store, never into the complaint; a `blackbox` service files it as rahasia. `service_request_id` is the complaint’s tracking id; the request is listed once verified.',
    security: [],
  })
  @ApiCreatedResponse({ type: [Open311Submitted] })
  @applyAll(...errors(BAD_REQUEST, [403, 'The api_key is not one of a client application'], NOT_FOUND, [409, 'The complaint was refused'], [413, 'The body is larger than 256 KiB'], [415, 'The body is neither form-encoded nor JSON'], [422, 'An Idempotency-Key reused with another body'], RATE_LIMITED))
  async submit(
    @Param() { format }: Open311FormatParams,
    @Body() body: Open311SubmitBody,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const sender = this.clients.senderOf(body.api_key);
    if (!sender) throw new ForbiddenException('api_key is not the key of a client application');
    this.requireJurisdiction(body.jurisdiction_id);
    const service = open311Service(body.service_code);
    if (!service) throw new BadRequestException(`service_code ${body.service_code} is not a service here`);
    const hasCoordinates = body.lat !== undefined && body.long !== undefined;
    if (!hasCoordinates && !body.address_string && !body.address_id) throw new BadRequestException('A location is required: lat and long, address_string or address_id');
    const location = open311Location({ address: body.address_string ?? body.address_id, lat: hasCoordinates ? Number(body.lat) : undefined, long: hasCoordinates ? Number(body.long) : undefined });
    const name = [body.first_name, body.last_name].filter(Boolean).join(' ');
    const outcome = await this.commandBus.execute(
      new SubmitComplaintCommand(
        {
          title: `${service.service_name}${body.address_string ? ` di ${body.address_string}` : ''}`.slice(0, 200),
          description: body.description ?? service.service_name,
          channel: sender.channel,
          category: service.service_code,
          location: location?.slice(0, 300),
          targetAgencyId: body.jurisdiction_id,
          confidential: service.type === 'blackbox',
          reporter: { name: name || undefined, email: body.email, phone: body.phone },
        },
        sender.actor,
        readPreconditions(req.headers, String(req.id)),
      ),
    );
    const notice =
      service.type === 'blackbox'
        ? `Laporan rahasia ${outcome.trackingId} diterima; laporan ini tidak tampil di daftar publik.`
        : `Laporan ${outcome.trackingId} diterima dan akan tampil di daftar publik setelah diverifikasi.`;
    const submitted: Open311Submitted[] = [
      { service_request_id: outcome.trackingId, service_notice: notice, account_id: null, tracking_secret: outcome.trackingSecret },
    ];
    return sendOpen311(reply, format, 'service_requests', submitted, 'request');
  }

  @Get('requests.:format')
  @ApiOperation({ summary: 'Open311: the public service requests (verified, not rahasia), newest first, at most 90 days of them', security: [] })
  @ApiOkResponse({ type: [Open311ServiceRequest] })
  @applyAll(...errors(BAD_REQUEST, NOT_FOUND))
  async list(@Param() { format }: Open311FormatParams, @QueryParams() query: Open311RequestsQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    this.requireJurisdiction(query.jurisdiction_id);
    const window = open311Window(query.start_date, query.end_date, this.clock.now());
    if (!window) throw new BadRequestException('start_date and end_date must be in order and at most 90 days apart');
    const requests = await this.requests.run({
      jurisdictionId: query.jurisdiction_id,
      serviceRequestIds: query.service_request_id?.split(','),
      serviceCodes: query.service_code?.split(','),
      ...window,
      statuses: query.status?.split(',') as ('open' | 'closed')[] | undefined,
      page: query.page ?? 1,
      pageSize: query.page_size ?? 50,
    });
    return sendOpen311(reply, format, 'service_requests', requests, 'request');
  }

  @Get('requests/:service_request_id.:format')
  @ApiOperation({ summary: 'Open311: one public service request by its tracking id', security: [] })
  @ApiOkResponse({ type: [Open311ServiceRequest] })
  @applyAll(...errors(BAD_REQUEST, NOT_FOUND))
  async show(@Param() { format, service_request_id }: Open311RequestParams, @QueryParams() query: Open311JurisdictionQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    this.requireJurisdiction(query.jurisdiction_id);
    const request = await this.requests.find(service_request_id, query.jurisdiction_id);
    if (!request) throw new NotFoundException(`No public service request ${service_request_id}`);
    return sendOpen311(reply, format, 'service_requests', [request], 'request');
  }

  private requireJurisdiction(jurisdictionId: string | undefined): void {
    if (jurisdictionId !== undefined && !this.tree.has(jurisdictionId)) throw new NotFoundException(`jurisdiction_id ${jurisdictionId} is not an agency here`);
  }
}
