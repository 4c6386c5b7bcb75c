import type { DeadlineContext } from '@lacak/deadlines';
import { localDateOf } from '@lacak/deadlines';
import {
  type Actor,
  type EvaluationCommand,
  type EvaluationCommandType,
  type EvaluationEvent,
  EVALUATION_COMMAND_NAMES,
  type OrganisationTree,
  canSeeEvaluation,
  decideEvaluation,
  evaluationIdFor,
  evaluationStreamId,
  foldEvaluation,
  mayQuery,
  refuse,
  toEvaluationEvent,
} from '@lacak/domain';
import { type EventStore, type RecordedEvent, WrongExpectedVersionError, readStreamOrEmpty } from '@lacak/event-store';
import type { Clock } from '../clock';
import type { CommandCall } from '../commands/command-call';
import { toEventsToAppend } from '../complaint-stream';
import { CommandRefusedError, ConcurrencyConflictError, IdempotencyKeyReusedError, RevisionMismatchError, UnknownReferenceError } from '../errors';
import { eventIdFor, nameBasedId, newId } from '../ids';
import type { RequestFingerprints } from '../request-fingerprint';
import { readVerifiedStream } from '../verified-stream';

/** An evaluation command as its caller states it: what the server adds (the agency's local date) left out. */
export type EvaluationRequest = {
  [T in EvaluationCommandType]: { type: T; data: Omit<Extract<EvaluationCommand, { type: T }>['data'], 'today'> };
}[EvaluationCommandType];

export interface EvaluationOutcome {
  evaluationId: string;
  /** Revision of the evaluation stream's last event after the command: its ETag. */
  revision: bigint;
  events: EvaluationEvent[];
  /** True when this exact command had already been stored and nothing new was written. */
  replayed: boolean;
}

export interface EvaluationCommandsDependencies {
  eventStore: EventStore;
  tree: OrganisationTree;
  /** The agencies' time zones: an action plan's due dates are the agency's local dates. */
  deadlines: Pick<DeadlineContext, 'zoneOf'>;
  clock: Clock;
  fingerprints?: RequestFingerprints;
}

/** Optimistic retries when no If-Match was given and another command won the race. */
const MAX_ATTEMPTS = 5;

const evaluationIdOfRequest = (request: EvaluationRequest): string =>
  request.type === 'RecordEvaluation' ? evaluationIdFor(request.data.agencyId, request.data.year) : request.data.evaluationId;

/**
 * Every evaluation command: the role first (403), then the references, then load → fold → decide →
 * append on the revision decided on, the stream's hash chain checked as for complaints. An evaluation
 * the actor may not read is answered as a missing one (404) before its revision or integrity can tell otherwise.
 */
export class EvaluationCommands {
  constructor(private readonly deps: EvaluationCommandsDependencies) {}

  async run(request: EvaluationRequest, actor: Actor, call: CommandCall): Promise<EvaluationOutcome> {
    const useCase = EVALUATION_COMMAND_NAMES[request.type];
    if (!mayQuery(useCase, actor.role)) throw new CommandRefusedError(refuse('ROLE_NOT_ALLOWED', `The role ${actor.role} may never issue ${useCase}.`));
    if (request.type === 'RecordEvaluation' && !this.deps.tree.has(request.data.agencyId)) {
      throw new UnknownReferenceError('agencyId', `No agency ${request.data.agencyId} in the organisation tree`);
    }
    const evaluationId = evaluationIdOfRequest(request);
    const streamId = evaluationStreamId(evaluationId);
    const key = call.idempotencyKey;
    const commandId = call.commandId ?? (key ? nameBasedId('command', actor.id, key, request.type, evaluationId) : newId());
    const requestFingerprint = key ? this.deps.fingerprints?.of({ type: request.type, data: request.data }) : undefined;
    const envelope = { commandId, correlationId: call.correlationId, requestFingerprint };
    const at = this.deps.clock.now().toISOString();

    for (let attempt = 1; ; attempt++) {
      const { history, assertIntact, chained } = await readVerifiedStream(this.deps.eventStore, streamId);
      const current = history.at(-1)?.revision ?? null;
      const state = foldEvaluation(history.map(toEvaluationEvent));
      const hidden = state.status === 'NONE' || !canSeeEvaluation(actor, state.agencyId, this.deps.tree);
      if (request.type !== 'RecordEvaluation' && hidden) {
        throw new CommandRefusedError(refuse('EVALUATION_NOT_FOUND', 'No evaluation exists with this id.'));
      }
      const replay = storedOutcome(history, commandId, requestFingerprint, evaluationId);
      if (replay) return replay;
      await assertIntact();
      if (call.expectedRevision !== undefined && call.expectedRevision !== current) throw new RevisionMismatchError(call.expectedRevision, current, 'evaluation');

      const command = this.complete(request, actor, at, state.status === 'RECORDED' ? state.agencyId : null);
      const decision = decideEvaluation(command, state, this.deps.tree);
      if (!decision.ok) throw new CommandRefusedError(decision.refusal);
      try {
        const result = await this.deps.eventStore.appendToStream(streamId, chained(toEventsToAppend(decision.events, actor, at, envelope)), {
          expectedState: current ?? 'no_stream',
        });
        return { evaluationId, revision: result.nextExpectedRevision, events: decision.events, replayed: false };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        const actual = error.actualState === 'no_stream' ? null : error.actualState;
        if (call.expectedRevision !== undefined) throw new RevisionMismatchError(call.expectedRevision, actual, 'evaluation');
        if (attempt >= MAX_ATTEMPTS) throw new ConcurrencyConflictError(evaluationId, 'Evaluation');
      }
    }
  }

  /** Revision of the evaluation stream's last event; null when it has none. */
  async currentRevision(evaluationId: string): Promise<bigint | null> {
    const history = await readStreamOrEmpty(this.deps.eventStore, evaluationStreamId(evaluationId));
    return history.at(-1)?.revision ?? null;
  }

  /** The server's part: an action plan is checked against the evaluated agency's local date. */
  private complete(request: EvaluationRequest, actor: Actor, at: string, agencyId: string | null): EvaluationCommand {
    if (request.type === 'SubmitActionPlan') {
      return { ...request, actor, at, data: { ...request.data, today: localDateOf(at, this.deps.deadlines.zoneOf(agencyId)) } };
    }
    return { ...request, actor, at } as EvaluationCommand;
  }
}

/** A retried command (same command id) finds its events stored: answered as before, unless the key came with another request. */
function storedOutcome(history: RecordedEvent[], commandId: string, fingerprint: string | undefined, evaluationId: string): EvaluationOutcome | null {
  const first = history.find((e) => e.id === eventIdFor(commandId, 0));
  if (!first) return null;
  const stored = first.metadata.requestFingerprint;
  if (stored && fingerprint && stored !== fingerprint) throw new IdempotencyKeyReusedError();
  const events = history.filter((e) => e.metadata.causationId === commandId);
  return { evaluationId, revision: events[events.length - 1].revision, events: events.map(toEvaluationEvent), replayed: true };
}
