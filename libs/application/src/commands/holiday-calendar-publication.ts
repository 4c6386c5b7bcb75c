import {
  type Actor,
  type HolidayCalendarPublished,
  type PublishHolidayCalendar,
  holidayCalendarDecider,
  holidayCalendarStreamId,
  toHolidayCalendarEvent,
} from '@lacak/domain';
import { WrongExpectedVersionError, type EventStore } from '@lacak/event-store';
import type { Clock } from '../clock';
import { toEventsToAppend } from '../complaint-stream';
import { CommandRefusedError, ConcurrencyConflictError } from '../errors';
import { newId } from '../ids';
import { NO_METRICS, type OperationalMetrics, recordingCommand } from '../operational-metrics';
import { readVerifiedStream } from '../verified-stream';
import type { CommandCall } from './command-call';

/** Optimistic retries when another publication of the same year won the race. */
const MAX_ATTEMPTS = 5;

/** Publishes a year's holidays: load the year's stream → fold → decide → append on the revision decided on. */
export class HolidayCalendarPublication {
  constructor(
    private readonly eventStore: EventStore,
    private readonly clock: Clock,
    /** Hears how each publication ended; nothing by default. */
    private readonly metrics: OperationalMetrics = NO_METRICS,
  ) {}

  run(request: PublishHolidayCalendar['data'], actor: Actor, call: Pick<CommandCall, 'correlationId'>): Promise<HolidayCalendarPublished['data']> {
    return recordingCommand(this.metrics, 'PublishHolidayCalendar', () => this.publish(request, actor, call));
  }

  private async publish(request: PublishHolidayCalendar['data'], actor: Actor, call: Pick<CommandCall, 'correlationId'>): Promise<HolidayCalendarPublished['data']> {
    const command: PublishHolidayCalendar = { type: 'PublishHolidayCalendar', actor, at: this.clock.now().toISOString(), data: request };
    const envelope = { commandId: newId(), correlationId: call.correlationId };
    const streamId = holidayCalendarStreamId(request.year);
    for (let attempt = 1; ; attempt++) {
      const { history, assertIntact, chained } = await readVerifiedStream(this.eventStore, streamId);
      await assertIntact();
      const state = history.map(toHolidayCalendarEvent).reduce(holidayCalendarDecider.evolve, holidayCalendarDecider.initialState());
      const decision = holidayCalendarDecider.decide(command, state);
      if (!decision.ok) throw new CommandRefusedError(decision.refusal);
      const current = history.at(-1)?.revision;
      try {
        await this.eventStore.appendToStream(streamId, chained(toEventsToAppend(decision.events, actor, command.at, envelope)), {
          expectedState: current ?? 'no_stream',
        });
        return decision.events[0].data;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (attempt >= MAX_ATTEMPTS) throw new ConcurrencyConflictError(streamId);
      }
    }
  }
}
