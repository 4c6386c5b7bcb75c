import type { SealLegacyHistory, SignTreeHead } from '@lacak/application';
import type { AllSubscription, EventStore, RecordedEvent } from '@lacak/event-store';
import { AuditTreeWriter } from '@lacak/projections';
import type { ReadStore } from '@lacak/read-store';

export interface AuditNotaryOptions {
  /** How often a head is signed, when the tree has grown since the last one. */
  headIntervalMs: number;
  onError: (error: unknown) => void;
  /** Pause before resubscribing after a failure. */
  retryDelayMs?: number;
  /** Hears how many streams stored before hashing the upgrade sealed. */
  onSealed?: (streams: number) => void;
}

const BATCH_SIZE = 1_000;
const NOTARY = { id: 'notary', role: 'system', agencyId: null } as const;

/**
 * Seals the streams stored before hashing began (once per event store), then keeps the audit tree (`AuditTreeWriter`) level with the event log from a catch-up subscription,
 * like a projection, and signs a tree head on its schedule whenever the tree has grown. Runs beside
 * the projections, in the projector lease's holder, so one process writes the tree.
 */
export class AuditNotary {
  private subscription: AllSubscription | null = null;
  private loop: Promise<void> | null = null;
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;
  private signedSize = -1;
  private readonly writer: AuditTreeWriter;

  constructor(
    private readonly eventStore: EventStore,
    readStore: ReadStore,
    private readonly signTreeHead: SignTreeHead,
    private readonly sealLegacyHistory: SealLegacyHistory,
    private readonly options: AuditNotaryOptions,
  ) {
    this.writer = new AuditTreeWriter(readStore);
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = Promise.all([this.run(), this.seal()]).then(() => undefined);
    this.timer = setInterval(() => void this.signIfGrown(), this.options.headIntervalMs).unref();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.subscription?.unsubscribe();
    await this.loop;
    this.loop = null;
  }

  /** The upgrade to hashing, in the background: a no-op once it has run on this event store. */
  private async seal(): Promise<void> {
    try {
      const sealed = await this.sealLegacyHistory.run();
      if (sealed !== null) this.options.onSealed?.(sealed);
    } catch (error) {
      this.options.onError(error);
    }
  }

  private async signIfGrown(): Promise<void> {
    const size = this.writer.size;
    if (size === this.signedSize || size === 0) return;
    try {
      await this.signTreeHead.run(NOTARY);
      // The head's own event grows the tree by one: that alone is no reason for another head.
      this.signedSize = size + 1;
    } catch (error) {
      this.options.onError(error);
    }
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.follow();
      } catch (error) {
        this.options.onError(error);
        await this.subscription?.unsubscribe();
        if (!this.stopping) await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs ?? 1_000));
      }
    }
  }

  private async follow(): Promise<void> {
    const from = await this.writer.load();
    if (this.stopping) return;
    const subscription = this.eventStore.subscribeToAll({ fromPosition: from ?? 'start' });
    this.subscription = subscription;
    let batch: RecordedEvent[] = [];
    for await (const event of subscription) {
      batch.push(event);
      if (batch.length >= BATCH_SIZE || subscription.isCaughtUp) {
        await this.writer.append(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await this.writer.append(batch);
  }
}
