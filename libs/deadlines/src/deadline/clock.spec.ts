import { loadWorkingDayCalendar } from '../calendar/working-day-calendar';
import { pausableDeadline, type Pause } from './clock';

const calendar = loadWorkingDayCalendar();
const WIB = 'Asia/Jakarta';
// Friday 19:00 WIB before the Idul Fitri 2026 block: 3 WD fall due on Wednesday 25 March.
const submittedAt = '2026-03-13T19:00:00+07:00';
const threeWorkingDays = { workingDays: 3 };
const dueOn = (date: string) => ({ status: 'running', due: `${date}T16:59:59.999Z` });
const verification = (pauses: Pause[]) => pausableDeadline(calendar, submittedAt, threeWorkingDays, pauses, WIB);

describe('pausableDeadline: a reporter clarification stops the clock', () => {
  it.each<[string, Pause[], string]>([
    ['runs unpaused', [], '2026-03-25'],
    // Working days after Monday up to Thursday 26: 17, 25 and 26 March.
    ['extends by the working days a pause covered', [{ from: '2026-03-16T10:00:00+07:00', to: '2026-03-26T09:00:00+07:00' }], '2026-03-30'],
    ['costs nothing for a pause opened and closed on one day', [{ from: '2026-03-16T10:00:00+07:00', to: '2026-03-16T16:00:00+07:00' }], '2026-03-25'],
    [
      'counts overlapping pauses once',
      [
        { from: '2026-03-16T10:00:00+07:00', to: '2026-03-25T12:00:00+07:00' },
        { from: '2026-03-17T09:00:00+07:00', to: '2026-03-25T10:00:00+07:00' },
      ],
      '2026-03-27',
    ],
    [
      'adds separate pauses up',
      [
        { from: '2026-03-16T10:00:00+07:00', to: '2026-03-17T10:00:00+07:00' },
        { from: '2026-03-25T10:00:00+07:00', to: '2026-03-26T10:00:00+07:00' },
      ],
      '2026-03-27',
    ],
    ['ignores a pause after the deadline lapsed', [{ from: '2026-03-26T10:00:00+07:00', to: '2026-03-31T10:00:00+07:00' }], '2026-03-25'],
    ['ignores a pause that ended before the clock started', [{ from: '2026-03-10T10:00:00+07:00', to: '2026-03-12T10:00:00+07:00' }], '2026-03-25'],
    // Only the part after the start counts: Monday 16 and Tuesday 17.
    ['counts a pause begun before the clock started from the start', [{ from: '2026-03-12T10:00:00+07:00', to: '2026-03-17T10:00:00+07:00' }], '2026-03-27'],
  ])('%s', (_label, pauses, due) => {
    expect(verification(pauses)).toEqual(dueOn(due));
  });

  it('reports what was left while a pause is open', () => {
    expect(verification([{ from: '2026-03-16T10:00:00+07:00' }])).toEqual({
      status: 'paused',
      pausedSince: '2026-03-16T03:00:00.000Z',
      remainingDays: 2,
    });
  });

  it('resumes with what was left: the answer day plus the remaining working days', () => {
    const answeredAt = '2026-03-26T09:00:00+07:00';
    const resumed = verification([{ from: '2026-03-16T10:00:00+07:00', to: answeredAt }]);
    expect(resumed).toEqual({ status: 'running', due: calendar.addWorkingDays(answeredAt, 2, WIB) });
  });

  it('counts calendar days for a calendar-day limit', () => {
    const sixtyDays = { calendarDays: 60 };
    expect(pausableDeadline(calendar, submittedAt, sixtyDays, [], WIB)).toEqual(dueOn('2026-05-12'));
    const pause = { from: '2026-03-16T10:00:00+07:00', to: '2026-03-26T09:00:00+07:00' };
    expect(pausableDeadline(calendar, submittedAt, sixtyDays, [pause], WIB)).toEqual(dueOn('2026-05-22'));
  });

  it('refuses a pause that ends before it starts', () => {
    expect(() => verification([{ from: '2026-03-17T10:00:00+07:00', to: '2026-03-16T10:00:00+07:00' }])).toThrow(/ends .* before it starts/);
  });
});
