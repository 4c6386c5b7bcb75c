import { CommandRefusedError, ConcurrencyConflictError, IdempotencyKeyReusedError, RevisionMismatchError, UnknownReferenceError } from './errors';

/**
 * How a command that reached its use case ended: `accepted` (stored, or a retry answered from the
 * store), `refused` (a rule or a reference said no; nothing written), `conflict` (the stream moved
 * under it: If-Match no longer holds, lost races, a reused Idempotency-Key), `error` (anything else,
 * a broken hash chain included: nothing the caller can fix by asking differently).
 */
export type CommandResult = { outcome: 'accepted' | 'conflict' | 'error' } | { outcome: 'refused'; code: string };

/** What a verification of the whole event log found: `intact`, `faults`, or `failed` (it could not finish). */
export type LogVerificationResult = 'intact' | 'faults' | 'failed';

/**
 * The facts operators watch, as the use cases and processes state them; the API turns them into
 * Prometheus metrics, and everything else records nothing (`NO_METRICS`). Implementations are
 * synchronous and cheap: they sit on every command.
 */
export interface OperationalMetrics {
  commandFinished(command: string, result: CommandResult): void;
  /** The deadline process raised one action it owed (`missed`, `escalate`, …); replays and settled ones are not counted. */
  deadlineActionRaised(action: string): void;
  /** A verification of the whole event log ended; `events` is how many it verified when it finished. */
  logVerified(result: LogVerificationResult, finishedAt: Date, events?: number): void;
  /** A sync process read a complaint's copy in an external system (`sp4n-lapor`): `changed` was recorded, `unchanged`, or `failed`. */
  externalStatusChecked(system: string, outcome: ExternalCheckOutcome): void;
}

export type ExternalCheckOutcome = 'changed' | 'unchanged' | 'failed';

export const NO_METRICS: OperationalMetrics = {
  commandFinished: () => undefined,
  deadlineActionRaised: () => undefined,
  logVerified: () => undefined,
  externalStatusChecked: () => undefined,
};

/** The result a command's error stands for. */
export function commandResultOf(error: unknown): CommandResult {
  if (error instanceof CommandRefusedError) return { outcome: 'refused', code: error.refusal.code };
  if (error instanceof UnknownReferenceError) return { outcome: 'refused', code: 'UNKNOWN_REFERENCE' };
  if (error instanceof RevisionMismatchError || error instanceof ConcurrencyConflictError || error instanceof IdempotencyKeyReusedError) {
    return { outcome: 'conflict' };
  }
  return { outcome: 'error' };
}

/** Runs a command and records how it ended; the outcome or error passes through unchanged. */
export async function recordingCommand<T>(metrics: OperationalMetrics, command: string, run: () => Promise<T>): Promise<T> {
  try {
    const outcome = await run();
    metrics.commandFinished(command, ACCEPTED);
    return outcome;
  } catch (error) {
    metrics.commandFinished(command, commandResultOf(error));
    throw error;
  }
}

const ACCEPTED: CommandResult = { outcome: 'accepted' };
