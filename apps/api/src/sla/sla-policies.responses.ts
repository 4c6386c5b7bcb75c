import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REDISPOSITION_RULES, SPAN_LIMITS, type SlaPolicy } from '@lacak/deadlines';

/** The answer of GET /sla-policies, for the OpenAPI document. */

const SPAN = {
  oneOf: [
    { type: 'object', required: ['workingDays'], properties: { workingDays: { type: 'integer', minimum: 0 } } },
    { type: 'object', required: ['calendarDays'], properties: { calendarDays: { type: 'integer', minimum: 0 } } },
  ],
};

export class SlaPolicyVersion implements SlaPolicy {
  @ApiProperty({ example: '2018.1' }) version!: string;
  @ApiProperty({ format: 'date', description: 'In force from 00:00 WIB on this date until the next version’s date' }) effectiveFrom!: string;
  @ApiProperty({ description: 'The regulation it follows' }) source!: string;
  @ApiProperty({ enum: REDISPOSITION_RULES, description: 'Whether a re-disposition restarts the resolution clock' }) onRedisposition!: SlaPolicy['onRedisposition'];

  @ApiProperty({
    type: 'object',
    properties: {
      ...Object.fromEntries(SPAN_LIMITS.map((limit) => [limit, SPAN])),
      bounceEscalationThreshold: { type: 'integer', description: 'Returns after which a complaint counts as bouncing' },
    },
    required: [...SPAN_LIMITS, 'bounceEscalationThreshold'],
    description: 'Each limit in working days or calendar days',
  })
  limits!: SlaPolicy['limits'];

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: 'Where each limit comes from' })
  sources?: SlaPolicy['sources'];
}

export class SlaPolicyList {
  @ApiProperty({ description: 'The version in force now', example: '2018.1' }) inForce!: string;
  @ApiProperty({ type: [SlaPolicyVersion] }) versions!: readonly SlaPolicyVersion[];
}
