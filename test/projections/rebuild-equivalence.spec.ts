import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@lacak/config';
import { holidayCalendarDecider, holidayCalendarStreamId } from '@lacak/domain';
import { actors } from '@lacak/domain/testing';
import type { EventStore } from '@lacak/event-store';
import { loadOrganisation } from '@lacak/organisation';
import { createDeadlineContext } from '@lacak/processes';
import { COMPLAINTS_COLLECTION, Projector, createProjections } from '@lacak/projections';
import { type TempStores, dumpReadModels, foldInMemory, openTempStores, toAppend } from '@lacak/projections/testing';
import { SqliteReadStore } from '@lacak/read-store';
import { seedComplaints } from '../bench/complaint-histories';

const tree = loadOrganisation();
/** Each fold gets its own deadline context: a publication changes the calendar it is folded into. */
const projections = () => createProjections(tree, createDeadlineContext(loadConfig({}), tree));

const COMPLAINTS = 300;
/** Appends after which the national admin publishes 2025's holidays, while many complaints are still open. */
const PUBLISH_AFTER = 1000;

/** 2025's holidays as the national admin publishes them: two working days more than the shipped file, early in January. */
async function publishHolidays(store: EventStore): Promise<void> {
  const decision = holidayCalendarDecider.decide(
    {
      type: 'PublishHolidayCalendar',
      actor: actors.nationalAdmin,
      at: '2025-01-03T02:00:00.000Z',
      data: {
        year: 2025,
        decree: 'SKB 2025 (test revision)',
        holidays: [
          { date: '2025-01-01', name: 'Tahun Baru 2025 Masehi' },
          { date: '2025-01-06', name: 'Libur uji' },
          { date: '2025-01-08', name: 'Libur uji' },
        ],
        cutiBersama: [{ date: '2025-01-07', name: 'Cuti bersama uji' }],
      },
    },
    holidayCalendarDecider.initialState(),
  );
  if (!decision.ok) throw new Error(decision.refusal.message);
  const events = decision.events.map((event) => toAppend(event, actors.nationalAdmin));
  await store.appendToStream(holidayCalendarStreamId(2025), events, { expectedState: 'no_stream' });
}

describe('read models rebuilt in batches', () => {
  let stores: TempStores;

  beforeAll(async () => {
    stores = await openTempStores();
    // The publication lands among the complaints' events, as it would in a live system.
    let appends = 0;
    const publishing = Object.create(stores.eventStore) as EventStore;
    publishing.appendToStream = async (...args) => {
      const result = await stores.eventStore.appendToStream(...args);
      if (++appends === PUBLISH_AFTER) await publishHolidays(stores.eventStore);
      return result;
    };
    await seedComplaints(publishing, tree, COMPLAINTS, 32);
  });
  afterAll(() => stores.cleanup());

  it.each([
    ['the default batches', undefined],
    ['small batches, a publication falling mid-batch', 7],
  ])('equal the events folded one at a time, per projection, with %s', async (_case, batchSize) => {
    const events = await stores.eventStore.readAll();
    const expected = Object.fromEntries(projections().map((projection) => [projection.collection, foldInMemory(projection, events)]));
    const dir = await mkdtemp(join(tmpdir(), 'lacak-rebuild-'));
    const readStore = SqliteReadStore.open({ file: join(dir, 'read-models.db') });
    const projector = new Projector(projections(), stores.eventStore, readStore, { batchSize });
    try {
      projector.start();
      await projector.waitFor(events.at(-1)!.position, 60_000);
      const built = await dumpReadModels(readStore);

      // The seed covers what the comparison is about: complaints the publication moved, and others.
      const publication = events.find((event) => event.streamId === holidayCalendarStreamId(2025))!;
      const moved = built[COMPLAINTS_COLLECTION].filter((complaint) => complaint.lastPosition === Number(publication.position));
      expect(moved.length).toBeGreaterThan(10);
      expect(built[COMPLAINTS_COLLECTION].length).toBe(COMPLAINTS);
      expect(built).toEqual(expected);
    } finally {
      await projector.stop();
      await readStore.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
