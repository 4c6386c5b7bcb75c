import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import {
  CheckHealth,
  GetHolidayCalendar,
  type HealthView,
  type HolidayCalendarYearView,
  ListSlaPolicies,
  type SlaPolicyListView,
} from '@lacak/application/queries';
import type { Actor } from '@lacak/domain';

export class ListSlaPoliciesQuery extends Query<SlaPolicyListView> {
  constructor(readonly actor: Actor) {
    super();
  }
}

export class GetHolidayCalendarQuery extends Query<HolidayCalendarYearView> {
  constructor(
    readonly actor: Actor,
    readonly year: number,
  ) {
    super();
  }
}

export class CheckHealthQuery extends Query<HealthView> {}

@QueryHandler(ListSlaPoliciesQuery)
export class ListSlaPoliciesHandler implements IQueryHandler<ListSlaPoliciesQuery> {
  constructor(private readonly useCase: ListSlaPolicies) {}
  execute = async ({ actor }: ListSlaPoliciesQuery) => this.useCase.run(actor);
}

@QueryHandler(GetHolidayCalendarQuery)
export class GetHolidayCalendarHandler implements IQueryHandler<GetHolidayCalendarQuery> {
  constructor(private readonly useCase: GetHolidayCalendar) {}
  execute = async ({ actor, year }: GetHolidayCalendarQuery) => this.useCase.run(actor, year);
}

@QueryHandler(CheckHealthQuery)
export class CheckHealthHandler implements IQueryHandler<CheckHealthQuery> {
  constructor(private readonly useCase: CheckHealth) {}
  execute = () => this.useCase.run();
}
