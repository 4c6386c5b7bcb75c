import { loadWorkingDayCalendar } from '@lacak/deadlines';
import { type Actor, holidayCalendarDecider, holidayCalendarStreamId } from '@lacak/domain';
import { eventually } from '@lacak/testing';
import { toAppend } from '../testing/complaint-history';
import { type TempStores, openTempStores } from '../testing/stores';
import { HolidayCalendarFeed } from './holiday-calendar-feed';

const admin: Actor = { id: 'admin-1', role: 'national_admin', agencyId: 'national' };

describe('HolidayCalendarFeed', () => {
  let stores: TempStores;
  let now = new Date('2026-12-30T02:00:00.000Z');
  const warnings: Record<string, unknown>[] = [];
  /** The year's first publication, as the calendar publication stores it. */
  const publish = async (year: number) => {
    const decision = holidayCalendarDecider.decide(
      {
        type: 'PublishHolidayCalendar',
        actor: admin,
        at: now.toISOString(),
        data: { year, decree: `SKB ${year} (test)`, holidays: [{ date: `${year}-01-01`, name: 'Tahun Baru' }], cutiBersama: [] },
      },
      holidayCalendarDecider.initialState(),
    );
    if (!decision.ok) throw new Error(decision.refusal.message);
    await stores.eventStore.appendToStream(holidayCalendarStreamId(year), decision.events.map((event) => toAppend(event, admin)), { expectedState: 'no_stream' });
  };
  const feedOn = (calendar = loadWorkingDayCalendar()) => ({
    calendar,
    feed: new HolidayCalendarFeed(stores.eventStore, calendar, {
      now: () => now,
      warn: (entry) => warnings.push(entry),
      error: (entry) => {
        throw new Error(String(entry.error));
      },
    }),
  });

  beforeEach(async () => {
    stores = await openTempStores();
    warnings.length = 0;
    now = new Date('2026-12-30T02:00:00.000Z');
  });
  afterEach(() => stores.cleanup());

  it('has every stored publication in the calendar once started, and follows later ones', async () => {
    await publish(2027);
    const { calendar, feed } = feedOn();
    await feed.start();
    try {
      expect(calendar.yearOf(2027)).toMatchObject({ source: 'published', version: 1 });
      expect(calendar.isWorkingDay('2027-01-05', 'Asia/Jakarta')).toBe(true);
      await publish(2028);
      await eventually(() => calendar.yearOf(2028).verified);
      expect(calendar.yearOf(2028)).toMatchObject({ source: 'published', version: 1 });
    } finally {
      await feed.stop();
    }
  });

  it('warns once at start and once each new year while this year or the next is unverified', async () => {
    const { feed } = feedOn();
    await feed.start();
    try {
      expect(warnings).toEqual([expect.objectContaining({ years: [2027] })]);
      feed.warnIfUnverified();
      expect(warnings).toHaveLength(1);
      now = new Date('2027-01-01T00:00:00.000Z'); // 07:00 WIB on New Year's Day
      feed.warnIfUnverified();
      expect(warnings).toEqual([expect.objectContaining({ years: [2027] }), expect.objectContaining({ years: [2027, 2028] })]);
    } finally {
      await feed.stop();
    }
  });

  it('says nothing when both years are verified', async () => {
    await publish(2027);
    const { feed } = feedOn();
    await feed.start();
    await feed.stop();
    expect(warnings).toEqual([]);
  });
});

