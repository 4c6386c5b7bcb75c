import type { CollectionWrites, Document, ReadCollection, ReadStore } from '@lacak/read-store';

/**
 * How the next `write` fails: `'before'` writes nothing (a lost connection), `'between'` applies
 * every collection but the last (the checkpoint) and then fails, as a crash of a non-atomic backend would.
 */
export type WriteFailure = 'before' | 'between';

/** A read store whose `write` fails while armed; everything else goes straight through. */
export class FailingReadStore implements ReadStore {
  private failure: WriteFailure | null = null;

  constructor(private readonly inner: ReadStore) {}

  get atomicWrites(): boolean {
    return this.inner.atomicWrites && this.failure !== 'between';
  }

  /** Fails every `write` from now on, the same way, until `disarm`. */
  arm(failure: WriteFailure): void {
    this.failure = failure;
  }

  disarm(): void {
    this.failure = null;
  }

  collection<T extends Document = Document>(name: string): ReadCollection<T> {
    return this.inner.collection<T>(name);
  }

  async write(batch: CollectionWrites[]): Promise<void> {
    if (this.failure === null) return this.inner.write(batch);
    if (this.failure === 'between') await this.inner.write(batch.slice(0, -1));
    throw new Error(`injected write failure (${this.failure})`);
  }

  serverTime(): Promise<number> {
    return this.inner.serverTime();
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
