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
/** Appends after which the national admin publishes a year's holidays, while many complaints are still open. */
const PUBLISH_AFTER = 1000;

const DAY_MS = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/**
 * Three days off a week after the seed's complaints start (they are dated from tomorrow), within one
 * year: days their due dates count over, so the publication moves them.
 */
const DAYS_OFF = (() => {
  let start = Date.now() + 8 * DAY_MS;
  while (isoDate(start).slice(0, 4) !== isoDate(start + 2 * DAY_MS).slice(0, 4)) start += DAY_MS;
  return [0, 1, 2].map((day) => isoDate(start + day * DAY_MS));
})();
const YEAR = Number(DAYS_OFF[0].slice(0, 4));

/** The year's holidays as the national admin publishes them: the three days off, one of them cuti bersama. */
async function publishHolidays(store: EventStore): Promise<void> {
  const decision = holidayCalendarDecider.decide(
    {
      type: 'PublishHolidayCalendar',
      actor: actors.nationalAdmin,
      at: new Date().toISOString(),
      data: {
        year: YEAR,
        decree: `SKB ${YEAR} (test revision)`,
        holidays: [
          { date: DAYS_OFF[0], name: 'Libur uji' },
          { date: DAYS_OFF[2], name: 'Libur uji' },
        ],
        cutiBersama: [{ date: DAYS_OFF[1], name: 'Cuti bersama uji' }],
      },
    },
    holidayCalendarDecider.initialState(),
  );
  if (!decision.ok) throw new Error(decision.refusal.message);
  const events = decision.events.map((event) => toAppend(event, actors.nationalAdmin));
  await store.appendToStream(holidayCalendarStreamId(YEAR), events, { expectedState: 'no_stream' });
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
      const publication = events.find((event) => event.streamId === holidayCalendarStreamId(YEAR))!;
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
