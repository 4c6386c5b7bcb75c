import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query as QueryParams, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommandRefusedError, type EvaluationRequest } from '@lacak/application';
import type { EvaluationView, OverdueAction } from '@lacak/application/queries';
import { type Actor, refuse } from '@lacak/domain';
import { Allows } from '../auth/allows.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { entityTag, readPreconditions } from '../http/preconditions';
import { ApiCommandProblems, ApiProblems, ApiQueryProblems, type ProblemCode } from '../openapi/problem-responses';
import { GetEvaluationQuery, ListEvaluationsQuery, ListOverdueActionsQuery, RunEvaluationCommand } from './evaluations.bus';
import {
  EmptyRequest,
  ListEvaluationsParams,
  OverdueActionsParams,
  RecordActionProgressRequest,
  RecordEvaluationRequest,
  ReturnActionPlanRequest,
  SubmitActionPlanRequest,
} from './evaluations.requests';
import { EvaluationCommandResponse, EvaluationResponse, OverdueActionResponse } from './evaluations.responses';

const ETAG = { ETag: { description: 'The evaluation’s revision after the command, as `"<digits>"`', schema: { type: 'string' } } };
/** What every command on an existing evaluation can answer besides the shared command problems. */
const ON_EVALUATION: ProblemCode[] = ['EVALUATION_NOT_FOUND', 'RECOMMENDATION_NOT_FOUND'];

/**
 * Evaluations of complaint handling (evaluasi pengelolaan pengaduan): the evaluator's scores and
 * recommendations for an agency's year, the agency's action plans (rencana aksi) and their progress.
 */
@ApiTags('evaluations')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A repeat with the same key returns the first result' })
@Controller('evaluations')
export class EvaluationsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  private async run(request: EvaluationRequest, actor: Actor, req: FastifyRequest, reply: FastifyReply): Promise<EvaluationCommandResponse> {
    const outcome = await this.commandBus.execute(new RunEvaluationCommand(request, actor, readPreconditions(req.headers, String(req.id))));
    reply.header('etag', entityTag(outcome.revision));
    return { id: outcome.evaluationId, revision: outcome.revision.toString() };
  }

  /** 201: one evaluation per agency and year, its id `<year>-<agency>`. */
  @Post()
  @Allows('record-evaluation')
  @ApiOperation({ summary: 'Record an agency’s evaluation for a year: scores per indicator and recommendations (national admin, or a coordinator above the agency)' })
  @ApiCreatedResponse({ type: EvaluationCommandResponse, headers: ETAG })
  @ApiCommandProblems('NOT_THE_EVALUATOR', 'EVALUATION_EXISTS', 'EVALUATION_INVALID', 'UNKNOWN_REFERENCE')
  async record(
    @Body() body: RecordEvaluationRequest,
    @CurrentActor() actor: Actor,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EvaluationCommandResponse> {
    const created = await this.run({ type: 'RecordEvaluation', data: body }, actor, req, reply);
    reply.header('location', `/evaluations/${encodeURIComponent(created.id)}`);
    return created;
  }

  @Get()
  @Allows('list-evaluations')
  @ApiOperation({ summary: 'Evaluations within the actor’s reach, newest year first, by agency subtree and year' })
  @ApiOkResponse({ type: [EvaluationResponse] })
  @ApiQueryProblems('VALIDATION_FAILED', 'ROLE_NOT_ALLOWED')
  list(@QueryParams() params: ListEvaluationsParams, @CurrentActor() actor: Actor): Promise<EvaluationView[]> {
    return this.queryBus.execute(new ListEvaluationsQuery(actor, { agencyId: params.agency, year: params.year }));
  }

  @Get(':id')
  @Allows('get-evaluation')
  @ApiOperation({ summary: 'One evaluation: scores, recommendations with their plan’s status, and the actions with their progress' })
  @ApiOkResponse({ type: EvaluationResponse, headers: { ETag: { description: 'The evaluation’s revision', schema: { type: 'string' } } } })
  @ApiQueryProblems('ROLE_NOT_ALLOWED', 'EVALUATION_NOT_FOUND')
  async get(@Param('id') id: string, @CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply): Promise<EvaluationView> {
    const evaluation = await this.queryBus.execute(new GetEvaluationQuery(actor, id));
    if (!evaluation) throw new CommandRefusedError(refuse('EVALUATION_NOT_FOUND', 'No evaluation exists with this id.'));
    reply.header('etag', entityTag(BigInt(evaluation.revision)));
    return evaluation;
  }

  @Post(':id/recommendations/:recommendationId/action-plan')
  @HttpCode(200)
  @Allows('submit-action-plan')
  @ApiOperation({ summary: 'Answer a recommendation with an action plan: actions, their owners and due dates (the evaluated agency)' })
  @ApiOkResponse({ type: EvaluationCommandResponse, headers: ETAG })
  @ApiCommandProblems(...ON_EVALUATION, 'NOT_THE_EVALUATED_AGENCY', 'ACTION_PLAN_INVALID')
  submitActionPlan(
    @Param('id') evaluationId: string,
    @Param('recommendationId') recommendationId: string,
    @Body() body: SubmitActionPlanRequest,
    @CurrentActor() actor: Actor,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EvaluationCommandResponse> {
    return this.run({ type: 'SubmitActionPlan', data: { evaluationId, recommendationId, actions: body.actions } }, actor, req, reply);
  }

  @Post(':id/actions/:actionId/progress')
  @HttpCode(200)
  @Allows('record-action-progress')
  @ApiOperation({ summary: 'Record progress on an action of a plan: the percent done and a note (the evaluated agency)' })
  @ApiOkResponse({ type: EvaluationCommandResponse, headers: ETAG })
  @ApiCommandProblems('EVALUATION_NOT_FOUND', 'ACTION_NOT_FOUND', 'NOT_THE_EVALUATED_AGENCY', 'ACTION_PLAN_INVALID', 'PROGRESS_CANNOT_DECREASE')
  recordProgress(
    @Param('id') evaluationId: string,
    @Param('actionId') actionId: string,
    @Body() body: RecordActionProgressRequest,
    @CurrentActor() actor: Actor,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EvaluationCommandResponse> {
    return this.run({ type: 'RecordActionProgress', data: { evaluationId, actionId, percent: body.percent, note: body.note } }, actor, req, reply);
  }

  @Post(':id/recommendations/:recommendationId/accept')
  @HttpCode(200)
  @Allows('accept-action-plan')
  @ApiOperation({ summary: 'Accept the submitted action plan of a recommendation (the evaluator)' })
  @ApiOkResponse({ type: EvaluationCommandResponse, headers: ETAG })
  @ApiCommandProblems(...ON_EVALUATION, 'NOT_THE_EVALUATOR')
  acceptPlan(
    @Param('id') evaluationId: string,
    @Param('recommendationId') recommendationId: string,
    @Body() _body: EmptyRequest,
    @CurrentActor() actor: Actor,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EvaluationCommandResponse> {
    return this.run({ type: 'AcceptActionPlan', data: { evaluationId, recommendationId } }, actor, req, reply);
  }

  @Post(':id/recommendations/:recommendationId/return')
  @HttpCode(200)
  @Allows('return-action-plan')
  @ApiOperation({ summary: 'Return the submitted action plan of a recommendation with the reason; the agency submits another (the evaluator)' })
  @ApiOkResponse({ type: EvaluationCommandResponse, headers: ETAG })
  @ApiCommandProblems(...ON_EVALUATION, 'NOT_THE_EVALUATOR', 'ACTION_PLAN_INVALID')
  returnPlan(
    @Param('id') evaluationId: string,
    @Param('recommendationId') recommendationId: string,
    @Body() body: ReturnActionPlanRequest,
    @CurrentActor() actor: Actor,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EvaluationCommandResponse> {
    return this.run({ type: 'ReturnActionPlan', data: { evaluationId, recommendationId, reason: body.reason } }, actor, req, reply);
  }

  @Post(':id/recommendations/:recommendationId/accept-completion')
  @HttpCode(200)
  @Allows('accept-recommendation-completion')
  @ApiOperation({ summary: 'Accept a recommendation as followed up once every action of its accepted plan is complete (the evaluator)' })
  @ApiOkResponse({ type: EvaluationCommandResponse, headers: ETAG })
  @ApiCommandProblems(...ON_EVALUATION, 'NOT_THE_EVALUATOR', 'ACTIONS_NOT_COMPLETE')
  acceptCompletion(
    @Param('id') evaluationId: string,
    @Param('recommendationId') recommendationId: string,
    @Body() _body: EmptyRequest,
    @CurrentActor() actor: Actor,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EvaluationCommandResponse> {
    return this.run({ type: 'AcceptRecommendationCompletion', data: { evaluationId, recommendationId } }, actor, req, reply);
  }
}

/** Action-plan items past their due date and not complete, per subtree: what a coordinator chases. */
@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('monev/action-plans')
export class OverdueActionsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('overdue')
  @Allows('list-overdue-actions')
  @ApiOperation({ summary: 'Overdue action-plan items of a node’s subtree, most overdue first, with their ageing in days (as of the node’s local date)' })
  @ApiOkResponse({ type: [OverdueActionResponse] })
  @ApiProblems('UNAUTHENTICATED', 'VALIDATION_FAILED', 'ROLE_NOT_ALLOWED', 'NOT_FOUND')
  async overdue(@QueryParams() params: OverdueActionsParams, @CurrentActor() actor: Actor): Promise<OverdueAction[]> {
    const overdue = await this.queryBus.execute(new ListOverdueActionsQuery(actor, params.node));
    if (!overdue) throw new NotFoundException(`No agency ${params.node}`);
    return overdue;
  }
}
