import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import {
  DELIVERY_CURSOR_PATTERN,
  DELIVERY_PAGE_LIMIT,
  DELIVERY_STATES,
  type DeliveryPage,
  type DeliveryRecord,
  type DeliveryState,
  GetDelivery,
  ListDeliveries,
  RetryDelivery,
} from '@lacak/application';
import type { Actor } from '@lacak/domain';
import { Allows } from '../auth/allows.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { RequestValidationError } from '../problem-details/request-validation.error';
import { ApiBodyProblems, ApiQueryProblems } from '../openapi/problem-responses';
import { DeliveryBody, DeliveryPageBody } from './deliveries.responses';

export class ListDeliveriesParams {
  @ApiPropertyOptional({ enum: DELIVERY_STATES, description: 'dead: the dead-letter list' }) @IsOptional() @IsIn(DELIVERY_STATES)
  state?: DeliveryState;

  @ApiPropertyOptional({ example: 'webhook' }) @IsOptional() @IsString() @Matches(/^[a-z0-9-]{1,50}$/)
  channel?: string;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the page before' }) @IsOptional() @Matches(DELIVERY_CURSOR_PATTERN)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: DELIVERY_PAGE_LIMIT, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(DELIVERY_PAGE_LIMIT)
  limit?: number;
}

/** A delivery's id is a UUID; anything else is a bad request, named like every invalid field. */
const DeliveryId = new ParseUUIDPipe({ exceptionFactory: () => new RequestValidationError([{ field: 'id', messages: ['id must be a UUID'] }]) });

/** The delivery outbox for operators: what went out, what waits, the dead-letter list, and a retry. */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('admin/deliveries')
export class DeliveriesController {
  constructor(
    private readonly listDeliveries: ListDeliveries,
    private readonly getDelivery: GetDelivery,
    private readonly retryDelivery: RetryDelivery,
  ) {}

  @Get()
  @Allows('list-deliveries')
  @ApiOperation({ summary: 'Deliveries (notifications, webhook calls, SP4N-LAPOR! calls) in log order, by state and channel, with their attempts (national admin)' })
  @ApiOkResponse({ type: DeliveryPageBody })
  @ApiQueryProblems('VALIDATION_FAILED', 'ROLE_NOT_ALLOWED')
  list(@Query() params: ListDeliveriesParams, @CurrentActor() actor: Actor): Promise<DeliveryPage> {
    return this.listDeliveries.run(actor, params);
  }

  @Get(':id')
  @Allows('get-delivery')
  @ApiOperation({ summary: 'One delivery with its attempts (national admin)' })
  @ApiOkResponse({ type: DeliveryBody })
  @ApiQueryProblems('VALIDATION_FAILED', 'ROLE_NOT_ALLOWED', 'DELIVERY_NOT_FOUND')
  get(@Param('id', DeliveryId) id: string, @CurrentActor() actor: Actor): Promise<DeliveryRecord> {
    return this.getDelivery.run(actor, id);
  }

  /** Pending again, due now, under the same idempotency key, its attempts kept. */
  @Post(':id/retry')
  @HttpCode(200)
  @Allows('retry-delivery')
  @ApiOperation({ summary: 'Send a dead, skipped or pending delivery again, now, under the same idempotency key (national admin)' })
  @ApiOkResponse({ type: DeliveryBody, description: 'The delivery, pending and due now' })
  @ApiBodyProblems('UNAUTHENTICATED', 'ROLE_NOT_ALLOWED', 'DELIVERY_NOT_FOUND', 'DELIVERY_ALREADY_DELIVERED')
  retry(@Param('id', DeliveryId) id: string, @CurrentActor() actor: Actor): Promise<DeliveryRecord> {
    return this.retryDelivery.run(actor, id);
  }
}
