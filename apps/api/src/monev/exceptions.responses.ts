import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  type ComplaintExceptionItem,
  type ExceptionList,
  type MonevExceptionKind,
  type MonevExceptionPage,
  type MonevExceptionsOverview,
  type MonevOverdueActionPage,
  OVERDUE_ACTION_ITEMS,
  type OverdueActionList,
} from '@lacak/application/queries';
import { COMPLAINT_STATUSES, type ComplaintStatus } from '@lacak/domain';
import { COMPLAINT_EXCEPTION_KINDS, type ComplaintExceptionKind } from '@lacak/projections';
import { OrganisationNode } from '../agencies/agencies.responses';
import { OverdueActionResponse } from '../evaluations/evaluations.responses';

/** The answers of the monev exceptions query, for the OpenAPI document; each implements the view it documents. */

export class ExceptionAgency {
  @ApiProperty({ example: 'id-32.01-dinkes' }) id!: string;
  @ApiProperty({ example: 'Dinas Kesehatan Kabupaten Bogor' }) name!: string;
}

export class ComplaintExceptionEntry implements ComplaintExceptionItem {
  @ApiProperty({ format: 'uuid' }) complaintId!: string;
  @ApiProperty({ example: 'LPR-7K3Q9X2M4D1A' }) trackingId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: COMPLAINT_STATUSES }) status!: ComplaintStatus;
  @ApiProperty({ type: ExceptionAgency, description: 'The node holding the complaint now' }) agency!: ExceptionAgency;
  @ApiProperty({ format: 'date-time', description: 'When the fact that made it this kind of exception happened (for an overdue complaint: the first missed follow-up or resolution deadline)' })
  since!: string;

  @ApiProperty({ example: 12, description: 'Calendar days from `since` to the request, as local dates in the holding agency’s time zone' })
  ageDays!: number;
}

export class ExceptionListAnswer implements ExceptionList {
  @ApiProperty({ description: 'Every complaint of the kind in the subtree; an APIP inspector’s count includes rahasia and anonim complaints, which are never listed to inspectors' })
  count!: number;

  @ApiProperty({ type: [ComplaintExceptionEntry], description: 'Oldest first' }) items!: ComplaintExceptionEntry[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor`, with `kind`, for the next items; null after the last' })
  nextCursor!: string | null;
}

export class OverdueActionListAnswer implements OverdueActionList {
  @ApiProperty({ description: 'Every overdue action-plan item in the subtree' }) count!: number;
  @ApiProperty({ type: [OverdueActionResponse], description: 'Most overdue first; the first `limit`, without a cursor' })
  items!: OverdueActionResponse[];
}

export const KIND_DESCRIPTIONS: Record<MonevExceptionKind, string> = {
  'no-follow-up-overdue': 'Open, without a follow-up, past a follow-up or resolution deadline',
  escalated: 'Open and escalated to a parent node',
  bouncing: 'Open and returned at least once as not the agency’s authority',
  disputed: 'Open, with a follow-up the reporter disputed',
  ombudsman: 'Referred to the Ombudsman, whatever the status since',
  [OVERDUE_ACTION_ITEMS]: 'Action-plan items past their due date and not complete, with `daysOverdue` (as listed by `GET /monev/action-plans/overdue`)',
};

type OverviewKinds = MonevExceptionsOverview['kinds'];

export class ExceptionKindsAnswer implements OverviewKinds {
  @ApiProperty({ type: ExceptionListAnswer, description: KIND_DESCRIPTIONS['no-follow-up-overdue'] }) 'no-follow-up-overdue'!: ExceptionListAnswer;
  @ApiProperty({ type: ExceptionListAnswer, description: KIND_DESCRIPTIONS.escalated }) escalated!: ExceptionListAnswer;
  @ApiProperty({ type: ExceptionListAnswer, description: KIND_DESCRIPTIONS.bouncing }) bouncing!: ExceptionListAnswer;
  @ApiProperty({ type: ExceptionListAnswer, description: KIND_DESCRIPTIONS.disputed }) disputed!: ExceptionListAnswer;
  @ApiProperty({ type: ExceptionListAnswer, description: KIND_DESCRIPTIONS.ombudsman }) ombudsman!: ExceptionListAnswer;
  @ApiPropertyOptional({
    type: OverdueActionListAnswer,
    description: `${KIND_DESCRIPTIONS[OVERDUE_ACTION_ITEMS]}. Absent for a role that may not list overdue actions (a unit officer).`,
  })
  [OVERDUE_ACTION_ITEMS]?: OverdueActionListAnswer;
}

export class MonevExceptionsAnswer implements MonevExceptionsOverview {
  @ApiProperty({ type: OrganisationNode }) node!: OrganisationNode;
  @ApiProperty({ format: 'date-time', description: 'The instant the ages count to' }) asOf!: string;
  @ApiProperty({ type: ExceptionKindsAnswer, description: 'Per kind: the count and the oldest `limit` items' }) kinds!: ExceptionKindsAnswer;
}

export class MonevExceptionPageAnswer extends ExceptionListAnswer implements MonevExceptionPage {
  @ApiProperty({ type: OrganisationNode }) node!: OrganisationNode;
  @ApiProperty({ format: 'date-time', description: 'The instant the ages count to' }) asOf!: string;
  @ApiProperty({ enum: COMPLAINT_EXCEPTION_KINDS }) kind!: ComplaintExceptionKind;
}

export class MonevOverdueActionPageAnswer extends OverdueActionListAnswer implements MonevOverdueActionPage {
  @ApiProperty({ type: OrganisationNode }) node!: OrganisationNode;
  @ApiProperty({ format: 'date-time', description: 'The instant the ages count to (as the node’s local date)' }) asOf!: string;
  @ApiProperty({ enum: [OVERDUE_ACTION_ITEMS] }) kind!: typeof OVERDUE_ACTION_ITEMS;
}
