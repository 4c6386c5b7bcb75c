import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '@lacak/domain';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { entityTag, readPreconditions } from '../../http/preconditions';
import { ApiCommandProblems } from '../../openapi/problem-responses';
import { LifecycleCommand, type LifecycleInput } from './lifecycle.command';
import {
  AcceptDispositionRequest,
  AnswerClarificationRequest,
  ArchiveComplaintRequest,
  CloseComplaintRequest,
  CommandResponse,
  DisputeFollowUpRequest,
  DisposeComplaintRequest,
  LinkPolicyImprovementRequest,
  MarkDuplicateRequest,
  RateComplaintRequest,
  RecordLeadershipReviewRequest,
  ReopenComplaintRequest,
  OpenInvestigationRequest,
  RecordFindingsRequest,
  RecordClarificationAnswerRequest,
  RecordMediationOutcomeRequest,
  RejectComplaintRequest,
  RequestClarificationRequest,
  RespondToComplaintRequest,
  StartMediationRequest,
  VerifyComplaintRequest,
} from './lifecycle.requests';

type Input<T extends LifecycleInput['type']> = Extract<LifecycleInput, { type: T }>['data'];

/** `POST /complaints/{id}/<command>`: translates each request into a lifecycle command, nothing more. */
@ApiTags('complaint commands')
@ApiBearerAuth()
@ApiHeader({ name: 'If-Match', required: false, description: 'The revision (ETag) the command was decided on' })
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A repeat with the same key returns the first result' })
@ApiOkResponse({ type: CommandResponse, description: 'The command was recorded', headers: { ETag: { description: 'The revision after the command, as `"<digits>"`', schema: { type: 'string' } } } })
@Controller('complaints/:id')
export class LifecycleController {
  constructor(private readonly commandBus: CommandBus) {}

  @ApiOperation({ summary: 'Verify a submitted complaint: classify it and set its SLA class and flags' })
  @ApiCommandProblems('SLA_CLASS_MISMATCH', 'CONFIDENTIALITY_CANNOT_BE_CLEARED')
  @Post('verify') @HttpCode(200)
  verify(@Param('id') id: string, @Body() body: VerifyComplaintRequest, @CurrentActor() actor: Actor, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run('VerifyComplaint', { complaintId: id, ...body } satisfies Input<'VerifyComplaint'>, actor, req, reply);
  }

  @ApiOperation({ summary: 'Reject a complaint, or return a disposition as not the agency’s authority' })
  @ApiCommandProblems('NOT_CURRENT_ASSIGNEE', 'REJECT_REASON_NOT_ALLOWED')
  @Post('reject') @HttpCode(200)
  reject(@Param('id') id: string, @Body() body: RejectComplaintRequest, @CurrentActor() actor: Actor, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run('RejectComplaint', { complaintId: id, ...body } satisfies Input<'RejectComplaint'>, actor, req, reply);
  }

  @ApiOperation({ summary: 'Archive a complaint as invalid' })
  @ApiCommandProblems()
  @Post('archive') @HttpCode(200)
  archive(@Param('id') id: string, @Body() body: ArchiveComplaintRequest, @CurrentActor() actor: Actor, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run('ArchiveComplaint', { complaintId: id, ...body } satisfies Input<'ArchiveComplaint'>, actor, req, reply);
  }

  @ApiOperation({ summary: 'Dispose a verified complaint to an agency, or re-dispose it' })
  @ApiCommandProblems('NOT_CURRENT_ASSIGNEE', 'TARGET_OUTSIDE_SCOPE', 'DISPOSITION_REQUIRES_VERIFICATION', 'ALREADY_DISPOSED_TO_AGENCY', 'OPEN_CLARIFICATIONS', 'UNKNOWN_REFERENCE')
  @Post('dispose') @HttpCode(200)
  dispose(@Param('id') id: string, @Body() body: DisposeComplaintRequest, @CurrentActor() actor: Actor, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run('DisposeComplaint', { complaintId: id, ...body } satisfies Input<'DisposeComplaint'>, actor, req, reply);
  }

  @ApiOperation({ summary: 'Accept a disposition as the receiving agency' })
  @ApiCommandProblems('NOT_CURRENT_ASSIGNEE')
  @Post('accept') @HttpCode(200)
  accept(@Param('id') id: string, @Body() _body: AcceptDispositionRequest, @CurrentActor() actor: Actor, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run('AcceptDisposition', { complaintId: id } satisfies Input<'AcceptDisposition'>, actor, req, reply);
  }

  @ApiOperation({ summary: 'Ask the reporter, the respondent or another agency a question' })
  @ApiCommandProblems('NOT_CURRENT_ASSIGNEE', 'UNKNOWN_REFERENCE')
  @Post('request-clarification') @HttpCode(200)
  requestClarification(@Param('id') id: string, @Body() body: RequestClarificationRequest, @CurrentActor() actor: Actor, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    // The handler derives the clarification id from the command id, so retries reuse it.
    const data = { complaintId: id, clarificationId: '', ...body, partyAgencyId: body.partyAgencyId ?? null };
    return this.run('RequestClarification', data satisfies Input<'RequestClarification'>, actor, req, reply);
  }

  @ApiOperation({ summary: 'Answer an open clarification' })
  @ApiCommandProblems('NOT_CURRENT_ASSIGNEE', 'NOT_THE_REPORTER', 'CLARIFICATION_NOT_OPEN')
  @Post('answer-clarification') @HttpCode(200)
  answerClarification(@Param('id') id: string, @Body() body: AnswerClarificationRequest, @CurrentActor() actor: Actor, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run('AnswerClarification', { complaintId: id, ...body } satisfies Input<'AnswerClarification'>, actor, req, reply);
  }

  @ApiOperation({ summary: 'Record the reporter’s answer given offline (phone, sms, letter or in person)' })
  @ApiCommandProblems('NOT_CURRENT_ASSIGNEE', 'CLARIFICATION_NOT_OPEN')
  @Post('record-clarification-answer') @HttpCode(200)
  recordClarificationAnswer(@Param('id') id: string, @Body() body: RecordClarificationAnswerRequest, @CurrentActor() actor: Actor, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run('RecordClarificationAnswerOnBehalf', { complaintId: id, ...body } satisfies Input<'RecordClarificationAnswerOnBehalf'>, actor, req, reply);
  }

  @ApiOperation({ summary: 'Start mediation between the reporter and the respondent' })
  @ApiCommandProblems('NOT_CURRENT_ASSIGNEE')
  @Post('start-mediation') @HttpCode(200)
  startMediation(@Param('id') id: string, @Body() body: StartMediationRequest, @CurrentActor() actor: Actor, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run('StartMediation', { complaintId: id, ...body } satisfies Input<'StartMediation'>, actor, req, reply);
  }

  @ApiOperation({ summary: 'Record how mediation ended' })
  @ApiCommandProblems('NOT_CURRENT_ASSIGNEE')
  @Post('record-mediation-outcome') @HttpCode(200)
  recordMediationOutcome(@Param('id') id: string, @Body() body: RecordMediationOutcomeRequest, @CurrentActor() actor: Actor, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run('RecordMediationOutcome', { complaintId: id, ...body } satisfies Input<'RecordMediationOutcome'>, actor, req, reply);
  }

  @ApiOperation({ summary: 'Open an investigation' })
  @ApiCommandProblems('NOT_CURRENT_ASSIGNEE')
  @Post('open-investigation') @HttpCode(200)
  openInvestigation(@Param('id') id: string, @Body() body: OpenInvestigationRequest, @CurrentActor() actor: Actor, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run('OpenInvestigation', { complaintId: id, ...body } satisfies Input<'OpenInvestigation'>, actor, req, reply);
  }

  @ApiOperation({ summary: 'Record an investigation’s findings' })
  @ApiCommandProblems('NOT_CURRENT_ASSIGNEE')
  @Post('record-findings') @HttpCode(200)
  recordFindings(@Param('id') id: string, @Body() body: RecordFindingsRequest, @CurrentActor() actor: Actor, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run('RecordFindings', { complaintId: id, ...body } satisfies Input<'RecordFindings'>, actor, req, reply);
  }

  @ApiOperation({ summary: 'Give the follow-up (tindak lanjut)' })
  @ApiCommandProblems('NOT_CURRENT_ASSIGNEE', 'FINDINGS_REQUIRED', 'OPEN_CLARIFICATIONS')
  @Post('respond') @HttpCode(200)
  respond(@Param('id') id: string, @Body() body: RespondToComplaintRequest, @CurrentActor() actor: Actor, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run('RespondToComplaint', { complaintId: id, ...body } satisfies Input<'RespondToComplaint'>, actor, req, reply);
  }

  @ApiOperation({ summary: 'Close a complaint after its follow-up' })
  @ApiCommandProblems('NOT_CURRENT_ASSIGNEE', 'NOT_THE_REPORTER', 'CLOSE_REQUIRES_FOLLOW_UP')
  @Post('close') @HttpCode(200)
  close(@Param('id') id: string, @Body() body: CloseComplaintRequest, @CurrentActor() actor: Actor, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run('CloseComplaint', { complaintId: id, reasonCode: body.reasonCode, note: body.note ?? null } satisfies Input<'CloseComplaint'>, actor, req, reply);
  }

  @ApiOperation({ summary: 'Dispute the follow-up as the reporter, within the dispute window' })
  @ApiCommandProblems('NOT_THE_REPORTER', 'DISPUTE_WINDOW_CLOSED')
  @Post('dispute') @HttpCode(200)
  dispute(@Param('id') id: string, @Body() body: DisputeFollowUpRequest, @CurrentActor() actor: Actor, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    // The handler fills in the window from the complaint's pinned SLA policy.
    return this.run('DisputeFollowUp', { complaintId: id, windowEndsAt: '', ...body } satisfies Input<'DisputeFollowUp'>, actor, req, reply);
  }

  @ApiOperation({ summary: 'Rate the handling as the reporter (kepuasan, 1 to 5)' })
  @ApiCommandProblems('NOT_THE_REPORTER', 'RATING_OUT_OF_RANGE', 'ALREADY_RATED')
  @Post('rate') @HttpCode(200)
  rate(@Param('id') id: string, @Body() body: RateComplaintRequest, @CurrentActor() actor: Actor, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run('RateComplaint', { complaintId: id, rating: body.rating, comment: body.comment ?? null } satisfies Input<'RateComplaint'>, actor, req, reply);
  }

  @ApiOperation({ summary: 'Reopen a closed complaint' })
  @ApiCommandProblems('NOT_CURRENT_ASSIGNEE', 'NOT_THE_REPORTER', 'REOPEN_WINDOW_CLOSED')
  @Post('reopen') @HttpCode(200)
  reopen(@Param('id') id: string, @Body() body: ReopenComplaintRequest, @CurrentActor() actor: Actor, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run('ReopenComplaint', { complaintId: id, ...body } satisfies Input<'ReopenComplaint'>, actor, req, reply);
  }

  @ApiOperation({ summary: 'Mark a complaint as a duplicate of another' })
  @ApiCommandProblems('NOT_CURRENT_ASSIGNEE', 'DUPLICATE_OF_ITSELF', 'ORIGINAL_NOT_FOUND')
  @Post('mark-duplicate') @HttpCode(200)
  markDuplicate(@Param('id') id: string, @Body() body: MarkDuplicateRequest, @CurrentActor() actor: Actor, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run('MarkDuplicate', { complaintId: id, originalComplaintId: body.originalComplaintId, note: body.note ?? null } satisfies Input<'MarkDuplicate'>, actor, req, reply);
  }

  @ApiOperation({ summary: 'Record the agency head’s review of a complaint' })
  @ApiCommandProblems('NOT_CURRENT_ASSIGNEE')
  @Post('record-leadership-review') @HttpCode(200)
  recordLeadershipReview(@Param('id') id: string, @Body() body: RecordLeadershipReviewRequest, @CurrentActor() actor: Actor, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run('RecordLeadershipReview', { complaintId: id, summary: body.summary, clusterId: body.clusterId ?? null } satisfies Input<'RecordLeadershipReview'>, actor, req, reply);
  }

  @ApiOperation({ summary: 'Link a policy improvement the complaint led to' })
  @ApiCommandProblems('NOT_CURRENT_ASSIGNEE')
  @Post('link-policy-improvement') @HttpCode(200)
  linkPolicyImprovement(@Param('id') id: string, @Body() body: LinkPolicyImprovementRequest, @CurrentActor() actor: Actor, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run('LinkPolicyImprovement', { complaintId: id, ...body } satisfies Input<'LinkPolicyImprovement'>, actor, req, reply);
  }

  private async run<T extends LifecycleInput['type']>(type: T, data: Input<T>, actor: Actor, req: FastifyRequest, reply: FastifyReply): Promise<CommandResponse> {
    const preconditions = readPreconditions(req.headers, String(req.id));
    const input = { type, data } as LifecycleInput;
    const result = await this.commandBus.execute(new LifecycleCommand(input, actor, preconditions));
    reply.header('etag', entityTag(result.revision));
    return { id: result.id, revision: result.revision.toString(), ...(result.clarificationId ? { clarificationId: result.clarificationId } : {}) };
  }
}
