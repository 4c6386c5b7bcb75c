import { type EventStore, type EventToAppend, type RecordedEvent, WrongExpectedVersionError, readStreamOrEmpty } from '@lacak/event-store';
import { type ChainFault, chainEvents, verifyChain } from '@lacak/integrity';
import { IntegrityViolationError } from './errors';
import { nameBasedId } from './ids';

/** Where every integrity fault a command ran into is recorded, for auditors and alerting. */
export const INTEGRITY_ALERTS_STREAM = 'integrity-alerts';

const MAX_ATTEMPTS = 5;

/** A stream read to decide a command, its hash chain checked. */
export interface VerifiedStream {
  history: RecordedEvent[];
  /**
   * Refuses the command when the chain is broken (an event edited, removed, reordered or inserted
   * around the engine), recording an `IntegrityViolationDetected` alert naming the stream and the
   * faults. Called before anything is decided; a caller that must first hide a complaint the actor
   * may not see calls it after that check, so the refusal tells them nothing.
   */
  assertIntact(): Promise<void>;
  /** The events to append after this history, each carrying the chain's next links. */
  chained(events: EventToAppend[]): EventToAppend[];
}

/** Reads a stream to decide a command on it and checks its hash chain. */
export async function readVerifiedStream(eventStore: EventStore, streamId: string): Promise<VerifiedStream> {
  const history = await readStreamOrEmpty(eventStore, streamId);
  const { head, faults } = verifyChain(history);
  const next = history.length > 0 ? history[history.length - 1].revision + 1n : 0n;
  return {
    history,
    assertIntact: async () => {
      if (faults.length === 0) return;
      await raiseIntegrityAlert(eventStore, streamId, faults);
      throw new IntegrityViolationError(streamId, faults);
    },
    chained: (events) => {
      if (faults.length > 0) throw new IntegrityViolationError(streamId, faults);
      return chainEvents(streamId, next, head, events);
    },
  };
}

/** Appends the alert once per stream and set of faults: every refused command finds the same ones. */
async function raiseIntegrityAlert(eventStore: EventStore, streamId: string, faults: ChainFault[]): Promise<void> {
  const signature = faults.map((f) => `${f.revision}:${f.kind}`).join(',');
  const id = nameBasedId('integrity-alert', streamId, signature);
  const alert: EventToAppend = {
    id,
    type: 'IntegrityViolationDetected',
    data: { streamId, faults: faults.map(({ revision, kind, detail }) => ({ revision, kind, detail })) },
    metadata: {
      correlationId: id,
      causationId: id,
      actor: { id: 'integrity-check', role: 'system', agencyId: null },
      occurredAt: new Date().toISOString(),
      schemaVersion: 1,
    },
  };
  for (let attempt = 1; ; attempt++) {
    const alerts = await readStreamOrEmpty(eventStore, INTEGRITY_ALERTS_STREAM);
    if (alerts.some((stored) => stored.id === id)) return;
    // The alert stream is chained like any other, from whatever its last stored event says.
    const last = alerts.at(-1);
    const chained = chainEvents(INTEGRITY_ALERTS_STREAM, last ? last.revision + 1n : 0n, last?.metadata.hash ?? null, [alert]);
    try {
      await eventStore.appendToStream(INTEGRITY_ALERTS_STREAM, chained, { expectedState: last?.revision ?? 'no_stream' });
      return;
    } catch (error) {
      // Another alert got in first: chain after it.
      if (!(error instanceof WrongExpectedVersionError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
