import { DuplicateKeyError, type Document, type ReadStore } from '@lacak/read-store';

export const LEASES_COLLECTION = 'projection_leases';
const LEASE_ID = 'projector';

export interface LeaseDocument extends Document {
  holder: string;
  /** Epoch milliseconds on the store's clock after which another projector may take the lease over. */
  expiresAt: number;
  /** Counts takeovers: each new holder's token is higher than every earlier holder's. */
  token: number;
}

export interface LeaseOptions {
  /** Who asks: unique per process, e.g. host name and pid. */
  holder: string;
  /** How long a lease lasts without renewal: how long a dead holder blocks a takeover. */
  ttlMs?: number;
}

/**
 * One document in the read store says which projector process may write the read models.
 * A holder renews it well within its lifetime; when the holder dies, the lease expires and
 * another process takes over. Expiry is measured on the store's clock, never the process's,
 * so a skewed machine cannot take a live lease. Each takeover raises the lease's fencing token;
 * checkpoints record the token they were written under and refuse an older one (see
 * `ProjectionRunner`), so a holder that lost the lease cannot move a checkpoint back.
 */
export class ProjectorLease {
  readonly holder: string;
  readonly ttlMs: number;
  private heldToken: number | null = null;
  /** When the lease as last taken or renewed by this process expires, on the store's clock. */
  private heldUntil = 0;

  constructor(
    private readonly readStore: ReadStore,
    options: LeaseOptions,
  ) {
    this.holder = options.holder;
    this.ttlMs = options.ttlMs ?? 15_000;
  }

  /** The fencing token of the last successful take or renewal; null before one or after losing it. */
  get token(): number | null {
    return this.heldToken;
  }

  /**
   * The token while this process holds the lease and, on the store's clock, it has not expired;
   * else null. Asked before each batch: a holder whose renewals did not run (a blocked event loop,
   * a slow store) stops writing at expiry instead of racing the process that takes over.
   */
  async liveToken(): Promise<number | null> {
    if (this.heldToken === null) return null;
    return (await this.readStore.serverTime()) < this.heldUntil ? this.heldToken : null;
  }

  /**
   * Takes or renews the lease; false while another live holder has it. Renewing keeps the token;
   * taking over is one conditional upsert that matches an expired lease and otherwise collides
   * with the holder's document (E11000), which means "taken".
   */
  async tryAcquire(): Promise<boolean> {
    const now = await this.readStore.serverTime();
    const expiresAt = now + this.ttlMs;
    const renewed = await this.leases().updateOne({ _id: LEASE_ID, holder: this.holder }, { $set: { expiresAt } });
    if (renewed.matchedCount === 0) {
      try {
        await this.leases().updateOne(
          { _id: LEASE_ID, expiresAt: { $lte: now } },
          { $set: { holder: this.holder, expiresAt }, $inc: { token: 1 } },
          { upsert: true },
        );
      } catch (error) {
        this.heldToken = null;
        if (error instanceof DuplicateKeyError) return false;
        throw error;
      }
    }
    const lease = await this.current();
    // A lease written before tokens were kept counts as token 0.
    this.heldToken = lease?.holder === this.holder ? (lease.token ?? 0) : null;
    this.heldUntil = expiresAt;
    return this.heldToken !== null;
  }

  /**
   * Gives the lease up at once, so a standby projector need not wait for it to expire. The
   * document stays, expired, so the next holder's token still counts up from it.
   */
  async release(): Promise<void> {
    this.heldToken = null;
    await this.leases().updateOne({ _id: LEASE_ID, holder: this.holder }, { $set: { expiresAt: 0 } });
  }

  async current(): Promise<LeaseDocument | null> {
    return this.leases().findOne({ _id: LEASE_ID });
  }

  private leases() {
    return this.readStore.collection<LeaseDocument>(LEASES_COLLECTION);
  }
}
