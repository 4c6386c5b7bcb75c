import { DuplicateKeyError, type Document, type ReadStore } from '@lacak/read-store';

export const LEASES_COLLECTION = 'projection_leases';
const LEASE_ID = 'projector';

export interface LeaseDocument extends Document {
  holder: string;
  /** Epoch milliseconds after which another projector may take the lease over. */
  expiresAt: number;
}

export interface LeaseOptions {
  /** Who asks: unique per process, e.g. host name and pid. */
  holder: string;
  /** How long a lease lasts without renewal: how long a dead holder blocks a takeover. */
  ttlMs?: number;
  now?: () => number;
}

/**
 * One document in the read store says which projector process may write the read models.
 * A holder renews it well within its lifetime; when the holder dies, the lease expires and
 * another process takes over. Taking it is one conditional upsert: it matches when the lease is
 * ours or expired, and otherwise collides with the holder's document (E11000), which means "taken".
 */
export class ProjectorLease {
  readonly holder: string;
  readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly readStore: ReadStore,
    options: LeaseOptions,
  ) {
    this.holder = options.holder;
    this.ttlMs = options.ttlMs ?? 15_000;
    this.now = options.now ?? Date.now;
  }

  /** Takes or renews the lease; false while another live holder has it. */
  async tryAcquire(): Promise<boolean> {
    const now = this.now();
    try {
      await this.leases().updateOne(
        { _id: LEASE_ID, $or: [{ holder: this.holder }, { expiresAt: { $lte: now } }] },
        { $set: { holder: this.holder, expiresAt: now + this.ttlMs } },
        { upsert: true },
      );
      return true;
    } catch (error) {
      if (error instanceof DuplicateKeyError) return false;
      throw error;
    }
  }

  /** Gives the lease up at once, so a standby projector need not wait for it to expire. */
  async release(): Promise<void> {
    await this.leases().deleteOne({ _id: LEASE_ID, holder: this.holder });
  }

  async current(): Promise<LeaseDocument | null> {
    return this.leases().findOne({ _id: LEASE_ID });
  }

  private leases() {
    return this.readStore.collection<LeaseDocument>(LEASES_COLLECTION);
  }
}
