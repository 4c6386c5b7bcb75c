import type { EventStore } from '@lacak/event-store';
import type { Document, ReadStore } from '@lacak/read-store';
import { testOrganisation } from '@lacak/domain/testing';
import { Projector, createProjections } from '../runner/projector';
import { foldInMemory } from './fold';

/** The three read models folded in memory from every stored event: what the stores must hold. */
export async function expectedReadModels(eventStore: EventStore): Promise<Record<string, Document[]>> {
  const events = await eventStore.readAll();
  return Object.fromEntries(createProjections(testOrganisation).map((p) => [p.collection, foldInMemory(p, events)]));
}

/** Resolves once every projection of a started projector has handled the last stored event. */
export async function caughtUp(projector: Projector, eventStore: EventStore): Promise<bigint> {
  const last = (await eventStore.readAll()).at(-1)?.position ?? 0n;
  await projector.waitFor(last);
  return last;
}

/** Small batches, so one sample run spans several flushes; a short retry for the failure specs. */
export const newProjector = (
  eventStore: EventStore,
  readStore: ReadStore,
  onError?: (projection: string, error: unknown) => void,
): Projector => new Projector(createProjections(testOrganisation), eventStore, readStore, { batchSize: 4, retryDelayMs: 5, onError });
