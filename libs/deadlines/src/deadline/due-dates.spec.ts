import { loadWorkingDayCalendar } from '../calendar/working-day-calendar';
import { PolicyBook } from '../policy/policy-book';
import { aPolicy, LIMITS_62_2018 } from '../testing/policies';
import { dueDates, remainingWorkingDays, type ComplaintClockFacts } from './due-dates';

const calendar = loadWorkingDayCalendar();
const WIB = 'Asia/Jakarta';
const policy = aPolicy();
const endOf = (date: string) => `${date}T16:59:59.999Z`;
const running = (date: string) => ({ status: 'running', due: endOf(date) });

// Submitted on the Friday evening before the Idul Fitri 2026 block, disposed on its first working day.
const submitted: ComplaintClockFacts = { submittedAt: '2026-03-13T19:00:00+07:00', slaClass: 'ordinary' };
const disposed: ComplaintClockFacts = { ...submitted, disposedAt: ['2026-03-25T10:00:00+07:00'] };

describe('dueDates', () => {
  it('times verification and the Ombudsman referral from submission, and nothing else before disposition', () => {
    expect(dueDates(policy, submitted, calendar, WIB)).toEqual({
      verification: running('2026-03-25'),
      ombudsmanReferral: running('2026-05-12'),
    });
  });

  it('times the follow-up and the resolution from the disposition', () => {
    expect(dueDates(policy, disposed, calendar, WIB)).toMatchObject({
      verification: running('2026-03-25'),
      followUp: running('2026-04-01'),
      resolution: running('2026-04-15'),
    });
  });

  it.each([
    ['information', '2026-04-01'],
    ['ordinary', '2026-04-15'],
    ['supervisory', '2026-06-29'],
  ] as const)('gives the %s class its resolution limit', (slaClass, due) => {
    expect(dueDates(policy, { ...disposed, slaClass }, calendar, WIB).resolution).toEqual(running(due));
  });

  it('has no resolution clock before the SLA class is known', () => {
    expect(dueDates(policy, { ...disposed, slaClass: null }, calendar, WIB).resolution).toBeUndefined();
  });

  describe('re-disposition', () => {
    const redisposed = { ...disposed, disposedAt: ['2026-04-01T10:00:00+07:00', '2026-03-25T10:00:00+07:00'] };

    it('restarts the follow-up clock and, by default, continues the resolution clock', () => {
      expect(dueDates(policy, redisposed, calendar, WIB)).toMatchObject({
        followUp: running('2026-04-09'),
        resolution: running('2026-04-15'),
      });
    });

    it('restarts the resolution clock when the policy says so', () => {
      const restarting = aPolicy({ onRedisposition: 'restart' });
      expect(dueDates(restarting, redisposed, calendar, WIB).resolution).toEqual(running('2026-04-22'));
    });
  });

  describe('a clarification asked of the reporter', () => {
    const asked = '2026-03-30T10:00:00+07:00';

    it('runs its own wait and pauses the clocks still running', () => {
      const pending = dueDates(policy, { ...disposed, reporterClarifications: [{ requestedAt: asked }] }, calendar, WIB);
      expect(pending).toEqual({
        // Verification was due before the clarification was asked.
        verification: running('2026-03-25'),
        followUp: { status: 'paused', pausedSince: '2026-03-30T03:00:00.000Z', remainingDays: 2 },
        resolution: { status: 'paused', pausedSince: '2026-03-30T03:00:00.000Z', remainingDays: 11 },
        clarification: running('2026-04-14'),
        ombudsmanReferral: { status: 'paused', pausedSince: '2026-03-30T03:00:00.000Z', remainingDays: 43 },
      });
    });

    it('once answered, extends the paused clocks by the working days it took', () => {
      const answered = { ...disposed, reporterClarifications: [{ requestedAt: asked, answeredAt: '2026-04-02T15:00:00+07:00' }] };
      expect(dueDates(policy, answered, calendar, WIB)).toEqual({
        verification: running('2026-03-25'),
        followUp: running('2026-04-07'),
        resolution: running('2026-04-20'),
        ombudsmanReferral: running('2026-05-15'),
      });
    });
  });

  it('times auto-close and the dispute window from the follow-up, and the reopen window from closure', () => {
    const closed = { ...disposed, respondedAt: '2026-04-07T14:00:00+07:00', closedAt: '2026-04-22T09:00:00+07:00' };
    expect(dueDates(policy, closed, calendar, WIB)).toMatchObject({
      autoClose: running('2026-04-21'),
      disputeWindow: running('2026-04-21'),
      reopenWindow: running('2026-05-22'),
    });
  });

  it('ends each day in the agency zone', () => {
    const inJayapura = dueDates(policy, disposed, calendar, 'Asia/Jayapura');
    expect(inJayapura.followUp).toEqual({ status: 'running', due: '2026-04-01T14:59:59.999Z' });
  });

  it('keeps the deadlines of the version a complaint is pinned to when a stricter one is published', () => {
    const book = new PolicyBook([policy]);
    const pinnedVersion = book.inForce(disposed.submittedAt).version;
    const republished = book.publish(
      aPolicy({ version: 'v2', effectiveFrom: '2026-04-01', limits: { ...LIMITS_62_2018, ordinary: { workingDays: 10 } } }),
      '2026-03-20T09:00:00+07:00',
    );
    expect(dueDates(republished.byVersion(pinnedVersion), disposed, calendar, WIB).resolution).toEqual(running('2026-04-15'));
    const laterComplaint = { ...disposed, submittedAt: '2026-04-01T09:00:00+07:00', disposedAt: ['2026-04-01T10:00:00+07:00'] };
    expect(dueDates(republished.inForce(laterComplaint.submittedAt), laterComplaint, calendar, WIB).resolution).toEqual(running('2026-04-16'));
  });
});

describe('remainingWorkingDays', () => {
  const due = endOf('2026-03-27');

  it.each([
    ['2026-03-17T10:00:00+07:00', 3, 'Tuesday before the holiday block: 25, 26 and 27 March left'],
    ['2026-03-25T10:00:00+07:00', 2, 'Wednesday'],
    ['2026-03-27T10:00:00+07:00', 0, 'the due day itself'],
    ['2026-03-28T10:00:00+07:00', -1, 'the Saturday after: overdue though no working day passed'],
    ['2026-03-30T10:00:00+07:00', -1, 'the Monday after'],
    ['2026-03-31T10:00:00+07:00', -2, 'the Tuesday after'],
  ])('at %s is %i (%s)', (now, days) => {
    expect(remainingWorkingDays(due, now, calendar, WIB)).toBe(days);
  });
});
