import { Body, Controller, Get, Headers, HttpCode, NotFoundException, Param, Post, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, IsUUID, Length } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { TrackedComplaints } from '@lacak/application/queries';
import { COMPLAINT_STATUSES, type ComplaintStatus, trackingActor } from '@lacak/domain';
import type { ComplaintDocument } from '@lacak/projections';
import { Public } from '../auth/public.decorator';
import { RunLifecycleCommand } from '../commands/commands';
import { PublicFollowUp, REVISION, ReporterQuestion } from '../complaints/queries/complaint-queries.responses';
import { readPreconditions } from '../http/preconditions';
import { RateLimited } from '../http/rate-limit';
import { ApiBodyProblems, ApiProblems } from '../openapi/problem-responses';
import { TrackComplaintQuery } from '../public/public-queries';

export class TrackedAnswerRequest {
  @ApiProperty({ format: 'uuid' }) @IsUUID()
  clarificationId!: string;

  @ApiProperty() @IsString() @Length(1, 4000)
  answer!: string;
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
}

export class TrackedAnswerResponse {
  @ApiProperty(REVISION) revision!: string;
}

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
  @ApiOkResponse({ type: TrackedAnswerResponse })
  @ApiBodyProblems('NOT_FOUND', 'RATE_LIMITED', 'INVALID_TRANSITION', 'CLARIFICATION_NOT_OPEN', 'CONCURRENT_MODIFICATION', 'INTEGRITY_VIOLATION', 'REVISION_MISMATCH')
  async answer(
    @Param('trackingId') trackingId: string,
    @Body() body: TrackedAnswerRequest,
    @Req() req: FastifyRequest,
    @Headers('x-tracking-secret') secret?: string,
  ): Promise<TrackedAnswerResponse> {
    const complaint = await this.authorised(trackingId, secret);
    const actor = trackingActor(complaint.trackingId);
    const result = await this.commandBus.execute(
      new RunLifecycleCommand(
        { type: 'AnswerClarification', data: { complaintId: complaint._id, ...body } },
        actor,
        readPreconditions(req.headers, String(req.id)),
      ),
    );
    return { revision: result.revision.toString() };
  }

  private async authorised(trackingId: string, secret: string | undefined): Promise<ComplaintDocument> {
    const complaint = await this.tracked.find(trackingId, secret);
    if (!complaint) throw new NotFoundException(NOT_FOUND);
    return complaint;
  }
}
