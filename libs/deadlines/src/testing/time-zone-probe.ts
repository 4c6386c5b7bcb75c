import { loadWorkingDayCalendar } from '../calendar/working-day-calendar';
import { dueDates } from '../deadline/due-dates';
import { loadPolicyBook } from '../policy/policy-book';
import { INDONESIAN_ZONES, type IndonesianZone } from '../time/zones';

const STARTS = ['2026-03-13T12:00:00Z', '2026-03-16T02:00:00Z', '2026-03-16T16:30:00Z', '2026-03-17T16:30:00Z', '2025-12-31T17:30:00Z', '2026-08-16T15:00:00Z'];

/** Calendar answers and due dates for instants near local midnights, in every Indonesian zone. */
export function probe(): unknown {
  const calendar = loadWorkingDayCalendar();
  const policy = loadPolicyBook().inForce('2026-03-13T12:00:00Z');
  return (Object.keys(INDONESIAN_ZONES) as IndonesianZone[]).flatMap((zone) =>
    STARTS.map((start) => ({
      zone,
      start,
      working: calendar.isWorkingDay(start, zone),
      plus: [1, 3, 5, 14, 60].map((days) => calendar.addWorkingDays(start, days, zone)),
      due: dueDates(policy, { submittedAt: start, slaClass: 'ordinary', disposedAt: [start] }, calendar, zone),
    })),
  );
}

// Run as a script, in a process whose TZ was set before anything loaded.
if (require.main === module) {
  process.stdout.write(JSON.stringify({ offsetMinutes: new Date('2026-01-01T00:00:00Z').getTimezoneOffset(), table: probe() }));
}
