import { Body, Controller, Get, Headers, HttpCode, Inject, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AttachmentUpload, type LifecycleRequest } from '@lacak/application';
import { GetAttachment, TRACKING_ACTIONS, type TrackingAction, type TrackingViewData, TrackedComplaints } from '@lacak/application/queries';
import type { AppConfig } from '@lacak/config';
import { INDONESIAN_ZONES } from '@lacak/deadlines';
import { COMPLAINT_STATUSES, type ComplaintStatus, trackingActor } from '@lacak/domain';
import type { ComplaintDocument } from '@lacak/projections';
import { Public } from '../auth/public.decorator';
import { RunLifecycleCommand } from '../commands/commands';
import { DisputeFollowUpRequest, RateComplaintRequest } from '../complaints/lifecycle/lifecycle.requests';
import { PublicFollowUp, RatingRecord, REVISION, ReporterClosure, ReporterQuestion } from '../complaints/queries/complaint-queries.responses';
import { readPreconditions } from '../http/preconditions';
import { RateLimited } from '../http/rate-limit';
import { ApiBodyProblems, ApiProblems } from '../openapi/problem-responses';
import { TrackComplaintQuery } from '../public/public-queries';
import { ApiAttachmentDownload, UPLOAD_SCHEMA, served } from '../complaints/attachments/attachments.controller';
import { readAttachmentUpload } from '../complaints/attachments/attachment-upload';
import { APP_CONFIG } from '../infrastructure/tokens';

export class TrackedAnswerRequest {
  @ApiProperty({ format: 'uuid' }) @IsUUID()
  clarificationId!: string;

  @ApiProperty() @IsString() @Length(1, 4000)
  answer!: string;
}

export class TrackedAcceptRequest {
  @ApiPropertyOptional({ description: 'What the reporter adds on accepting the follow-up' }) @IsOptional() @IsString() @Length(1, 4000)
  note?: string;
}

export class OpenQuestion {
  @ApiProperty({ format: 'uuid' }) clarificationId!: string;
  @ApiProperty() question!: string;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
}

export class TrackingView {
  @ApiProperty({ example: 'LPR-7K3Q9X2M4D1A' }) trackingId!: string;
  @ApiProperty({ enum: COMPLAINT_STATUSES }) status!: ComplaintStatus;
  @ApiProperty({ description: 'The status in the reporter’s words', example: 'Sedang diproses' }) publicStatus!: string;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  @ApiProperty({ type: [PublicFollowUp], description: 'The follow-ups given so far; the agency’s internal notes stay out' })
  followUps!: PublicFollowUp[];

  @ApiProperty({ type: [OpenQuestion], description: 'Questions waiting for the reporter’s answer' })
  openQuestions!: OpenQuestion[];

  @ApiProperty({ type: [ReporterQuestion], description: 'Questions answered, with `recordedOnBehalfVia` set when an officer recorded an answer given offline' })
  answeredQuestions!: ReporterQuestion[];

  @ApiProperty({ ...REVISION, description: 'The complaint’s revision, a string of digits: send it back as If-Match' }) revision!: string;
  @ApiProperty({ type: RatingRecord, nullable: true, description: 'The reporter’s rating, once given (a complaint is rated once)' }) rating!: RatingRecord | null;
  @ApiProperty({ type: ReporterClosure, nullable: true }) closure!: ReporterClosure | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Until when the latest follow-up may be disputed; null before any follow-up' })
  disputeWindowEndsAt!: string | null;

  @ApiProperty({ enum: Object.values(INDONESIAN_ZONES), description: 'The zone of the agency holding the complaint: its times read best in it', example: 'WITA' })
  zone!: TrackingViewData['zone'];

  @ApiProperty({
    enum: Object.keys(TRACKING_ACTIONS),
    isArray: true,
    description: 'What the holder of the tracking secret may do now, each `POST /track/{trackingId}/<action>`, as the lifecycle rules decide it',
  })
  allowedActions!: TrackingAction[];
}

export class TrackedAttachmentCreated {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Where to read it back with the tracking secret', example: '/track/LPR-7K3Q9X2M4D1A/attachments/7c1e…' }) href!: string;
  @ApiProperty({ ...REVISION, description: 'The complaint revision after the attachment was added, a string of digits' }) revision!: string;
}

export class TrackedCommandResponse {
  @ApiProperty({ ...REVISION, description: 'The complaint revision after the command, a string of digits' }) revision!: string;
}

/** Problems every command by tracking credential can answer with. */
const TRACKED_COMMAND_PROBLEMS = [
  'NOT_FOUND',
  'RATE_LIMITED',
  'INVALID_TRANSITION',
  'CONCURRENT_MODIFICATION',
  'INTEGRITY_VIOLATION',
  'REVISION_MISMATCH',
  'IDEMPOTENCY_KEY_REUSED',
] as const;

const NOT_FOUND = 'No complaint with this tracking id and secret';

/**
 * The reporter's view without an account: the tracking id and the secret given at submission.
 * A wrong secret and an unknown tracking id get the same 404, so neither can be probed.
 */
@ApiTags('reporter tracking')
@ApiHeader({ name: 'X-Tracking-Secret', required: true, description: 'The secret returned at submission' })
@Public()
@RateLimited('tracking')
@Controller('track/:trackingId')
export class TrackingController {
  constructor(
    private readonly tracked: TrackedComplaints,
    private readonly queryBus: QueryBus,
    private readonly commandBus: CommandBus,
    private readonly upload: AttachmentUpload,
    private readonly attachments: GetAttachment,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Where a complaint stands, for its reporter without an account', security: [] })
  @ApiOkResponse({ type: TrackingView })
  @ApiProblems('NOT_FOUND', 'RATE_LIMITED')
  async track(@Param('trackingId') trackingId: string, @Headers('x-tracking-secret') secret?: string): Promise<TrackingView> {
    const view = await this.queryBus.execute(new TrackComplaintQuery(trackingId, secret));
    if (!view) throw new NotFoundException(NOT_FOUND);
    return view;
  }

  /** The reporter answers a clarification with the secret, as the complaint's reporter. */
  @Post('answer-clarification')
  @HttpCode(200)
  @ApiOperation({ summary: 'Answer a question as the reporter, with the tracking secret', security: [] })
  @ApiOkResponse({ type: TrackedCommandResponse })
  @ApiBodyProblems(...TRACKED_COMMAND_PROBLEMS, 'CLARIFICATION_NOT_OPEN')
  answer(
    @Param('trackingId') trackingId: string,
    @Body() body: TrackedAnswerRequest,
    @Req() req: FastifyRequest,
    @Headers('x-tracking-secret') secret?: string,
  ): Promise<TrackedCommandResponse> {
    return this.run(trackingId, secret, req, (complaintId) => ({ type: 'AnswerClarification', data: { complaintId, ...body } }));
  }

  /** The reporter accepts the follow-up, which closes the complaint. */
  @Post('accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept the follow-up as the reporter, closing the complaint, with the tracking secret', security: [] })
  @ApiOkResponse({ type: TrackedCommandResponse })
  @ApiBodyProblems(...TRACKED_COMMAND_PROBLEMS, 'CLOSE_REQUIRES_FOLLOW_UP')
  accept(
    @Param('trackingId') trackingId: string,
    @Body() body: TrackedAcceptRequest,
    @Req() req: FastifyRequest,
    @Headers('x-tracking-secret') secret?: string,
  ): Promise<TrackedCommandResponse> {
    return this.run(trackingId, secret, req, (complaintId) => ({
      type: 'CloseComplaint',
      data: { complaintId, reasonCode: 'accepted_by_reporter', note: body.note ?? null },
    }));
  }

  @Post('rate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rate the handling as the reporter (kepuasan, 1 to 5), with the tracking secret', security: [] })
  @ApiOkResponse({ type: TrackedCommandResponse })
  @ApiBodyProblems(...TRACKED_COMMAND_PROBLEMS, 'RATING_OUT_OF_RANGE', 'ALREADY_RATED')
  rate(
    @Param('trackingId') trackingId: string,
    @Body() body: RateComplaintRequest,
    @Req() req: FastifyRequest,
    @Headers('x-tracking-secret') secret?: string,
  ): Promise<TrackedCommandResponse> {
    return this.run(trackingId, secret, req, (complaintId) => ({ type: 'RateComplaint', data: { complaintId, rating: body.rating, comment: body.comment ?? null } }));
  }

  @Post('dispute')
  @HttpCode(200)
  @ApiOperation({ summary: 'Dispute the follow-up as the reporter, within the dispute window, possibly as only a promise (normative), with the tracking secret', security: [] })
  @ApiOkResponse({ type: TrackedCommandResponse })
  @ApiBodyProblems(...TRACKED_COMMAND_PROBLEMS, 'DISPUTE_WINDOW_CLOSED')
  dispute(
    @Param('trackingId') trackingId: string,
    @Body() body: DisputeFollowUpRequest,
    @Req() req: FastifyRequest,
    @Headers('x-tracking-secret') secret?: string,
  ): Promise<TrackedCommandResponse> {
    return this.run(trackingId, secret, req, (complaintId) => ({ type: 'DisputeFollowUp', data: { complaintId, ...body } }));
  }

  /** Evidence from the reporter without an account, as the holder of the tracking credential. */
  @Post('attachments')
  @HttpCode(201)
  @ApiOperation({ summary: 'Attach a photo or document as the reporter, with the tracking secret; as POST /complaints/{id}/attachments', security: [] })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: UPLOAD_SCHEMA })
  @ApiCreatedResponse({ type: TrackedAttachmentCreated })
  @ApiProblems(
    ...TRACKED_COMMAND_PROBLEMS,
    'VALIDATION_FAILED',
    'MALFORMED_REQUEST',
    'CONTENT_TOO_LARGE',
    'UNSUPPORTED_MEDIA_TYPE',
    'ATTACHMENT_TOO_LARGE',
    'ATTACHMENT_TYPE_NOT_ALLOWED',
    'ATTACHMENT_UNREADABLE',
  )
  async attach(
    @Param('trackingId') trackingId: string,
    @Req() req: FastifyRequest,
    @Headers('x-tracking-secret') secret?: string,
  ): Promise<TrackedAttachmentCreated> {
    const complaint = await this.authorised(trackingId, secret);
    const preconditions = readPreconditions(req.headers, String(req.id));
    const uploaded = await readAttachmentUpload(req, this.config.attachments.maxBytes);
    const outcome = await this.upload.add({ complaintId: complaint._id, ...uploaded }, trackingActor(complaint.trackingId), preconditions);
    const href = `/track/${encodeURIComponent(trackingId)}/attachments/${outcome.attachmentId}`;
    return { id: outcome.attachmentId, href, revision: outcome.revision.toString() };
  }

  @Get('attachments/:attachmentId')
  @ApiOperation({ summary: 'Read an attachment of the complaint back, with the tracking secret', security: [] })
  @ApiAttachmentDownload()
  @ApiProblems('NOT_FOUND', 'RATE_LIMITED', 'ATTACHMENT_ERASED')
  async attachment(
    @Param('trackingId') trackingId: string,
    @Param('attachmentId') attachmentId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('x-tracking-secret') secret?: string,
  ): Promise<Buffer> {
    const complaint = await this.authorised(trackingId, secret);
    const content = await this.attachments.run(trackingActor(complaint.trackingId), complaint._id, attachmentId);
    if (!content) throw new NotFoundException(`No attachment ${attachmentId} on this complaint`);
    return served(content, reply);
  }

  /** A lifecycle command on the complaint the secret opens, as the holder of its tracking credential. */
  private async run(
    trackingId: string,
    secret: string | undefined,
    req: FastifyRequest,
    command: (complaintId: string) => LifecycleRequest,
  ): Promise<TrackedCommandResponse> {
    const complaint = await this.authorised(trackingId, secret);
    const result = await this.commandBus.execute(
      new RunLifecycleCommand(command(complaint._id), trackingActor(complaint.trackingId), readPreconditions(req.headers, String(req.id))),
    );
    return { revision: result.revision.toString() };
  }

  private async authorised(trackingId: string, secret: string | undefined): Promise<ComplaintDocument> {
    const complaint = await this.tracked.find(trackingId, secret);
    if (!complaint) throw new NotFoundException(NOT_FOUND);
    return complaint;
  }
}
