import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, Length } from 'class-validator';
import { COMPLAINT_EVENT_TYPES, WEBHOOK_URL_MAX_LENGTH } from '@lacak/domain';

/** Request bodies of the webhook endpoints: shape only; the rules live in the domain and the address policy. */

const EVENT_TYPES = {
  isArray: true,
  enum: [...COMPLAINT_EVENT_TYPES],
  example: ['ComplaintDisposed', 'ComplaintResponded', 'ComplaintClosed'],
  description: 'The complaint events the endpoint receives',
};

export class RegisterWebhookEndpointRequest {
  @ApiProperty({ example: 'https://sistem.dinkes.example.go.id/lacak/webhooks', maxLength: WEBHOOK_URL_MAX_LENGTH, description: 'https in production; never a private or loopback address' })
  @IsString() @Length(1, WEBHOOK_URL_MAX_LENGTH)
  url!: string;

  @ApiProperty(EVENT_TYPES)
  @IsArray() @ArrayMaxSize(COMPLAINT_EVENT_TYPES.length) @IsString({ each: true }) @Length(1, 100, { each: true })
  eventTypes!: string[];

  @ApiPropertyOptional({ description: 'A signing secret of your own (`whsec_` and base64 of 24 to 64 bytes); unset, the engine makes one and answers it once' })
  @IsOptional() @IsString() @Length(1, 200)
  secret?: string;
}

export class ChangeWebhookEndpointRequest {
  @ApiPropertyOptional(EVENT_TYPES)
  @IsOptional() @IsArray() @ArrayMaxSize(COMPLAINT_EVENT_TYPES.length) @IsString({ each: true }) @Length(1, 100, { each: true })
  eventTypes?: string[];

  @ApiPropertyOptional({ description: 'false turns the endpoint off; true turns it on again, also after the engine disabled it' })
  @IsOptional() @IsBoolean()
  enabled?: boolean;
}
