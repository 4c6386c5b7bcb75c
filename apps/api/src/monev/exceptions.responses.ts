import { ApiProperty } from '@nestjs/swagger';
import {
  type ComplaintExceptionItem,
  type ExceptionList,
  MONEV_EXCEPTION_KINDS,
  type MonevExceptionKind,
  type MonevExceptionPage,
  type MonevExceptionsOverview,
} from '@lacak/application/queries';
import { COMPLAINT_STATUSES, type ComplaintStatus } from '@lacak/domain';
import { OrganisationNode } from '../agencies/agencies.responses';

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

const KIND_DESCRIPTIONS: Record<MonevExceptionKind, string> = {
  'no-follow-up-overdue': 'Open, without a follow-up, past a follow-up or resolution deadline',
  escalated: 'Open and escalated to a parent node',
  bouncing: 'Open and returned at least once as not the agency’s authority',
  disputed: 'Open, with a follow-up the reporter disputed',
  ombudsman: 'Referred to the Ombudsman, whatever the status since',
};

export class ExceptionKindsAnswer implements Record<MonevExceptionKind, ExceptionList> {
  @ApiProperty({ type: ExceptionListAnswer, description: KIND_DESCRIPTIONS['no-follow-up-overdue'] }) 'no-follow-up-overdue'!: ExceptionListAnswer;
  @ApiProperty({ type: ExceptionListAnswer, description: KIND_DESCRIPTIONS.escalated }) escalated!: ExceptionListAnswer;
  @ApiProperty({ type: ExceptionListAnswer, description: KIND_DESCRIPTIONS.bouncing }) bouncing!: ExceptionListAnswer;
  @ApiProperty({ type: ExceptionListAnswer, description: KIND_DESCRIPTIONS.disputed }) disputed!: ExceptionListAnswer;
  @ApiProperty({ type: ExceptionListAnswer, description: KIND_DESCRIPTIONS.ombudsman }) ombudsman!: ExceptionListAnswer;
}

export class MonevExceptionsAnswer implements MonevExceptionsOverview {
  @ApiProperty({ type: OrganisationNode }) node!: OrganisationNode;
  @ApiProperty({ format: 'date-time', description: 'The instant the ages count to' }) asOf!: string;
  @ApiProperty({ type: ExceptionKindsAnswer, description: 'Per kind: the count and the oldest `limit` items' }) kinds!: ExceptionKindsAnswer;
}

export class MonevExceptionPageAnswer extends ExceptionListAnswer implements MonevExceptionPage {
  @ApiProperty({ type: OrganisationNode }) node!: OrganisationNode;
  @ApiProperty({ format: 'date-time', description: 'The instant the ages count to' }) asOf!: string;
  @ApiProperty({ enum: MONEV_EXCEPTION_KINDS }) kind!: MonevExceptionKind;
}
