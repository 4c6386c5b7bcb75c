import type { Refusal } from '@lacak/domain';

/** The domain refused the command; nothing was written. */
export class CommandRefusedError extends Error {
  override readonly name = 'CommandRefusedError';
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

/** The client decided on a revision (If-Match) that is no longer the current one of the complaint (or `subject`). */
export class RevisionMismatchError extends Error {
  override readonly name = 'RevisionMismatchError';
  constructor(readonly expected: bigint, readonly actual: bigint | null, subject = 'complaint') {
    super(`The ${subject} is at revision ${actual ?? 'none'}, not ${expected}`);
  }
}

/** Other commands kept winning the race for the same complaint (or `subject`). */
export class ConcurrencyConflictError extends Error {
  override readonly name = 'ConcurrencyConflictError';
  constructor(readonly complaintId: string, subject = 'Complaint') {
    super(`${subject} ${complaintId} kept changing while the command was decided; retry`);
  }
}

/**
 * An Idempotency-Key came again with a different request: answering with the first request's
 * outcome would mix the two (IETF draft "The Idempotency-Key HTTP Header Field": 422).
 */
export class IdempotencyKeyReusedError extends Error {
  override readonly name = 'IdempotencyKeyReusedError';
  constructor() {
    super('This Idempotency-Key was already used for a different request; send a new key with a new request');
  }
}

/** A referenced entity (for example the agency a complaint is disposed to) does not exist (422 UNKNOWN_REFERENCE). */
export class UnknownReferenceError extends Error {
  override readonly name = 'UnknownReferenceError';
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

/**
 * The stream a command was to be decided on failed its hash-chain check: an event was changed,
 * removed, reordered or inserted outside the engine. Nothing was written (409 INTEGRITY_VIOLATION).
 */
export class IntegrityViolationError extends Error {
  override readonly name = 'IntegrityViolationError';
  constructor(
    readonly streamId: string,
    readonly faults: readonly { revision: string; kind: string }[],
  ) {
    const first = faults[0];
    super(`The stored history of ${streamId} failed its integrity check at revision ${first.revision} (${first.kind}); nothing was written`);
  }
}

/** The attachment's file was erased with the reporter's identity: its record stays, its content is gone for good. */
export class AttachmentErasedError extends Error {
  override readonly name = 'AttachmentErasedError';
  constructor(readonly attachmentId: string) {
    super(`Attachment ${attachmentId} was erased with the reporter's identity`);
  }
}
