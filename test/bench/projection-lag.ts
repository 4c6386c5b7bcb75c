import type { AppendOptions, EventStore, EventToAppend } from '@lacak/event-store';
import type { Projector } from '@lacak/projections';
import { type LatencySummary, summarise } from './stats';

/** An append the store acknowledged: where it landed in the log and when the caller got the answer. */
export interface AcknowledgedAppend {
  streamId: string;
  /** Revision of the stream's last event after the append; 0 for a new stream. */
  revision: bigint;
  position: bigint;
  ackedAtMs: number;
}

/** What the projector had handled at an instant: the lowest checkpoint of all read models. */
export interface ProgressSample {
  atMs: number;
  position: bigint;
}

export interface LagSummary extends LatencySummary {
  appends: number;
  /** Appends no read model sample showed before the probe stopped. */
  unseen: number;
  /** The sampling interval: each lag is exact to within it, never lower than the truth. */
  sampleMs: number;
}

/** Index of the first sample at or after `from` for which `holds` is true; samples.length when none. */
function firstFrom(samples: ProgressSample[], from: number, holds: (sample: ProgressSample) => boolean): number {
  let low = from;
  let high = samples.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (holds(samples[middle])) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * The lag of each append: from its acknowledgement to the first sample, taken after it, in which
 * every read model had handled its position. Samples are in time order and checkpoints never go
 * back, so both conditions are monotonic in the sample index. Appends never seen are left out.
 */
export function appendLagsMs(appends: AcknowledgedAppend[], samples: ProgressSample[]): number[] {
  return appends.flatMap((append) => {
    const afterAck = firstFrom(samples, 0, (sample) => sample.atMs >= append.ackedAtMs);
    const seen = firstFrom(samples, afterAck, (sample) => sample.position >= append.position);
    return seen < samples.length ? [samples[seen].atMs - append.ackedAtMs] : [];
  });
}

const lowestCheckpoint = (projector: Projector): bigint =>
  projector.status().reduce((lowest, { position }) => {
    const handled = position === null ? -1n : BigInt(position);
    return handled < lowest ? handled : lowest;
  }, BigInt(Number.MAX_SAFE_INTEGER));

/**
 * Watches how long acknowledged appends take to reach the read models: it records every append the
 * store acknowledges (by wrapping the store instance the application writes through) and samples
 * the projector's checkpoints every `sampleMs`.
 */
export class ProjectionLagProbe {
  readonly appends: AcknowledgedAppend[] = [];
  private readonly samples: ProgressSample[] = [];
  private readonly timer: NodeJS.Timeout;
  private readonly append: EventStore['appendToStream'];

  constructor(
    private readonly eventStore: EventStore,
    private readonly projector: Projector,
    private readonly sampleMs = 5,
  ) {
    const append = eventStore.appendToStream.bind(eventStore);
    this.append = append;
    eventStore.appendToStream = async (streamId: string, events: EventToAppend[], options: AppendOptions) => {
      const result = await append(streamId, events, options);
      this.appends.push({ streamId, revision: result.nextExpectedRevision, position: result.position, ackedAtMs: performance.now() });
      return result;
    };
    this.timer = setInterval(() => this.sample(), sampleMs);
  }

  private sample(): void {
    this.samples.push({ atMs: performance.now(), position: lowestCheckpoint(this.projector) });
  }

  /** Waits for the projector to catch up, takes a last sample and stops watching. */
  async stop(catchUpTimeoutMs: number): Promise<LagSummary> {
    try {
      await this.projector.waitUntilCaughtUp(catchUpTimeoutMs);
    } catch {
      // Not caught up in time: what the read models never showed is counted as unseen.
    } finally {
      this.sample();
      clearInterval(this.timer);
      this.eventStore.appendToStream = this.append;
    }
    const lags = appendLagsMs(this.appends, this.samples);
    return { ...summarise(lags), appends: this.appends.length, unseen: this.appends.length - lags.length, sampleMs: this.sampleMs };
  }
}
