import { type EventStore, type EventToAppend, WrongExpectedVersionError } from '@lacak/event-store';
import { HISTORY_SEALS_STREAM, LogVerifier } from '@lacak/integrity';
import type { Clock } from '../clock';
import { nameBasedId } from '../ids';
import { readVerifiedStream } from '../verified-stream';
import { forEachEventInLog } from '../verify-event-log';

/** Streams named per seal event, so no event grows without bound. */
const STREAMS_PER_SEAL = 500;

/**
 * The upgrade to hashing, once per event store: every stream that holds only events stored before
 * the engine hashed them is sealed by a `HistorySealed` event (in `history-seals`) naming its last
 * revision and the hash its history has, so an edit of those events shows from then on (a stream
 * that gets a new event is sealed by that event's chain link anyway). No stored event is rewritten.
 * Returns how many streams it sealed, or null when the upgrade had run already. A store whose first
 * event is hashed never held an event before hashing: it needs no seal and gets none.
 */
export class SealLegacyHistory {
  constructor(
    private readonly eventStore: EventStore,
    private readonly clock: Clock,
  ) {}

  async run(): Promise<number | null> {
    const { history, assertIntact, chained } = await readVerifiedStream(this.eventStore, HISTORY_SEALS_STREAM);
    if (history.length > 0) return null;
    // Hashing began with the store's first event (every store made since): nothing to seal, no scan.
    const [first] = await this.eventStore.readAll({ maxCount: 1 });
    if (!first || first.metadata.hash !== undefined) return 0;
    await assertIntact();
    const verifier = new LogVerifier({ contiguousPositions: false });
    await forEachEventInLog(this.eventStore, (event) => verifier.add(event));
    const unsealed = verifier.unsealedStreams();
    const at = this.clock.now().toISOString();
    const seals: EventToAppend[] = [];
    // One seal even with nothing to seal: it records that the upgrade ran.
    for (let i = 0; i === 0 || i < unsealed.length; i += STREAMS_PER_SEAL) {
      const streams = unsealed.slice(i, i + STREAMS_PER_SEAL);
      const id = nameBasedId('history-seal', String(i), ...streams.map((s) => `${s.streamId}@${s.revision}`));
      seals.push({
        id,
        type: 'HistorySealed',
        data: { streams: streams.map(({ streamId, revision, chainHash }) => ({ streamId, revision, chainHash })) },
        metadata: { correlationId: id, causationId: id, actor: { id: 'notary', role: 'system', agencyId: null }, occurredAt: at, schemaVersion: 1 },
      });
    }
    try {
      await this.eventStore.appendToStream(HISTORY_SEALS_STREAM, chained(seals), { expectedState: 'no_stream' });
    } catch (error) {
      // Another process sealed first: its seals stand.
      if (error instanceof WrongExpectedVersionError) return null;
      throw error;
    }
    return unsealed.length;
  }
}
