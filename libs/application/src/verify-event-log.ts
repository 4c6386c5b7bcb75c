import type { KeyObject } from 'node:crypto';
import { type AllPosition, type EventStore, type RecordedEvent, readStreamOrEmpty } from '@lacak/event-store';
import { type ChainFault, type LogVerificationReport, LogVerifier, type RecordedTreeHead, type SignedTreeHead, verifyTreeHead } from '@lacak/integrity';
import { TREE_HEADS_STREAM } from './audit/tree-heads';
import type { Clock } from './clock';
import { NO_METRICS, type OperationalMetrics } from './operational-metrics';

export interface LogVerification extends LogVerificationReport {
  ok: boolean;
  startedAt: string;
  finishedAt: string;
}

/** Events read per page: a whole-log pass yields to the event loop between pages, so an engine keeps answering. */
const PAGE_SIZE = 500;

/** Feeds every event of the log, in global order, a page at a time; `onProgress` hears the count after each page. */
export async function forEachEventInLog(eventStore: EventStore, onEvent: (event: RecordedEvent) => void, onProgress?: (events: number) => void): Promise<void> {
  let from: AllPosition = 'start';
  let events = 0;
  for (;;) {
    const page = await eventStore.readAll({ fromPosition: from, maxCount: PAGE_SIZE });
    for (const event of page) onEvent(event);
    events += page.length;
    onProgress?.(events);
    if (page.length < PAGE_SIZE) return;
    from = page[page.length - 1].position;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Checks the whole event log: every stream's hash chain and revisions, the log's positions (none
 * missing, on a store that numbers them one by one), and its Merkle tree against every signed tree
 * head (each head's signature with the notary's public key). Holds one small state per stream, never
 * the events. The same use case serves `npm run verify`, the engine's verification at start and on
 * its schedule.
 */
export class VerifyEventLog {
  private last: LogVerification | null = null;
  private current: Promise<LogVerification> | null = null;

  constructor(
    private readonly eventStore: EventStore,
    private readonly clock: Clock,
    /** The notary's public key, for the heads' signatures. */
    private readonly publicKey: KeyObject,
    /** Hears each verification's result; nothing by default. */
    private readonly metrics: OperationalMetrics = NO_METRICS,
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
    try {
      const verification = await this.verifyAll(onProgress);
      this.metrics.logVerified(verification.ok ? 'intact' : 'faults', new Date(verification.finishedAt), verification.events);
      return verification;
    } catch (error) {
      this.metrics.logVerified('failed', this.clock.now());
      throw error;
    }
  }

  private async verifyAll(onProgress?: (events: number) => void): Promise<LogVerification> {
    const startedAt = this.clock.now().toISOString();
    const { heads, faults } = await this.treeHeads();
    const verifier = new LogVerifier({ contiguousPositions: this.eventStore.positionsContiguous === true, treeHeads: heads });
    await forEachEventInLog(this.eventStore, (event) => verifier.add(event), onProgress);
    const verified = verifier.report();
    const report = { ...verified, faults: [...faults, ...verified.faults] };
    this.last = { ...report, ok: report.faults.length === 0, startedAt, finishedAt: this.clock.now().toISOString() };
    return this.last;
  }

  /** The signed heads in the log; one whose signature fails is a fault, not a head to hold the log to. */
  private async treeHeads(): Promise<{ heads: RecordedTreeHead[]; faults: ChainFault[] }> {
    const heads: RecordedTreeHead[] = [];
    const faults: ChainFault[] = [];
    for (const event of await readStreamOrEmpty(this.eventStore, TREE_HEADS_STREAM)) {
      const { size, rootHash, signedAt, signature } = event.data as unknown as SignedTreeHead;
      const head = { size, rootHash, signedAt, signature };
      const at = { streamId: event.streamId, revision: event.revision.toString() };
      let valid: boolean;
      try {
        valid = verifyTreeHead(head, this.publicKey);
      } catch {
        valid = false;
      }
      if (valid) heads.push({ ...at, head });
      else faults.push({ ...at, kind: 'tree-head-signature', detail: `the head signed ${signedAt} for ${size} events does not verify with the notary's public key` });
    }
    return { heads, faults };
  }
}
