import type { CalendarYear, PublishedYear, WorkingDayCalendar } from '@lacak/deadlines';
import { HOLIDAY_CALENDAR_STREAM_PREFIX, type HolidayCalendarPublished, toHolidayCalendarEvent } from '@lacak/domain';
import type { AllPosition, AllSubscription, EventStore } from '@lacak/event-store';

export const publishedYearOf = ({ year, version, decree, holidays, cutiBersama }: HolidayCalendarPublished['data']): PublishedYear => ({
  year,
  version,
  decree,
  holidays,
  cutiBersama,
});

/** The calendars of this year and the next in Jakarta, the years a deployment must have verified. */
export function upcomingYears(calendar: WorkingDayCalendar, now: Date): CalendarYear[] {
  const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Jakarta', year: 'numeric' }).format(now));
  return [calendar.yearOf(year), calendar.yearOf(year + 1)];
}

export interface HolidayCalendarFeedOptions {
  now: () => Date;
  warn: (entry: Record<string, unknown>) => void;
  error: (entry: Record<string, unknown>) => void;
  /** How often to look whether a new year began, to warn about it once. */
  yearCheckIntervalMs?: number;
  retryDelayMs?: number;
}

const HOUR_MS = 3_600_000;

/**
 * Keeps a process's working-day calendar current with the holiday calendars the national admin
 * published: folds every `HolidayCalendarPublished` from the store at start, then follows the
 * calendar streams. Every process that computes due dates runs one (the API and the projector);
 * it reads the store, never an in-process bus. It also warns, once at start and once each new
 * year, while this year or the next has no verified holidays.
 */
export class HolidayCalendarFeed {
  private subscription: AllSubscription | null = null;
  private loop: Promise<void> | null = null;
  private position: AllPosition = 'start';
  private stopping = false;
  private yearTimer: NodeJS.Timeout | null = null;
  private warnedFor: number | null = null;

  constructor(
    private readonly eventStore: EventStore,
    private readonly calendar: WorkingDayCalendar,
    private readonly options: HolidayCalendarFeedOptions,
  ) {}

  /** Resolves once every publication stored so far is in the calendar; later ones follow as they are stored. */
  start(): Promise<void> {
    return new Promise((resolve) => {
      this.loop = this.follow(() => {
        this.warnIfUnverified();
        resolve();
      });
      this.yearTimer = setInterval(() => this.warnIfUnverified(), this.options.yearCheckIntervalMs ?? HOUR_MS);
      this.yearTimer.unref();
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.yearTimer) clearInterval(this.yearTimer);
    await this.subscription?.unsubscribe();
    await this.loop;
  }

  /** Logs the unverified years once per calendar year. */
  warnIfUnverified(): void {
    const years = upcomingYears(this.calendar, this.options.now());
    if (this.warnedFor === years[0].year) return;
    this.warnedFor = years[0].year;
    const unverified = years.filter((year) => !year.verified).map((year) => year.year);
    if (unverified.length === 0) return;
    this.options.warn({
      message: 'Deadlines rest on unverified holiday dates: publish the year’s SKB holidays and cuti bersama (POST /calendar/holidays/{year})',
      years: unverified,
    });
  }

  private async follow(caughtUp: () => void): Promise<void> {
    while (!this.stopping) {
      try {
        const subscription = this.eventStore.subscribeToAll({
          fromPosition: this.position,
          filter: { streamPrefixes: [HOLIDAY_CALENDAR_STREAM_PREFIX] },
        });
        this.subscription = subscription;
        subscription.onCaughtUp(caughtUp);
        for await (const recorded of subscription) {
          const event = toHolidayCalendarEvent(recorded);
          if (event.type === 'HolidayCalendarPublished') this.calendar.publish(publishedYearOf(event.data));
          this.position = recorded.position;
        }
        return;
      } catch (error) {
        this.options.error({ message: 'Following the holiday calendars failed; retrying', error: String(error) });
        await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs ?? 1000));
      }
    }
  }
}
