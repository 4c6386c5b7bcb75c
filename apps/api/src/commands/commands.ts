import { Command } from '@nestjs/cqrs';
import type {
  CommandCall,
  LifecycleOutcome,
  LifecycleRequest,
  SubmissionOutcome,
  SubmissionRequest,
} from '@lacak/application';
import type { Actor, HolidayCalendarPublished, PublishHolidayCalendar } from '@lacak/domain';

/**
 * The commands the CommandBus routes, one per use case of `@lacak/application`: every caller in the
 * API (HTTP, tracking, the demo seed) dispatches these, and only their handlers call the use cases.
 */
export class RunLifecycleCommand extends Command<LifecycleOutcome> {
  constructor(
    readonly request: LifecycleRequest,
    readonly actor: Actor,
    readonly call: CommandCall,
  ) {
    super();
  }
}

export class SubmitComplaintCommand extends Command<SubmissionOutcome> {
  constructor(
    readonly request: SubmissionRequest,
    readonly actor: Actor,
    readonly call: CommandCall,
  ) {
    super();
  }
}

export class PublishHolidayCalendarCommand extends Command<HolidayCalendarPublished['data']> {
  constructor(
    readonly request: PublishHolidayCalendar['data'],
    readonly actor: Actor,
    readonly call: CommandCall,
  ) {
    super();
  }
}
