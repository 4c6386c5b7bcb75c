import type { Refusal } from '@lacak/domain';

/** The domain refused the command; nothing was written. */
export class CommandRefusedError extends Error {
  override readonly name = 'CommandRefusedError';
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

/** The client decided on a revision (If-Match) that is no longer the complaint's current one. */
export class RevisionMismatchError extends Error {
  override readonly name = 'RevisionMismatchError';
  constructor(readonly expected: bigint, readonly actual: bigint | null) {
    super(`The complaint is at revision ${actual ?? 'none'}, not ${expected}`);
  }
}

/** Other commands kept winning the race for the same complaint. */
export class ConcurrencyConflictError extends Error {
  override readonly name = 'ConcurrencyConflictError';
  constructor(readonly complaintId: string) {
    super(`Complaint ${complaintId} kept changing while the command was decided; retry`);
  }
}
