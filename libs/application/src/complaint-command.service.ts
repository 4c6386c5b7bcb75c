import {
  type AgencyScope,
  type ComplaintCommand,
  type ComplaintEvent,
  type ComplaintState,
  EXACT_AGENCY_SCOPE,
  actorOnRecord,
  canSeeComplaint,
  decideComplaint,
  holdingOf,
  refuse,
} from '@lacak/domain';
import {
  readStreamOrEmpty,
  WrongExpectedVersionError,
  type EventStore,
  type RecordedEvent,
} from '@lacak/event-store';
import { type CommandEnvelope, complaintStreamId, foldComplaintHistory, toComplaintEvent, toEventsToAppend } from './complaint-stream';
import { CommandRefusedError, ConcurrencyConflictError, IdempotencyKeyReusedError, RevisionMismatchError } from './errors';
import { eventIdFor } from './ids';
import { readVerifiedStream } from './verified-stream';

export interface CommandOptions extends CommandEnvelope {
  /** The revision the client decided on (HTTP If-Match); a different current revision fails. */
  expectedRevision?: bigint;
}

export interface CommandOutcome {
  complaintId: string;
  /** Revision of the complaint's last event after the command. */
  revision: bigint;
  events: ComplaintEvent[];
  /** True when this exact command had already been stored and nothing new was written. */
  replayed: boolean;
}

/** A command as its caller gave it, before what follows from the complaint's state is added. */
export type CommandToComplete = Pick<ComplaintCommand, 'type' | 'actor' | 'at'> & { data: { complaintId: string } };

/**
 * Adds to a command what follows from the complaint it addresses (windows, thresholds): run on the
 * state the decision is made on, once the complaint is known to be in the actor's scope.
 */
export type CommandCompletion<C extends CommandToComplete> = (
  command: C,
  state: ComplaintState,
  events: readonly ComplaintEvent[],
) => ComplaintCommand | Promise<ComplaintCommand>;

/** Optimistic retries when no If-Match was given and another command won the race. */
const MAX_ATTEMPTS = 5;

/**
 * Load → fold → complete → decide → append with the revision the decision was made on. The append's
 * expected revision is what makes N concurrent commands on one revision yield one winner. The use
 * cases (`ComplaintLifecycle`, `ComplaintSubmission`) are its callers: they refuse a role that may
 * never issue the command before anything is read.
 */
export class ComplaintCommandService {
  constructor(
    private readonly eventStore: EventStore,
    /** The organisation tree in production; exact agency matches without one. */
    private readonly scope: AgencyScope = EXACT_AGENCY_SCOPE,
  ) {}

  /** `complete` adds what follows from the state; a command given whole needs none. */
  async execute<C extends CommandToComplete = ComplaintCommand>(
    toComplete: C,
    options: CommandOptions,
    complete: CommandCompletion<C> = (command) => command as unknown as ComplaintCommand,
  ): Promise<CommandOutcome> {
    const complaintId = toComplete.data.complaintId;
    const streamId = complaintStreamId(complaintId);
    for (let attempt = 1; ; attempt++) {
      const { history, assertIntact, chained } = await readVerifiedStream(this.eventStore, streamId);
      const current = history.length > 0 ? history[history.length - 1].revision : null;

      const replay = this.findStoredOutcome(history, options, complaintId);
      if (replay) return replay;

      const state = foldComplaintHistory(history);
      // A complaint outside the actor's scope does not exist for them: the same answer as a missing
      // one, given before anything else (such as its revision) could tell them otherwise.
      const missing = state.status === 'NONE' && toComplete.type !== 'SubmitComplaint';
      if (missing || (state.status !== 'NONE' && !canSeeComplaint(toComplete.actor, holdingOf(state), this.scope))) {
        throw new CommandRefusedError(refuse('COMPLAINT_NOT_FOUND', 'No complaint exists with this id.'));
      }
      await assertIntact();
      if (options.expectedRevision !== undefined && options.expectedRevision !== current) {
        throw new RevisionMismatchError(options.expectedRevision, current);
      }
      const command = await complete(toComplete, state, history.map(toComplaintEvent));
      const decision = decideComplaint(command, state, this.scope);
      if (!decision.ok) throw new CommandRefusedError(decision.refusal);

      try {
        const result = await this.eventStore.appendToStream(
          streamId,
          chained(toEventsToAppend(decision.events, actorOnRecord(command), command.at, options)),
          { expectedState: current ?? 'no_stream' },
        );
        if (options.requestFingerprint) await this.assertAppendedForThisRequest(streamId, result.nextExpectedRevision, decision.events.length, options);
        return { complaintId, revision: result.nextExpectedRevision, events: decision.events, replayed: false };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        const actual = error.actualState === 'no_stream' ? null : error.actualState;
        if (options.expectedRevision !== undefined) throw new RevisionMismatchError(options.expectedRevision, actual);
        if (attempt >= MAX_ATTEMPTS) throw new ConcurrencyConflictError(complaintId);
      }
    }
  }

  /**
   * What the command would be answered on the complaint as it is now, without appending anything:
   * for a use case with work to do before the command (storing a file) that a refusal would waste.
   */
  async assertWouldDecide(command: ComplaintCommand, expectedRevision?: bigint): Promise<void> {
    const history = await this.readHistory(complaintStreamId(command.data.complaintId));
    const state = foldComplaintHistory(history);
    if (state.status === 'NONE' || !canSeeComplaint(command.actor, holdingOf(state), this.scope)) {
      throw new CommandRefusedError(refuse('COMPLAINT_NOT_FOUND', 'No complaint exists with this id.'));
    }
    const current = history.at(-1)?.revision ?? null;
    if (expectedRevision !== undefined && expectedRevision !== current) throw new RevisionMismatchError(expectedRevision, current);
    const decision = decideComplaint(command, state, this.scope);
    if (!decision.ok) throw new CommandRefusedError(decision.refusal);
  }

  /** Revision of the complaint's last event; null when it has none. */
  async currentRevision(complaintId: string): Promise<bigint | null> {
    const history = await this.readHistory(complaintStreamId(complaintId));
    return history.length > 0 ? history[history.length - 1].revision : null;
  }

  /** The complaint's current state as the actor may know it: null when unknown or out of scope. */
  async stateFor(complaintId: string, actor: ComplaintCommand['actor']): Promise<ComplaintState | null> {
    const state = foldComplaintHistory(await this.readHistory(complaintStreamId(complaintId)));
    return state.status !== 'NONE' && canSeeComplaint(actor, holdingOf(state), this.scope) ? state : null;
  }

  private readHistory(streamId: string): Promise<RecordedEvent[]> {
    return readStreamOrEmpty(this.eventStore, streamId);
  }

  /**
   * A retried command (same command id) finds its events already stored: answer as before. The
   * same id with another request is a reused Idempotency-Key, refused rather than answered with
   * the first request's outcome. (Events stored before fingerprints were kept carry none.)
   */
  private findStoredOutcome(history: RecordedEvent[], { commandId, requestFingerprint }: CommandOptions, complaintId: string): CommandOutcome | null {
    const firstId = eventIdFor(commandId, 0);
    const first = history.find((e) => e.id === firstId);
    if (!first) return null;
    assertSameRequest(first, requestFingerprint);
    const stored = history.filter((e) => e.metadata.causationId === commandId);
    return {
      complaintId,
      revision: stored[stored.length - 1].revision,
      events: stored.map(toComplaintEvent),
      replayed: true,
    };
  }

  /**
   * An append of event ids already stored is answered as the original append was, so a concurrent
   * request with the same command id that got there first looks like success: check whose it was.
   */
  private async assertAppendedForThisRequest(streamId: string, lastRevision: bigint, count: number, options: CommandOptions): Promise<void> {
    const [first] = await this.eventStore.readStream(streamId, { fromRevision: lastRevision - BigInt(count - 1), maxCount: 1 });
    assertSameRequest(first, options.requestFingerprint);
  }
}

/** The stored event was caused by another request than this one, under the same command id. */
function assertSameRequest(stored: RecordedEvent, requestFingerprint: string | undefined): void {
  const storedFingerprint = stored.metadata.requestFingerprint;
  if (storedFingerprint && requestFingerprint && storedFingerprint !== requestFingerprint) throw new IdempotencyKeyReusedError();
}
