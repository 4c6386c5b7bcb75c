import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DELIVERY_STATES, type DeliveryAttempt, type DeliveryPage, type DeliveryRecord, type DeliveryState } from '@lacak/application';
import type { JsonObject } from '@lacak/event-store';

/** The answers of the delivery outbox's admin endpoints, for the OpenAPI document. */

export class DeliveryAttemptBody implements DeliveryAttempt {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ enum: ['delivered', 'skipped', 'failed'] }) outcome!: DeliveryAttempt['outcome'];
  @ApiProperty({ type: String, nullable: true, example: 'http-503', description: 'A code or short reason, never content or personal data' })
  reason!: string | null;
}

export class DeliveryBody implements DeliveryRecord {
  @ApiProperty({ format: 'uuid', description: 'The idempotency key, derived from the event and the target: every attempt carries it' }) _id!: string;
  @ApiProperty({ example: 'webhook', description: 'The channel that carries it: email, sms, webhook, lapor' }) channel!: string;
  @ApiProperty({ example: 'webhook-endpoint:3f1c…', description: 'Who receives it, as a reference, never an address' }) target!: string;
  @ApiProperty({ example: 'complaint-verified', description: 'A template or an operation' }) topic!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) complaintId!: string | null;
  @ApiProperty({ description: 'Deliveries sharing it go out one at a time, in log order' }) orderKey!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'References the channel needs (ids, codes), never personal data' })
  details?: JsonObject;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'ComplaintVerified' }) eventType!: string;
  @ApiProperty({ example: 'complaint-2b9d2c2e-9a5f-4a55-9f43-4d1e1f1b7a10' }) streamId!: string;
  @ApiProperty({ pattern: '^\\d+$', description: 'The event’s global position (64-bit), a string of digits' }) position!: string;
  @ApiProperty({ enum: DELIVERY_STATES, description: 'pending waits for its next attempt; dead gave up (the dead-letter list) until retried' })
  state!: DeliveryState;
  @ApiProperty({ type: [DeliveryAttemptBody] }) attempts!: DeliveryAttemptBody[];
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'When the next attempt is due; null unless pending' }) nextAttemptAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'When it was delivered, skipped or given up' }) settledAt!: string | null;
}

export class DeliveryPageBody implements DeliveryPage {
  @ApiProperty({ type: [DeliveryBody] }) items!: DeliveryBody[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' }) nextCursor!: string | null;
}
