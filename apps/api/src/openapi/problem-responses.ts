import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { RefusalCode } from '@lacak/domain';
import { PROBLEM_CONTENT_TYPE } from '../problem-details/problem';
import { REFUSAL_STATUS } from '../problem-details/refusal-status';

/** The codes of problems the API raises itself, besides the domain's refusals, with their statuses. */
const API_PROBLEM_STATUS = {
  VALIDATION_FAILED: 400,
  MALFORMED_REQUEST: 400,
  UNAUTHENTICATED: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_AGENCY_INVALID: 401,
  FORBIDDEN: 403,
  DEV_SIGN_IN_DISABLED: 403,
  NOT_FOUND: 404,
  REVISION_NOT_FOUND: 404,
  NOT_YET_SUBMITTED: 404,
  DELIVERY_NOT_FOUND: 404,
  CONCURRENT_MODIFICATION: 409,
  INTEGRITY_VIOLATION: 409,
  DELIVERY_ALREADY_DELIVERED: 409,
  REVISION_MISMATCH: 412,
  CONTENT_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNKNOWN_REFERENCE: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  AGENCY_DOES_NOT_FIT_ROLE: 422,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  ATTACHMENT_TOO_LARGE: 413,
  ATTACHMENT_TYPE_NOT_ALLOWED: 415,
  ATTACHMENT_UNREADABLE: 422,
  ATTACHMENT_ERASED: 410,
} as const;

export type ProblemCode = RefusalCode | keyof typeof API_PROBLEM_STATUS;

const statusOf = (code: ProblemCode): number =>
  code in API_PROBLEM_STATUS ? API_PROBLEM_STATUS[code as keyof typeof API_PROBLEM_STATUS] : REFUSAL_STATUS[code as RefusalCode];

const WHAT_IT_MEANS: Record<number, string> = {
  400: 'The request is malformed or has invalid fields (each named in `errors`)',
  401: 'No bearer token, or one that is invalid or expired',
  403: 'The actor’s role, agency or relation to the complaint excludes this, or the deployment does not offer it',
  404: 'Unknown, or outside the actor’s scope: the two look the same; or, for a replay, a revision or an instant at which the complaint had no state (`REVISION_NOT_FOUND`, `NOT_YET_SUBMITTED`)',
  409: 'The complaint’s lifecycle forbids this now, another command changed it meanwhile, or its stored history failed its integrity check (`INTEGRITY_VIOLATION`); a delivered delivery is not sent again (`DELIVERY_ALREADY_DELIVERED`)',
  410: 'Gone for good',
  412: 'If-Match names an older revision than the complaint’s current one (`currentRevision`)',
  413: 'The body is larger than 256 KiB, or an attachment larger than its limit (bytes, or pixels for an image)',
  415: 'The body is not JSON (multipart for an attachment), or an attachment’s content is not of an allowed type',
  422: 'The body names something that does not exist, or is not acceptable as a whole (an image that cannot be decoded), or an Idempotency-Key is reused with another body',
  429: 'Over the rate limit; Retry-After says when to try again',
  503: 'A store or the identity provider is unavailable, or the work runs in another process',
};

export class FieldProblem {
  @ApiProperty({ example: 'title' }) field!: string;
  @ApiProperty({ type: [String], example: ['title must be longer than or equal to 1 characters'] }) messages!: string[];
}

/** The body of every error answer: RFC 9457 problem details with a machine-readable `code`. */
export class ProblemDetailsBody {
  @ApiProperty({ description: 'A URI reference naming the problem type, relative to the API', example: '/problems/invalid-transition' })
  type!: string;

  @ApiProperty({ example: 'Conflict' }) title!: string;
  @ApiProperty({ example: 409 }) status!: number;
  @ApiPropertyOptional({ example: 'A complaint in status SUBMITTED cannot be disposed' }) detail?: string;
  @ApiPropertyOptional({ description: 'The path of the request', example: '/complaints/2b9d2c2e-9a5f-4a55-9f43-4d1e1f1b7a10/dispose' }) instance?: string;
  @ApiProperty({ description: 'Machine-readable and stable across releases', example: 'INVALID_TRANSITION' }) code!: string;
  @ApiPropertyOptional({ description: 'Also in the x-correlation-id header and in the server log' }) correlationId?: string;
  @ApiPropertyOptional({ type: [FieldProblem], description: 'For 400 VALIDATION_FAILED and 422: each bad field' }) errors?: FieldProblem[];

  @ApiPropertyOptional({ nullable: true, type: String, pattern: '^\\d+$', description: 'For 412: the complaint’s current revision' })
  currentRevision?: string | null;
}

/**
 * Documents the problems an operation can answer with: one response per status, listing its codes.
 * Statuses of the domain's refusals come from the same table the problem-details filter uses.
 */
export function ApiProblems(...codes: ProblemCode[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, ProblemCode[]>();
  // Whatever needs a bearer token can fail the token's checks in each of their ways.
  const expanded = codes.flatMap((code) => (code === 'UNAUTHENTICATED' ? AUTHENTICATED : [code]));
  for (const code of new Set(expanded)) byStatus.set(statusOf(code), [...(byStatus.get(statusOf(code)) ?? []), code]);
  const responses = [...byStatus].map(([status, inStatus]) =>
    ApiResponse({
      status,
      description: `${WHAT_IT_MEANS[status]}. Codes: ${inStatus.map((c) => `\`${c}\``).join(', ')}`,
      content: {
        [PROBLEM_CONTENT_TYPE]: {
          schema: { allOf: [{ $ref: getSchemaPath(ProblemDetailsBody) }, { type: 'object', properties: { code: { type: 'string', enum: inStatus } } }] },
        },
      },
    }),
  );
  return applyDecorators(ApiExtraModels(ProblemDetailsBody), ...responses);
}

/** Every request with a bearer token. */
const AUTHENTICATED: ProblemCode[] = ['UNAUTHENTICATED', 'TOKEN_EXPIRED', 'TOKEN_AGENCY_INVALID'];
/** Every request with a JSON body. */
const WITH_BODY: ProblemCode[] = ['VALIDATION_FAILED', 'MALFORMED_REQUEST', 'CONTENT_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'];

/** A lifecycle command on an existing complaint, plus the refusals particular to it. */
export const ApiCommandProblems = (...refusals: ProblemCode[]) =>
  ApiProblems(
    ...AUTHENTICATED,
    ...WITH_BODY,
    'ROLE_NOT_ALLOWED',
    'COMPLAINT_NOT_FOUND',
    'INVALID_TRANSITION',
    'CONCURRENT_MODIFICATION',
    'INTEGRITY_VIOLATION',
    'REVISION_MISMATCH',
    'IDEMPOTENCY_KEY_REUSED',
    ...refusals,
  );

/** A query behind a bearer token, plus its own problems. */
export const ApiQueryProblems = (...codes: ProblemCode[]) => ApiProblems(...AUTHENTICATED, ...codes);

/** A request with a JSON body, plus its own problems. */
export const ApiBodyProblems = (...codes: ProblemCode[]) => ApiProblems(...WITH_BODY, ...codes);
