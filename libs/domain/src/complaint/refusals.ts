/**
 * Named refusals: the closed set of rules a command can break. The API maps each
 * code to an HTTP status exhaustively, so adding a code without a mapping fails to compile.
 */
export const REFUSAL_CODES = [
  'COMPLAINT_ALREADY_EXISTS',
  'COMPLAINT_NOT_FOUND',
  'INVALID_TRANSITION',
  'ROLE_NOT_ALLOWED',
  'NOT_CURRENT_ASSIGNEE',
  'NOT_THE_REPORTER',
  'DISPOSITION_REQUIRES_VERIFICATION',
  'ALREADY_DISPOSED_TO_AGENCY',
  'REJECT_REASON_NOT_ALLOWED',
  'CLARIFICATION_NOT_OPEN',
  'SLA_CLASS_MISMATCH',
  'CONFIDENTIALITY_CANNOT_BE_CLEARED',
  'FINDINGS_REQUIRED',
  'CLOSE_REQUIRES_FOLLOW_UP',
  'OPEN_CLARIFICATIONS',
  'TARGET_OUTSIDE_SCOPE',
  'IDENTITY_SEALED',
  'IDENTITY_ERASED',
  'NO_REPORTER_IDENTITY',
  'DISPUTE_WINDOW_CLOSED',
  'REOPEN_WINDOW_CLOSED',
  'RATING_OUT_OF_RANGE',
  'ALREADY_RATED',
  'DEADLINE_NOT_PASSED',
  'ALREADY_RECORDED',
  'ESCALATION_TARGET_INVALID',
  'ESCALATION_NOT_DUE',
  'DUPLICATE_OF_ITSELF',
  'ORIGINAL_NOT_FOUND',
  'CALENDAR_INVALID',
  'CALENDAR_UNCHANGED',
  'EVALUATION_EXISTS',
  'EVALUATION_NOT_FOUND',
  'EVALUATION_INVALID',
  'NOT_THE_EVALUATOR',
  'NOT_THE_EVALUATED_AGENCY',
  'RECOMMENDATION_NOT_FOUND',
  'ACTION_NOT_FOUND',
  'ACTION_PLAN_INVALID',
  'PROGRESS_CANNOT_DECREASE',
  'ACTIONS_NOT_COMPLETE',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export interface Refusal {
  code: RefusalCode;
  /** Human-readable statement of the rule, safe to show: never contains reporter identity. */
  message: string;
}

export const refuse = (code: RefusalCode, message: string): Refusal => ({ code, message });
