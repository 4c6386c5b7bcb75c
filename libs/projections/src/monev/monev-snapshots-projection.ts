import { MONEV_PERIOD_STREAM_PREFIX, type MonevSums, toMonevPeriodEvent } from '@lacak/domain';
import type { RecordedEvent } from '@lacak/event-store';
import type { IndexSpec } from '@lacak/read-store';
import type { DocumentProjection, Draft, ProjectedDocument } from '../projection';

export const MONEV_SNAPSHOTS_COLLECTION = 'monev_snapshots';

/** A closed period (`_id`: the period) or one node's frozen figures in it (`_id`: `period|node`). */
export interface MonevSnapshotDocument extends ProjectedDocument {
  period: string;
  /** Null on the period's own document. */
  nodeId: string | null;
  /** Global log position the figures were read at. */
  position: string;
  at: string;
  own?: MonevSums;
  subtree?: MonevSums;
  /** On the period's document: nodes with figures, the scoring formula's version, who closed it. */
  nodes?: number;
  scoringPolicyVersion?: string;
  closedBy?: string;
}

export const monevSnapshotId = (period: string, nodeId: string): string => `${period}|${nodeId}`;

/** The closed periods' figures, as their closing recorded them: published figures never move. */
export class MonevSnapshotsProjection implements DocumentProjection<MonevSnapshotDocument> {
  readonly name = 'monev-snapshots';
  readonly collection = MONEV_SNAPSHOTS_COLLECTION;
  readonly streamPrefixes = [MONEV_PERIOD_STREAM_PREFIX];
  readonly indexes: IndexSpec[] = [];

  documentId(event: RecordedEvent): string | null {
    if (!event.streamId.startsWith(MONEV_PERIOD_STREAM_PREFIX)) return null;
    const { type, data } = toMonevPeriodEvent(event);
    return type === 'MonevSnapshotRecorded' ? monevSnapshotId(data.period, data.nodeId) : data.period;
  }

  evolve(_document: MonevSnapshotDocument | null, recorded: RecordedEvent): Draft<MonevSnapshotDocument> | null {
    const event = toMonevPeriodEvent(recorded);
    if (event.type === 'MonevSnapshotRecorded') {
      const { period, nodeId, position, at, own, subtree } = event.data;
      return { _id: monevSnapshotId(period, nodeId), period, nodeId, position, at, own, subtree };
    }
    const { period, position, at, nodes, scoringPolicyVersion, closedBy } = event.data;
    return { _id: period, period, nodeId: null, position, at, nodes, scoringPolicyVersion, closedBy };
  }
}
