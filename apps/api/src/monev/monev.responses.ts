import { ApiProperty } from '@nestjs/swagger';
import {
  ORG_NODE_KINDS,
  SCORED_INDICATORS,
  type BacklogAgeing,
  type ScoreBreakdownEntry,
  type MonevIndicators,
  type OrgNode,
  type ScoredIndicator,
} from '@lacak/domain';
import type {
  FiguresSource,
  MonevIndicatorsView,
  MonevPeriodClosing,
  MonevRankingView,
  MonevSnapshotView,
  NodeIndicators,
  RankingEntry,
} from '@lacak/application/queries';
import { RatingSummary, SlaComplianceByClass } from '../agencies/agencies.responses';

/** The answers of the monev queries, for the OpenAPI document; each implements the view it documents. */

export class MonevNode {
  @ApiProperty({ example: 'id-32' }) id!: string;
  @ApiProperty({ example: 'Provinsi Jawa Barat' }) name!: string;
  @ApiProperty({ enum: ORG_NODE_KINDS }) kind!: OrgNode['kind'];
}

export class BacklogAgeingBody implements BacklogAgeing {
  @ApiProperty({ description: 'Open complaints submitted 0 to 7 calendar days before `asOf`' }) '0-7'!: number;
  @ApiProperty() '8-30'!: number;
  @ApiProperty() '31-60'!: number;
  @ApiProperty() '>60'!: number;
}

export class Backlog {
  @ApiProperty({ description: 'Open complaints when the figures were read' }) open!: number;
  @ApiProperty({ type: BacklogAgeingBody }) ageing!: BacklogAgeingBody;
}

export class DaysToFirstFollowUp {
  @ApiProperty({ type: Number, nullable: true, description: 'Median working days from the first disposition to the first follow-up' }) median!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '90th percentile, nearest rank' }) p90!: number | null;
  @ApiProperty({ description: 'First follow-ups counted' }) count!: number;
}

const rate = (description: string) => ApiProperty({ type: Number, nullable: true, description: `${description}; null without data`, example: 0.875 });

export class MonevIndicatorsBody implements MonevIndicators {
  @ApiProperty({ description: 'Complaints submitted in the period (duplicates excluded)' }) received!: number;
  @ApiProperty({ description: 'Complaints verified in the period' }) verified!: number;
  @rate('Of them, verified within the verification deadline') verifiedWithinSlaRate!: number | null;
  @ApiProperty({ description: 'Complaints disposed (first disposition) in the period' }) disposed!: number;
  @rate('Of them, disposed within the verification-and-disposition deadline') disposedWithinSlaRate!: number | null;
  @rate('Of the complaints disposed in the period, those with a follow-up (tindak lanjut)') followUpRate!: number | null;
  @rate('Of the complaints disposed in the period, those closed') completionRate!: number | null;
  @ApiProperty({ description: 'First follow-ups given in the period' }) followedUp!: number;
  @rate('Of them, given within the follow-up deadline') followedUpWithinSlaRate!: number | null;
  @ApiProperty({ type: DaysToFirstFollowUp }) daysToFirstFollowUp!: DaysToFirstFollowUp;
  @ApiProperty({ type: SlaComplianceByClass, description: 'Per SLA class: first follow-ups in the period, and those without a missed resolution deadline' })
  slaCompliance!: SlaComplianceByClass;
  @ApiProperty({ type: Backlog }) backlog!: Backlog;
  @rate('Of the complaints disposed in the period, those returned at least once as not the agency’s authority') bounceRate!: number | null;
  @ApiProperty({ description: 'Disputes of a follow-up in the period' }) disputes!: number;
  @rate('Disputes per follow-up given in the period') disputeRate!: number | null;
  @ApiProperty({ description: 'Follow-ups marked normative (a promise without substance) in the period' }) normativeAnswers!: number;
  @rate('Normative marks per follow-up given in the period') normativeRate!: number | null;
  @ApiProperty({ type: RatingSummary }) rating!: RatingSummary;
  @ApiProperty({ description: 'Leadership reviews recorded in the period' }) leadershipReviews!: number;
  @ApiProperty({ description: 'Policy improvements recorded in the period' }) policyImprovements!: number;
  @ApiProperty() escalations!: number;
  @ApiProperty() ombudsmanReferrals!: number;
  @ApiProperty({ description: 'Complaints marked duplicate in the period: counted for their original only' }) duplicates!: number;
}

export class SnapshotReference {
  @ApiProperty({ example: '120431', description: 'Global log position the figures were read at' }) position!: string;
  @ApiProperty({ example: '2026-04-01T02:00:00.000Z' }) closedAt!: string;
  @ApiProperty({ example: '2026.1' }) scoringPolicyVersion!: string;
}

export class NodeIndicatorsBody implements NodeIndicators {
  @ApiProperty({ type: MonevIndicatorsBody, description: 'The complaints the node holds itself' }) own!: MonevIndicatorsBody;
  @ApiProperty({ type: MonevIndicatorsBody, description: 'The node’s and every node’s below it' }) subtree!: MonevIndicatorsBody;
}

export class MonevIndicatorsResponse implements MonevIndicatorsView, FiguresSource {
  @ApiProperty({ type: MonevNode }) node!: MonevNode;
  @ApiProperty({ example: '2026-Q1' }) period!: string;
  @ApiProperty({ enum: ['WIB', 'WITA', 'WIT'], description: 'The zone the period’s bounds are in' }) zone!: string;
  @ApiProperty({ example: '2025-12-31T17:00:00.000Z' }) periodStart!: string;
  @ApiProperty({ example: '2026-03-31T17:00:00.000Z', description: 'Exclusive' }) periodEnd!: string;
  @ApiProperty({ description: 'The instant backlog ageing counts to' }) asOf!: string;
  @ApiProperty({ enum: ['live', 'snapshot'], description: 'A closed period is served from its snapshot' }) source!: 'live' | 'snapshot';
  @ApiProperty({ type: SnapshotReference, nullable: true }) snapshot!: SnapshotReference | null;
  @ApiProperty({ type: MonevIndicatorsBody }) own!: MonevIndicatorsBody;
  @ApiProperty({ type: MonevIndicatorsBody }) subtree!: MonevIndicatorsBody;
  @ApiProperty({
    type: NodeIndicatorsBody,
    nullable: true,
    description: 'For a closed period whose figures events recorded after the closing changed: the figures as the log says now. The published ones stay.',
  })
  restatement!: NodeIndicatorsBody | null;
}

export class ScoreBreakdownEntryBody implements ScoreBreakdownEntry {
  @ApiProperty({ enum: SCORED_INDICATORS }) indicator!: ScoredIndicator;
  @ApiProperty({ description: 'Its weight in the scoring formula' }) weight!: number;
  @ApiProperty({ type: Number, nullable: true, description: '0 to 1, 1 best; null without data (its weight then leaves the mean)' }) value!: number | null;
  @ApiProperty({ description: 'Its share of the score, in points out of 100' }) points!: number;
}

export class RankingTrend {
  @ApiProperty({ type: Number, nullable: true }) previousRank!: number | null;
  @ApiProperty({ type: Number, nullable: true }) previousScore!: number | null;
  @ApiProperty({ type: Number, nullable: true }) scoreChange!: number | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number', nullable: true },
    description: 'Per scored indicator, its points now less its points in the previous period',
  })
  pointsChange!: Record<ScoredIndicator, number | null>;
}

export class RankingEntryBody implements RankingEntry {
  @ApiProperty({ type: Number, nullable: true, description: '1 for the best; equal scores share a rank; null when nothing could be scored' }) rank!: number | null;
  @ApiProperty() nodeId!: string;
  @ApiProperty({ type: MonevNode }) agency!: MonevNode;
  @ApiProperty({ type: Number, nullable: true, description: '0 to 100' }) score!: number | null;
  @ApiProperty({ description: 'Complaints received by its subtree in the period' }) received!: number;
  @ApiProperty({ type: [ScoreBreakdownEntryBody] }) breakdown!: ScoreBreakdownEntryBody[];
  @ApiProperty({ type: RankingTrend }) trend!: RankingTrend;
}

export class ScoringPolicyBody {
  @ApiProperty({ example: '2026.1' }) version!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'Weight per scored indicator' }) weights!: Record<ScoredIndicator, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) targets!: { leadershipReviewsPer100Received: number; policyImprovementsPer100Received: number };
}

export class MonevRankingResponse implements MonevRankingView {
  @ApiProperty({ type: MonevNode, description: 'The coordinator whose children are ranked' }) parent!: MonevNode;
  @ApiProperty({ example: '2026' }) period!: string;
  @ApiProperty({ example: '2025' }) previousPeriod!: string;
  @ApiProperty({ enum: ['live', 'snapshot'] }) source!: 'live' | 'snapshot';
  @ApiProperty({ type: SnapshotReference, nullable: true }) snapshot!: SnapshotReference | null;
  @ApiProperty({ type: ScoringPolicyBody }) scoringPolicy!: ScoringPolicyBody;
  @ApiProperty({ type: [RankingEntryBody] }) agencies!: RankingEntryBody[];
}

export class SnapshotSums {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The node’s own sums as recorded' }) own!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Its subtree’s sums as recorded' }) subtree!: Record<string, unknown>;
}

export class MonevSnapshotResponse implements MonevSnapshotView {
  @ApiProperty({ type: MonevNode }) node!: MonevNode;
  @ApiProperty({ example: '2026-Q1' }) period!: string;
  @ApiProperty({ example: '120431', description: 'Global log position the figures were read at' }) position!: string;
  @ApiProperty() closedAt!: string;
  @ApiProperty({ example: '2026.1' }) scoringPolicyVersion!: string;
  @ApiProperty({ type: MonevIndicatorsBody }) own!: MonevIndicatorsBody;
  @ApiProperty({ type: MonevIndicatorsBody }) subtree!: MonevIndicatorsBody;
  @ApiProperty({ type: SnapshotSums }) sums!: MonevSnapshotView['sums'];
}

export class MonevPeriodClosingResponse implements MonevPeriodClosing {
  @ApiProperty({ example: '2026-Q1' }) period!: string;
  @ApiProperty({ example: '120431' }) position!: string;
  @ApiProperty({ description: 'Nodes whose figures were frozen' }) nodes!: number;
  @ApiProperty({ example: '2026.1' }) scoringPolicyVersion!: string;
  @ApiProperty() closedAt!: string;
}

