import type { AllPosition, EventStore } from '@lacak/event-store';
import { CHECKPOINTS_COLLECTION, type CheckpointDocument, type DocumentProjection } from '@lacak/projections';
import type { ReadStore } from '@lacak/read-store';

export interface ProjectionLag {
  projection: string;
  /** Events of the projection's streams stored after its checkpoint (see `LAG_SCAN_LIMIT`). */
  events: number;
  /** When the oldest of them was stored; null when none waits. */
  oldestWaitingSince: string | null;
}

/**
 * Most events read past the lowest checkpoint per measurement, so a scrape stays cheap however far
 * a projection is behind (reading them costs tens of milliseconds on the embedded store): a lag
 * counted to this many events is at least that.
 */
export const LAG_SCAN_LIMIT = 2_000;
/** Pages of the scan, with the event loop's turn in between: the embedded store reads synchronously. */
const PAGE_SIZE = 500;

/**
 * How far each projection is behind the event log, from the checkpoints stored in the read store,
 * so it holds whichever thread or process projects. A checkpoint only moves past events of the
 * streams its projector subscribes to, so the lag counts the events of the projection's own streams
 * after it, not the positions between it and the log's head (which other streams keep moving).
 */
export class MeasureProjectionLag {
  constructor(
    private readonly eventStore: EventStore,
    private readonly readStore: ReadStore,
    private readonly projections: readonly Pick<DocumentProjection, 'name' | 'streamPrefixes'>[],
  ) {}

  async run(): Promise<ProjectionLag[]> {
    const names = this.projections.map((projection) => projection.name);
    const stored = await this.readStore.collection<CheckpointDocument>(CHECKPOINTS_COLLECTION).find({ _id: { $in: names } });
    const lanes = this.projections.map((projection) => {
      const checkpoint = stored.find((document) => document._id === projection.name);
      return { projection, after: checkpoint ? BigInt(checkpoint.position) : null, events: 0, oldestWaitingSince: null as string | null };
    });
    const positions = lanes.map((lane) => lane.after);
    let from: AllPosition = positions.includes(null) ? 'start' : (positions as bigint[]).reduce((a, b) => (a < b ? a : b));
    for (let read = 0; read < LAG_SCAN_LIMIT; ) {
      const page = await this.eventStore.readAll({ fromPosition: from, maxCount: Math.min(PAGE_SIZE, LAG_SCAN_LIMIT - read) });
      for (const event of page) {
        for (const lane of lanes) {
          if (lane.after !== null && event.position <= lane.after) continue;
          if (!lane.projection.streamPrefixes.some((prefix) => event.streamId.startsWith(prefix))) continue;
          lane.events++;
          lane.oldestWaitingSince ??= event.recordedAt;
        }
      }
      read += page.length;
      if (page.length < PAGE_SIZE) break;
      from = page[page.length - 1].position;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return lanes.map(({ projection, events, oldestWaitingSince }) => ({ projection: projection.name, events, oldestWaitingSince }));
  }
}
