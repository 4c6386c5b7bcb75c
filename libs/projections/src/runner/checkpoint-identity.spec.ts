import type { RecordedEvent } from '@lacak/event-store';
import { appendHistory, interleave, sampleHistories } from '../testing/complaint-history';
import { caughtUp, expectedReadModels, newProjector } from '../testing/projector-harness';
import { type TempStores, dumpReadModels, openTempStores } from '../testing/stores';
import { CheckpointMismatchError } from './projection-runner';
import type { Projector } from './projector';

/** The projections the sample histories give a checkpoint; the evaluations read model has none here, so nothing to refuse. */
const PROJECTION_NAMES = ['complaints', 'audit-trail', 'agency-stats', 'audit-events'];

describe('a checkpoint resumed on another event store', () => {
  let built: TempStores;
  let other: TempStores;
  let projector: Projector | undefined;

  beforeEach(async () => {
    built = await openTempStores();
    other = await openTempStores();
    await appendHistory(built.eventStore, interleave(sampleHistories()));
    const first = newProjector(built.eventStore, built.readStore);
    first.start();
    await caughtUp(first, built.eventStore);
    await first.stop();
  });
  afterEach(async () => {
    await projector?.stop();
    projector = undefined;
    await built.cleanup();
    await other.cleanup();
  });

  /** Copies events, ids and all, one at a time in the given order, as a restore or a migration would. */
  const copy = async (events: RecordedEvent[]) => {
    for (const { streamId, id, type, data, metadata } of events) await other.eventStore.appendToStream(streamId, [{ id, type, data, metadata }], { expectedState: 'any' });
  };

  it.each([
    ['an older copy of the store, restored from a backup', (events: RecordedEvent[]) => events.slice(0, 10)],
    ['a store holding the same events at other positions', (events: RecordedEvent[]) => [...events].sort((a, b) => a.streamId.localeCompare(b.streamId))],
  ])('refuses to project on %s, says to rebuild, and a rebuild projects it', async (_case, selection) => {
    await copy(selection(await built.eventStore.readAll()));
    const before = await dumpReadModels(built.readStore);
    const refusals: unknown[] = [];
    let allRefused!: () => void;
    const refused = new Promise<void>((resolve) => (allRefused = resolve));
    projector = newProjector(other.eventStore, built.readStore, (_projection, error) => {
      refusals.push(error);
      if (refusals.length === PROJECTION_NAMES.length) allRefused();
    });
    projector.start();
    await refused;

    expect(refusals).toEqual(PROJECTION_NAMES.map(() => expect.any(CheckpointMismatchError)));
    expect(projector.status().filter((s) => PROJECTION_NAMES.includes(s.name)).map((s) => s.lastError)).toEqual(
      PROJECTION_NAMES.map(() => expect.stringMatching(/refuses to resume: its checkpoint is event .* but this event store (has no such event|holds event .* at position \d+ there)\. .*rebuild the read models/)),
    );
    expect(await dumpReadModels(built.readStore)).toEqual(before);

    await projector.rebuild();
    await caughtUp(projector!, other.eventStore);
    expect(await dumpReadModels(built.readStore)).toEqual(await expectedReadModels(other.eventStore));
  });
});
