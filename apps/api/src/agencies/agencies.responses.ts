import { ApiProperty } from '@nestjs/swagger';
import { ORG_NODE_KINDS, type OrgNode, type SlaClass } from '@lacak/domain';
import type { AgencyStatsView, CountersView } from './agency-queries';
import type { AgencyNodeView, SlaIndicators } from '@lacak/application/queries';
import { INDONESIAN_ZONES } from '@lacak/deadlines';

/** The answers of the organisation queries, for the OpenAPI document; each implements the view it documents. */

export class OrganisationNode implements OrgNode {
  @ApiProperty({ example: 'id-32.01-dinkes' }) id!: string;
  @ApiProperty({ example: 'Dinas Kesehatan Kabupaten Bogor' }) name!: string;
  @ApiProperty({ enum: ORG_NODE_KINDS }) kind!: OrgNode['kind'];
  @ApiProperty({ type: String, nullable: true, description: 'Null for the national root', example: 'id-32.01' }) parentId!: string | null;
}

export class AgencyListNode extends OrganisationNode implements AgencyNodeView {
  @ApiProperty({ enum: Object.values(INDONESIAN_ZONES), description: 'The zone the node’s deadlines and local days are counted in; times for it read best in this zone', example: 'WIB' })
  zone!: AgencyNodeView['zone'];
}

export class AgencyCounters implements CountersView {
  @ApiProperty({ description: 'Complaints addressed to the node (or to the national router)' }) received!: number;
  @ApiProperty() verified!: number;
  @ApiProperty({ description: 'Dispositions received' }) disposed!: number;
  @ApiProperty({ description: 'Dispositions returned as "not our authority"' }) returned!: number;
  @ApiProperty() rejected!: number;
  @ApiProperty() archived!: number;
  @ApiProperty({ description: 'Follow-ups given (tindak lanjut)' }) responded!: number;
  @ApiProperty() closed!: number;
  @ApiProperty() duplicates!: number;
  @ApiProperty() disputed!: number;
  @ApiProperty() reopened!: number;
  @ApiProperty() deadlinesMissed!: number;
  @ApiProperty({ description: 'Escalations from the node to a parent' }) escalated!: number;
  @ApiProperty() referredToOmbudsman!: number;
  @ApiProperty() leadershipReviews!: number;
  @ApiProperty() policyImprovements!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Follow-ups per disposition received; null before any disposition', example: 0.875 })
  followUpRate!: number | null;
}

export class SlaClassCompliance {
  @ApiProperty({ description: 'Complaints of the class followed up' }) responded!: number;
  @ApiProperty({ description: 'Of them, without a missed resolution deadline' }) withinSla!: number;
  @ApiProperty({ type: Number, nullable: true, example: 0.9 }) rate!: number | null;
}

export class OverdueAgeing implements Record<keyof SlaIndicators['overdueAgeing'], number> {
  @ApiProperty({ description: 'Open complaints 1 to 7 days past their first missed deadline' }) '1-7'!: number;
  @ApiProperty() '8-30'!: number;
  @ApiProperty() '31-60'!: number;
  @ApiProperty() '>60'!: number;
}

export class RatingSummary {
  @ApiProperty({ type: Number, nullable: true, description: 'Mean reporter rating, 1 to 5', example: 4.25 }) average!: number | null;
  @ApiProperty() count!: number;
}

export class SlaComplianceByClass implements Record<SlaClass, SlaClassCompliance> {
  @ApiProperty({ type: SlaClassCompliance }) information!: SlaClassCompliance;
  @ApiProperty({ type: SlaClassCompliance }) ordinary!: SlaClassCompliance;
  @ApiProperty({ type: SlaClassCompliance }) supervisory!: SlaClassCompliance;
}

export class SlaIndicatorsBody implements SlaIndicators {
  @ApiProperty({ type: SlaComplianceByClass, description: 'Per SLA class' }) compliance!: SlaComplianceByClass;
  @ApiProperty({ type: OverdueAgeing }) overdueAgeing!: OverdueAgeing;
  @ApiProperty({ type: RatingSummary, description: 'Kepuasan' }) rating!: RatingSummary;
}

export class AgencyStats implements AgencyStatsView {
  @ApiProperty({ type: OrganisationNode }) agency!: OrganisationNode;
  @ApiProperty({ type: AgencyCounters, description: 'Counters of the node itself' }) own!: AgencyCounters;
  @ApiProperty({ type: AgencyCounters, description: 'Counters of the node and everything below it' }) subtree!: AgencyCounters;
  @ApiProperty({ description: 'Nodes in the subtree, the node included' }) subtreeSize!: number;
  @ApiProperty({ type: SlaIndicatorsBody, description: 'Over the subtree, as of the request' }) sla!: SlaIndicatorsBody;
}
