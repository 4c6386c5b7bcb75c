import { ACTOR_ROLES, type Actor } from '../complaint/actor';
import { DeciderSpecification } from '../testing/decider-specification';
import { type CalendarDay, type HolidayCalendarPublished, type PublishHolidayCalendar, holidayCalendarDecider } from './holiday-calendar';

const given = DeciderSpecification.for(holidayCalendarDecider);
const admin: Actor = { id: 'admin-1', role: 'national_admin', agencyId: 'national' };
const AT = '2026-11-02T03:00:00.000Z';
const DECREE = 'SKB 2027 (test)';
const newYear: CalendarDay = { date: '2027-01-01', name: 'Tahun Baru 2027 Masehi' };
const independence: CalendarDay = { date: '2027-08-17', name: 'Hari Kemerdekaan RI' };
const cuti: CalendarDay = { date: '2027-12-24', name: 'Cuti bersama Kelahiran Yesus Kristus' };

const publish = (data: Partial<PublishHolidayCalendar['data']> = {}, actor: Actor = admin): PublishHolidayCalendar => ({
  type: 'PublishHolidayCalendar',
  actor,
  at: AT,
  data: { year: 2027, decree: DECREE, holidays: [independence, newYear], cutiBersama: [cuti], ...data },
});

const published = (version: number, data: Partial<HolidayCalendarPublished['data']> = {}): HolidayCalendarPublished => ({
  type: 'HolidayCalendarPublished',
  data: { year: 2027, version, decree: DECREE, holidays: [newYear, independence], cutiBersama: [cuti], publishedBy: admin.id, at: AT, ...data },
});

describe('PublishHolidayCalendar', () => {
  it('publishes the first version of a year, its days sorted by date', () => {
    given([]).when(publish()).then([published(1)]);
  });

  it('numbers a correction as the next version', () => {
    const corrected = [newYear, independence, { date: '2027-03-10', name: 'Hari Suci Nyepi' }];
    given([published(1)])
      .when(publish({ holidays: corrected }))
      .then([published(2, { holidays: [newYear, { date: '2027-03-10', name: 'Hari Suci Nyepi' }, independence] })]);
  });

  it('is refused when nothing changed since the version in force', () => {
    given([published(1)]).when(publish()).thenRefused('CALENDAR_UNCHANGED');
  });

  it.each(ACTOR_ROLES.filter((role) => role !== 'national_admin'))('is refused to %s', (role) => {
    given([]).when(publish({}, { id: 'x', role, agencyId: 'id-32' })).thenRefused('ROLE_NOT_ALLOWED');
  });

  it.each([
    ['a date in another year', { holidays: [{ date: '2026-12-31', name: 'Malam tahun baru' }] }, 'holidays[0].date 2026-12-31 is not in 2027'],
    ['an impossible date', { cutiBersama: [{ date: '2027-02-30', name: 'Cuti' }] }, 'cutiBersama[0].date must be a date YYYY-MM-DD'],
    ['a day without a name', { holidays: [{ date: '2027-01-01', name: ' ' }] }, 'holidays[0].name must name the day'],
    [
      'a date listed twice',
      { holidays: [newYear], cutiBersama: [{ date: '2027-01-01', name: 'Cuti bersama' }] },
      'cutiBersama[0].date 2027-01-01 is already listed as holidays[0]',
    ],
    ['no holidays', { holidays: [] }, 'holidays must list the national holidays of the year'],
    ['no decree', { decree: '' }, 'decree must name the decree the lists follow'],
    ['a year that is not one', { year: 27, holidays: [] }, 'year must be a four-digit year'],
  ])('is refused for %s, naming the problem', (_label, data, problem) => {
    given([]).when(publish(data)).thenRefused('CALENDAR_INVALID');
    const decision = holidayCalendarDecider.decide(publish(data), holidayCalendarDecider.initialState());
    expect(decision.ok ? '' : decision.refusal.message).toContain(problem);
  });
});
