import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { IntegrityViolationError, VerifyEventLog, readVerifiedStream } from '@lacak/application';
import type { EventStore, EventToAppend } from '@lacak/event-store';
import { chainEvents } from '@lacak/integrity';

const anEvent = (n: number): EventToAppend => ({
  id: randomUUID(),
  type: 'ComplaintNoteAdded',
  data: { n },
  metadata: {
    correlationId: randomUUID(),
    causationId: randomUUID(),
    actor: { id: 'officer-1', role: 'agency_admin', agencyId: 'id-32.01-dinkes' },
    occurredAt: '2026-12-05T01:00:00.000Z',
    schemaVersion: 1,
  },
});

/** Events written to a store around the engine, each as the faults a reader must find. */
const FORGERIES: { name: string; forge: (streamId: string, head: string) => EventToAppend; kind: string }[] = [
  { name: 'an event without a hash', forge: () => anEvent(9), kind: 'unhashed-event' },
  {
    name: 'an event whose hash does not fit its content',
    forge: (streamId, head) => {
      const [event] = chainEvents(streamId, 3n, head, [anEvent(9)]);
      return { ...event, data: { n: 10 } };
    },
    kind: 'content-changed',
  },
  {
    name: 'an event that names another event as the one before it',
    forge: (streamId) => chainEvents(streamId, 3n, 'ab'.repeat(32), [anEvent(9)])[0],
    kind: 'link-broken',
  },
];

/**
 * The tamper faults any event store admits, since they need nothing but its append: events written
 * around the engine. A command on the stream is refused, and the whole-log verification names the
 * stream and revision. Run on the embedded store here, and on KurrentDB where a server is reachable.
 */
export function appendedForgeries(storeName: string, open: () => Promise<{ store: EventStore; close: () => Promise<void> }>): void {
  describe(`events forged around the engine in ${storeName}`, () => {
    let store: EventStore;
    let close: () => Promise<void>;
    // Long enough for a KurrentDB container to start.
    beforeAll(async () => ({ store, close } = await open()), 180_000);
    afterAll(() => close());

    it.each(FORGERIES.map((forgery) => [forgery.name, forgery] as const))('finds %s', async (_, forgery) => {
      const streamId = `complaint-${randomUUID()}`;
      // Three events as the engine appends them, one command at a time.
      let head: string | null = null;
      for (let revision = 0; revision < 3; revision++) {
        const { chained } = await readVerifiedStream(store, streamId);
        const appended = chained([anEvent(revision)]);
        head = appended[0].metadata.hash!;
        await store.appendToStream(streamId, appended, { expectedState: revision === 0 ? 'no_stream' : BigInt(revision - 1) });
      }
      await store.appendToStream(streamId, [forgery.forge(streamId, head!)], { expectedState: 2n });

      const read = await readVerifiedStream(store, streamId);
      await expect(read.assertIntact()).rejects.toBeInstanceOf(IntegrityViolationError);

      const verification = await new VerifyEventLog(store, { now: () => new Date() }, generateKeyPairSync('ed25519').publicKey).run();
      expect(verification.faults.filter((fault) => fault.streamId === streamId)).toEqual([expect.objectContaining({ revision: '3', kind: forgery.kind })]);
    });
  });
}
