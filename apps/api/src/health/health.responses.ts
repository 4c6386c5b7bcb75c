import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import type { CalendarSource, CalendarYear } from '@lacak/deadlines';
import type { LeaseState, ProjectionStatus } from '@lacak/projections';

/** The answers of the operations endpoints, for the OpenAPI document. */

export class StoreHealth {
  @ApiProperty({ enum: ['embedded', 'kurrentdb', 'mongodb'] }) kind!: string;
  @ApiProperty({ enum: ['ok', 'unavailable'], description: 'The cause of an outage goes to the log, not here' }) status!: 'ok' | 'unavailable';
}

export class ProjectionStatusBody implements ProjectionStatus {
  @ApiProperty({ example: 'complaints' }) name!: string;
  @ApiProperty() running!: boolean;
  @ApiProperty({ description: 'Whether it has applied every stored event' }) caughtUp!: boolean;
  @ApiProperty({ type: String, nullable: true, pattern: '^\\d+$', description: 'Global position of its checkpoint (64-bit), a string of digits' })
  position!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'In /health only "failing"; the error itself is in the log' }) lastError!: string | null;
}

export class ProjectorHealth {
  @ApiProperty({ enum: ['not used', 'held', 'standby'], description: 'Whether this process holds the projector lease' }) lease!: LeaseState;
  @ApiProperty({ type: [ProjectionStatusBody] }) projections!: ProjectionStatusBody[];
}

export class CalendarYearBody implements CalendarYear {
  @ApiProperty({ example: 2027 }) year!: number;
  @ApiProperty({ enum: ['published', 'holiday-file', 'date-holidays'], description: 'Where the year’s holidays come from' }) source!: CalendarSource;
  @ApiProperty({ type: Number, nullable: true, description: 'The published version in force' }) version!: number | null;
  @ApiProperty({ description: 'Whether the dates follow a decree (published, or in the holiday file)' }) verified!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'The decree the year follows' }) decree!: string | null;
}

export class CalendarHealth {
  @ApiProperty({ enum: ['verified', 'unverified'] }) status!: 'verified' | 'unverified';
  @ApiProperty({ type: [CalendarYearBody], description: 'This year and the next' }) years!: CalendarYearBody[];
  @ApiPropertyOptional({ description: 'Present while a year’s deadlines rest on unverified dates' }) warning?: string;
}

export class AuditTreeHealth {
  @ApiProperty({ description: 'Events in the notary’s Merkle tree of the log' }) size!: number;
  @ApiProperty({ type: String, nullable: true, pattern: '^\\d+$', description: 'Global position of the last of them, a string of digits' })
  lastPosition!: string | null;
}

export class IntegrityHealthBody {
  @ApiProperty({
    enum: ['not yet verified', 'verified', 'faults'],
    description: 'The last verification of the whole event log by this process: at start (in the background), then every INTEGRITY_CHECK_INTERVAL_MS',
  })
  status!: 'not yet verified' | 'verified' | 'faults';
  @ApiProperty({ description: 'Whether a verification is running now' }) running!: boolean;
  @ApiPropertyOptional({ format: 'date-time', description: 'When the last verification finished' }) verifiedAt?: string;
  @ApiPropertyOptional({ description: 'Events it verified' }) events?: number;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { 'content-changed': 1 },
    description: 'Faults by kind (content-changed, link-broken, revision-gap, unhashed-event, position-gap); the streams and revisions are in the log and in `npm run verify`',
  })
  faults?: Record<string, number>;
  @ApiProperty({ type: AuditTreeHealth, description: 'How far the notary’s tree has come' }) auditTree!: AuditTreeHealth;
}

export class DeliveriesHealthBody {
  @ApiProperty({
    enum: ['ok', 'degraded', 'unknown'],
    description: 'degraded while dead deliveries wait for an admin (GET /admin/deliveries?state=dead); it does not make the report degraded; unknown when the read store does not answer',
  })
  status!: 'ok' | 'degraded' | 'unknown';
  @ApiProperty({ type: Number, nullable: true, description: 'Events stored after the outbox planner’s checkpoint (counted up to 2000, at most 10 s old); null before its first start' })
  plannerLagEvents!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Deliveries waiting for their next attempt' }) pending!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Deliveries given up (the dead-letter list)' }) dead!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'How long the longest-waiting pending delivery has waited, in seconds' })
  oldestPendingAgeSeconds!: number | null;
}

@ApiExtraModels(ProjectorHealth)
export class HealthReport {
  @ApiProperty({ enum: ['ok', 'degraded'], description: 'ok (200) when both stores answer, degraded (503) otherwise' }) status!: 'ok' | 'degraded';
  @ApiProperty({ type: StoreHealth }) eventStore!: StoreHealth;
  @ApiProperty({ type: StoreHealth }) readStore!: StoreHealth;

  @ApiProperty({
    oneOf: [{ $ref: getSchemaPath(ProjectorHealth) }, { type: 'string', enum: ['not in this process'] }],
    description: 'The projections, when this process runs them',
  })
  projector!: ProjectorHealth | 'not in this process';

  @ApiProperty({ type: CalendarHealth, description: 'This year’s and next year’s holidays; a warning while either rests on unverified dates' })
  calendar!: CalendarHealth;

  @ApiProperty({ type: IntegrityHealthBody, description: 'Whether the event log proved intact when last verified; faults do not make the instance degraded' })
  integrity!: IntegrityHealthBody;

  @ApiProperty({ type: DeliveriesHealthBody, description: 'The delivery outbox: its backlog, and whether deliveries were given up' })
  deliveries!: DeliveriesHealthBody;
}
