import {
  type HolidayCalendarEvent,
  type HolidayCalendarPublished,
  type PublishHolidayCalendar,
  holidayCalendarDecider,
  holidayCalendarStreamId,
} from '@lacak/domain';
import { StreamNotFoundError, WrongExpectedVersionError, type EventStore, type RecordedEvent } from '@lacak/event-store';
import { type CommandEnvelope, toEventsToAppend } from './complaint-stream';
import { CommandRefusedError, ConcurrencyConflictError } from './errors';

/** Optimistic retries when another publication of the same year won the race. */
const MAX_ATTEMPTS = 5;

/** Stored events of a calendar stream are trusted: only this service writes them. */
export const toHolidayCalendarEvent = (recorded: RecordedEvent): HolidayCalendarEvent =>
  ({ type: recorded.type, data: recorded.data }) as unknown as HolidayCalendarEvent;

/** Publishes a year's holidays: load the year's stream → fold → decide → append on the revision decided on. */
export class HolidayCalendarService {
  constructor(private readonly eventStore: EventStore) {}

  async publish(command: PublishHolidayCalendar, envelope: CommandEnvelope): Promise<HolidayCalendarPublished['data']> {
    const streamId = holidayCalendarStreamId(command.data.year);
    for (let attempt = 1; ; attempt++) {
      const history = await this.readHistory(streamId);
      const state = history.map(toHolidayCalendarEvent).reduce(holidayCalendarDecider.evolve, holidayCalendarDecider.initialState());
      const decision = holidayCalendarDecider.decide(command, state);
      if (!decision.ok) throw new CommandRefusedError(decision.refusal);
      const current = history.at(-1)?.revision;
      try {
        await this.eventStore.appendToStream(streamId, toEventsToAppend(decision.events, command.actor, command.at, envelope), {
          expectedState: current ?? 'no_stream',
        });
        return decision.events[0].data;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (attempt >= MAX_ATTEMPTS) throw new ConcurrencyConflictError(streamId);
      }
    }
  }

  private async readHistory(streamId: string): Promise<RecordedEvent[]> {
    try {
      return await this.eventStore.readStream(streamId);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }
}
