import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ComplaintLifecycle, ComplaintSubmission, HolidayCalendarPublication } from '@lacak/application';
import { PublishHolidayCalendarCommand, RunLifecycleCommand, SubmitComplaintCommand } from './commands';

/** Each handler adapts the bus to one use case; the use case holds everything else. */
@CommandHandler(RunLifecycleCommand)
export class RunLifecycleHandler implements ICommandHandler<RunLifecycleCommand> {
  constructor(private readonly lifecycle: ComplaintLifecycle) {}

  execute({ request, actor, call }: RunLifecycleCommand) {
    return this.lifecycle.run(request, actor, call);
  }
}

@CommandHandler(SubmitComplaintCommand)
export class SubmitComplaintHandler implements ICommandHandler<SubmitComplaintCommand> {
  constructor(private readonly submission: ComplaintSubmission) {}

  execute({ request, actor, call }: SubmitComplaintCommand) {
    return this.submission.run(request, actor, call);
  }
}

@CommandHandler(PublishHolidayCalendarCommand)
export class PublishHolidayCalendarHandler implements ICommandHandler<PublishHolidayCalendarCommand> {
  constructor(private readonly publication: HolidayCalendarPublication) {}

  execute({ request, actor, call }: PublishHolidayCalendarCommand) {
    return this.publication.run(request, actor, call);
  }
}

export const COMMAND_HANDLERS = [RunLifecycleHandler, SubmitComplaintHandler, PublishHolidayCalendarHandler];
