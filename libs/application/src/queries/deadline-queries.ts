import type { Actor } from '@lacak/domain';
import type { CalendarYear, HolidayKind, SlaPolicy } from '@lacak/deadlines';
import type { DeadlineContext } from '@lacak/deadlines';
import { assertMayRun } from './query-access';

export interface SlaPolicyListView {
  inForce: string;
  versions: readonly SlaPolicy[];
}

/** The published SLA policy versions and the one in force now. */
export class ListSlaPolicies {
  constructor(
    private readonly deadlines: DeadlineContext,
    private readonly now: () => Date,
  ) {}

  run(actor: Actor): SlaPolicyListView {
    assertMayRun('list-sla-policies', actor);
    const { policies } = this.deadlines;
    return { inForce: policies.inForce(this.now().toISOString()).version, versions: policies.versions };
  }
}

export interface HolidayCalendarYearView extends CalendarYear {
  holidays: { date: string; name: string }[];
  cutiBersama: { date: string; name: string }[];
}

/** The calendar in force for a year: where it comes from, its version, and its days off. */
export class GetHolidayCalendar {
  constructor(private readonly deadlines: DeadlineContext) {}

  run(actor: Actor, year: number): HolidayCalendarYearView {
    assertMayRun('get-holiday-calendar', actor);
    const { calendar } = this.deadlines;
    const days = (kind: HolidayKind) => calendar.holidaysIn(year).filter((day) => day.kind === kind).map(({ date, name }) => ({ date, name }));
    return { ...calendar.yearOf(year), holidays: days('holiday'), cutiBersama: days('cuti_bersama') };
  }
}
