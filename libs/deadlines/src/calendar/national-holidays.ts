import Holidays from 'date-holidays';
import type { Holiday } from './holiday';

/** Where a year's national holidays come from before the decree's corrections. */
export type NationalHolidaySource = (year: number) => readonly Holiday[];

let indonesia: Holidays | undefined;

/**
 * date-holidays' public holidays for Indonesia. Its `date` field is the local date in the
 * country's own calendar (Islamic holidays carry a sunset offset there), so the first ten
 * characters are the day whatever zone the server runs in.
 */
export const dateHolidaysFor: NationalHolidaySource = (year) => {
  indonesia ??= new Holidays('ID');
  return indonesia
    .getHolidays(year)
    .filter((holiday) => holiday.type === 'public')
    .map((holiday) => ({ date: holiday.date.slice(0, 10), name: holiday.name, kind: 'holiday', origin: 'date-holidays' }));
};
