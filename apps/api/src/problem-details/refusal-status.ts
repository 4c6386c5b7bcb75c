import type { RefusalCode } from '@lacak/domain';

/**
 * Every domain refusal's HTTP status. A new refusal code without a status here fails to
 * compile: rules the actor breaks by who they are are 403, a missing complaint (or one
 * outside the actor's scope) is 404, an erased identity 410, and everything the complaint's
 * state forbids is 409.
 */
export const REFUSAL_STATUS: { readonly [code in RefusalCode]: 403 | 404 | 409 | 410 } = {
  COMPLAINT_ALREADY_EXISTS: 409,
  COMPLAINT_NOT_FOUND: 404,
  INVALID_TRANSITION: 409,
  ROLE_NOT_ALLOWED: 403,
  NOT_CURRENT_ASSIGNEE: 403,
  NOT_THE_REPORTER: 403,
  DISPOSITION_REQUIRES_VERIFICATION: 409,
  ALREADY_DISPOSED_TO_AGENCY: 409,
  REJECT_REASON_NOT_ALLOWED: 409,
  CLARIFICATION_NOT_OPEN: 409,
  SLA_CLASS_MISMATCH: 409,
  CONFIDENTIALITY_CANNOT_BE_CLEARED: 409,
  FINDINGS_REQUIRED: 409,
  CLOSE_REQUIRES_FOLLOW_UP: 409,
  OPEN_CLARIFICATIONS: 409,
  TARGET_OUTSIDE_SCOPE: 403,
  IDENTITY_SEALED: 403,
  IDENTITY_ERASED: 410,
  NO_REPORTER_IDENTITY: 404,
};
