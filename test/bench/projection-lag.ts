import type { AppendOptions, EventStore, EventToAppend } from '@lacak/event-store';
import type { Projector } from '@lacak/projections';
import { type LatencySummary, summarise } from './stats';

/** An append the store acknowledged: the stream's revision after it, for telling submissions apart. */
export interface AcknowledgedAppend {
  streamId: string;
  /** Revision of the stream's last event after the append; 0 for a new stream. */
  revision: bigint;
}

export interface LagSummary extends LatencySummary {
  appends: number;
  /** Appends the read models had not handled when the probe stopped waiting. */
  unseen: number;
  /** Why the first of them was not seen (the projector's refusal or its timeout); null when all were. */
  unseenReason: string | null;
}

/** The projector calls the probe uses: the same on a projector in this thread or in a worker thread. */
type WatchedProjector = Pick<Projector, 'waitFor' | 'waitUntilCaughtUp'>;

/**
 * Times each acknowledged append's way to the read models: it wraps `appendToStream` on the store
 * instance the application writes through, and from each acknowledgement waits on the projector
 * until every read model has handled that position.
 */
export class ProjectionLagProbe {
  readonly appends: AcknowledgedAppend[] = [];
  private readonly lagsMs: number[] = [];
  private readonly waits: Promise<void>[] = [];
  private readonly append: EventStore['appendToStream'];
  private firstFailure: string | null = null;
  /** Appends called before `stop` and not acknowledged yet: their waits start when they are. */
  private readonly appending = new Set<Promise<unknown>>();

  constructor(
    private readonly eventStore: EventStore,
    private readonly projector: WatchedProjector,
    private readonly waitTimeoutMs: number,
  ) {
    const append = eventStore.appendToStream.bind(eventStore);
    this.append = append;
    eventStore.appendToStream = (streamId: string, events: EventToAppend[], options: AppendOptions) => {
      const appending = append(streamId, events, options).then((result) => {
        this.watch(result.position);
        this.appends.push({ streamId, revision: result.nextExpectedRevision });
        return result;
      });
      this.appending.add(appending);
      const settled = () => void this.appending.delete(appending);
      appending.then(settled, settled);
      return appending;
    };
  }

  private watch(position: bigint): void {
    const ackedAt = performance.now();
    this.waits.push(
      this.projector.waitFor(position, this.waitTimeoutMs).then(
        () => void this.lagsMs.push(performance.now() - ackedAt),
        // Counted as unseen: the summary says how many.
        // Counted as unseen: the summary says how many, and the first reason.
        (error) => void (this.firstFailure ??= String(error).slice(0, 200)),
      ),
    );
  }

  /** Stops recording appends, waits for the ones recorded to reach the read models (or time out) and sums up. */
  async stop(): Promise<LagSummary> {
    this.eventStore.appendToStream = this.append;
    // Appends still in flight when the load stopped are counted too, once acknowledged.
    await Promise.allSettled([...this.appending]);
    await Promise.all(this.waits);
    return { ...summarise(this.lagsMs), appends: this.waits.length, unseen: this.waits.length - this.lagsMs.length, unseenReason: this.firstFailure };
  }
}
