import type { AllPosition, EventStore } from '@lacak/event-store';
import { type LogVerificationReport, LogVerifier } from '@lacak/integrity';
import type { Clock } from './clock';

export interface LogVerification extends LogVerificationReport {
  ok: boolean;
  startedAt: string;
  finishedAt: string;
}

/** Events read per page: the verifier yields to the event loop between pages, so an engine keeps answering. */
const PAGE_SIZE = 2_000;

/**
 * Checks the whole event log: every stream's hash chain and revisions, and the log's positions
 * (none missing, on a store that numbers them one by one). Holds one small state per stream, never
 * the events. The same use case serves `npm run verify`, the engine's verification at start and on
 * its schedule.
 */
export class VerifyEventLog {
  private last: LogVerification | null = null;
  private current: Promise<LogVerification> | null = null;

  constructor(
    private readonly eventStore: EventStore,
    private readonly clock: Clock,
  ) {}

  /** The last finished verification of this process, null before the first. */
  get lastVerification(): LogVerification | null {
    return this.last;
  }

  get running(): boolean {
    return this.current !== null;
  }

  /** Runs a verification, or joins the one running. `onProgress` hears the events verified so far after each page. */
  run(onProgress?: (events: number) => void): Promise<LogVerification> {
    this.current ??= this.verify(onProgress).finally(() => {
      this.current = null;
    });
    return this.current;
  }

  private async verify(onProgress?: (events: number) => void): Promise<LogVerification> {
    const startedAt = this.clock.now().toISOString();
    const verifier = new LogVerifier({ contiguousPositions: this.eventStore.positionsContiguous === true });
    let from: AllPosition = 'start';
    let events = 0;
    for (;;) {
      const page = await this.eventStore.readAll({ fromPosition: from, maxCount: PAGE_SIZE });
      for (const event of page) verifier.add(event);
      events += page.length;
      onProgress?.(events);
      if (page.length < PAGE_SIZE) break;
      from = page[page.length - 1].position;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const report = verifier.report();
    this.last = { ...report, ok: report.faults.length === 0, startedAt, finishedAt: this.clock.now().toISOString() };
    return this.last;
  }
}
