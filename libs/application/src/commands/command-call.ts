import { type Actor, type ComplaintCommandType, refuseRoleNeverAllowed } from '@lacak/domain';
import { CommandRefusedError } from '../errors';

/** What a caller says about a command besides its data: retries, concurrency and tracing. */
export interface CommandCall {
  correlationId: string;
  /** A client-chosen key (HTTP Idempotency-Key): a repeat with the same key returns the first result. */
  idempotencyKey?: string;
  /** The revision the client decided on (HTTP If-Match); a different current revision fails. */
  expectedRevision?: bigint;
  /** The command's own id, for a caller that names its commands itself (the deadline process). */
  commandId?: string;
}

/**
 * The first rule of every command, from the access matrix (`COMMAND_ACCESS`): a role that may never
 * issue it is refused (403) before anything is read, then scope (404), then the lifecycle (409).
 */
export function assertRoleMayIssue(actor: Actor, type: ComplaintCommandType): void {
  const refusal = refuseRoleNeverAllowed(actor, type);
  if (refusal) throw new CommandRefusedError(refusal);
}
