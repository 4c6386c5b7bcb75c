import { StreamNotFoundError } from './errors';
import type { EventStore, ReadStreamOptions, RecordedEvent } from './event-store.port';

/** A stream's events, or none when it was never written: for readers to whom a missing stream is an empty history. */
export async function readStreamOrEmpty(store: EventStore, streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
  try {
    return await store.readStream(streamId, options);
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
}
