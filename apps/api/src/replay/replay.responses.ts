import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import type { AuditEventPage, ChangeStep, ComplaintAsOf, ComplaintChanges, FieldChange, RecordIntegrity } from '@lacak/application/queries';
import { ComplaintDetail, HistoryEntry, REVISION } from '../complaints/queries/complaint-queries.responses';

/**
 * The answers of the replay and audit-event queries, for the OpenAPI document. Each class implements
 * the view the use case returns, so a field added there and not here fails to compile.
 */

/** Any JSON value, null included: a field of the complaint before or after a change. */
const anyValue = (description: string): ApiPropertyOptions => ({
  description,
  anyOf: [{ type: 'string', nullable: true }, { type: 'number' }, { type: 'boolean' }, { type: 'object' }, { type: 'array', items: {} }],
});

export class ChainFaultRecord {
  @ApiProperty(REVISION) revision!: string;
  @ApiProperty({ example: 'content-changed', description: '`content-changed`, `link-broken`, `revision-gap` or `unhashed-event`' }) kind!: string;
}

export class RecordIntegrityAnswer implements RecordIntegrity {
  @ApiProperty({ description: 'Whether every stored event of the complaint still hashes as it was written (the whole stream, not only up to the revision)' })
  intact!: boolean;

  @ApiProperty({ type: [ChainFaultRecord] }) faults!: ChainFaultRecord[];
}

export class ComplaintAsOfAnswer implements ComplaintAsOf {
  @ApiProperty({ format: 'uuid' }) complaintId!: string;
  @ApiProperty({ ...REVISION, description: 'The revision reached: the one asked for, or the last event that occurred at or before `at`' }) revision!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'The instant asked for; null when asked by revision' }) at!: string | null;
  @ApiProperty({
    type: ComplaintDetail,
    description: 'The complaint at that revision, folded from the event store, as the reader sees it; without clocks (`deadlines`, `remainingWorkingDays`), which count against today',
  })
  complaint!: ComplaintDetail;

  @ApiProperty({ type: [HistoryEntry], description: 'The events up to that revision, oldest first, as the history shows them' }) events!: HistoryEntry[];
  @ApiProperty({ type: RecordIntegrityAnswer }) integrity!: RecordIntegrityAnswer;
}

export class FieldChangeRecord implements FieldChange {
  @ApiProperty({ example: 'status', description: 'Dotted, with list positions in brackets: `investigation.conclusion`, `followUps[0]`' }) path!: string;
  @ApiProperty(anyValue('The value before; null when the field was absent')) before!: unknown;
  @ApiProperty(anyValue('The value after; null when the field is gone')) after!: unknown;
}

export class ChangeStepEntry extends HistoryEntry implements ChangeStep {
  @ApiProperty({ type: [FieldChangeRecord], description: 'The fields this event changed' }) changes!: FieldChangeRecord[];
}

export class ComplaintChangesAnswer implements ComplaintChanges {
  @ApiProperty({ format: 'uuid' }) complaintId!: string;
  @ApiProperty(REVISION) from!: string;
  @ApiProperty(REVISION) to!: string;
  @ApiProperty({ type: [FieldChangeRecord], description: 'Every field that differs between the complaint at `from` and at `to`' }) changes!: FieldChangeRecord[];
  @ApiProperty({ type: [ChangeStepEntry], description: 'Each event after `from` up to `to`, oldest first: who, when, and the fields it changed' })
  events!: ChangeStepEntry[];

  @ApiProperty({ type: RecordIntegrityAnswer }) integrity!: RecordIntegrityAnswer;
}

export class AuditEventPageAnswer implements AuditEventPage {
  @ApiProperty({ type: [HistoryEntry], description: 'Oldest first' }) items!: HistoryEntry[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 50 }) pageSize!: number;
  @ApiProperty({ description: 'Events matching the filter, on every page' }) total!: number;
}
