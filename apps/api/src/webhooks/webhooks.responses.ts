import { ApiProperty } from '@nestjs/swagger';
import { COMPLAINT_EVENT_TYPES, WEBHOOK_DISABLE_REASONS, type WebhookDisableReason } from '@lacak/domain';

export class WebhookEndpointCreatedResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: 'The signing secret, shown this once: keep it to verify `webhook-signature`' })
  secret!: string;
}

export class WebhookEndpointChangedResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
}

export class WebhookEndpointDisabledView {
  @ApiProperty({ enum: [...WEBHOOK_DISABLE_REASONS], description: '`by-admin`: turned off; `gone`: the receiver answered 410; `failing`: it kept failing for longer than the engine allows' })
  reason!: WebhookDisableReason;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'For `failing`: since when its deliveries failed' })
  failingSince!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class WebhookEndpointResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() agencyId!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ isArray: true, enum: [...COMPLAINT_EVENT_TYPES] }) eventTypes!: string[];
  @ApiProperty({ format: 'date-time' }) registeredAt!: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ type: WebhookEndpointDisabledView, nullable: true, description: 'Why it receives nothing: the notice to its admin' })
  disabled!: WebhookEndpointDisabledView | null;
}
