import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  AttachmentErasedError,
  CommandRefusedError,
  ConcurrencyConflictError,
  DeliveryAlreadyDeliveredError,
  DeliveryNotFoundError,
  DossierNotReadyError,
  IdempotencyKeyReusedError,
  IntegrityViolationError,
  RevisionMismatchError,
  TreeSizeBeyondLogError,
  UnknownReferenceError,
} from '@lacak/application';
import { ReplayPointNotFoundError } from '@lacak/application/queries';
import { isOpen311Path, sendOpen311Error } from '../open311/open311-format';
import { AttachmentRejectedError } from '@lacak/attachments';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails, problem } from './problem';
import { REFUSAL_STATUS } from './refusal-status';
import { RequestValidationError } from './request-validation.error';

/** Codes of errors the framework raises before a handler runs (bad JSON, no token, no route...). */
const HTTP_CODES: Record<number, string> = {
  400: 'MALFORMED_REQUEST',
  408: 'REQUEST_TIMEOUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'CONTENT_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  431: 'HEADERS_TOO_LARGE',
  503: 'UNAVAILABLE',
};
export const httpCode = (status: number) => HTTP_CODES[status] ?? `HTTP_${status}`;

/**
 * Words that say how to fix what the framework refuses in words of its own ("Unsupported Media Type").
 * Nothing but the body parsers answers 415 this way, and they take JSON only (an upload's route says
 * itself that it takes multipart).
 */
const STATUS_DETAILS = new Map([[415, 'The request body must be JSON, sent with Content-Type: application/json']]);

const ATTACHMENT_STATUS = { ATTACHMENT_TYPE_NOT_ALLOWED: 415, ATTACHMENT_TOO_LARGE: 413, ATTACHMENT_UNREADABLE: 422 } as const;

/** Framework errors that carry their own 4xx status, such as Fastify's malformed-JSON error. */
const isClientError = (error: unknown): error is { statusCode: number; message: string; code?: string } =>
  typeof error === 'object' &&
  error !== null &&
  typeof (error as { statusCode?: unknown }).statusCode === 'number' &&
  (error as { statusCode: number }).statusCode >= 400 &&
  (error as { statusCode: number }).statusCode < 500;

/** A problem in one line: its detail, and each bad field's messages. */
const describe = ({ detail, title, errors }: ProblemDetails): string =>
  [detail ?? title, ...(errors ?? []).flatMap((e) => e.messages)].join('; ');

/** Turns every error into RFC 9457 problem details (Open311's error shape under its base path); internals never leak into a 500. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(error: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<FastifyRequest>();
    const reply = context.getResponse<FastifyReply>();
    const body = { ...this.toProblem(error), instance: request.url, correlationId: String(request.id) };
    // The path only: query strings carry search text and the reasons given for identity reads.
    const path = request.url.split('?')[0];
    if (body.status >= 500) this.logger.error({ message: 'Unhandled error', path, error: String((error as Error)?.stack ?? error) });
    // Open311 clients read the specification's error shape; the same status and words.
    if (isOpen311Path(path)) return sendOpen311Error(reply, request.url, body.status, describe(body));
    reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
  }

  private toProblem(error: unknown): ProblemDetails {
    if (error instanceof RequestValidationError) {
      return problem(400, 'VALIDATION_FAILED', 'The request has invalid fields', { errors: error.errors });
    }
    if (error instanceof UnknownReferenceError) {
      return problem(422, 'UNKNOWN_REFERENCE', error.message, { errors: [{ field: error.field, messages: [error.message] }] });
    }
    if (error instanceof CommandRefusedError) {
      return problem(REFUSAL_STATUS[error.refusal.code], error.refusal.code, error.refusal.message);
    }
    if (error instanceof RevisionMismatchError) {
      return problem(412, 'REVISION_MISMATCH', error.message, {
        currentRevision: error.actual === null ? null : error.actual.toString(),
      });
    }
    if (error instanceof IdempotencyKeyReusedError) {
      return problem(422, 'IDEMPOTENCY_KEY_REUSED', error.message);
    }
    if (error instanceof TreeSizeBeyondLogError) {
      return problem(422, 'UNKNOWN_REFERENCE', error.message);
    }
    if (error instanceof DossierNotReadyError) {
      return problem(503, 'UNAVAILABLE', error.message);
    }
    if (error instanceof IntegrityViolationError) {
      return problem(409, 'INTEGRITY_VIOLATION', error.message);
    }
    if (error instanceof ReplayPointNotFoundError) {
      return problem(404, error.code, error.message);
    }
    if (error instanceof DeliveryNotFoundError) {
      return problem(404, error.code, error.message);
    }
    if (error instanceof DeliveryAlreadyDeliveredError) {
      return problem(409, error.code, error.message);
    }
    if (error instanceof AttachmentRejectedError) {
      return problem(ATTACHMENT_STATUS[error.code], error.code, error.message);
    }
    if (error instanceof AttachmentErasedError) {
      return problem(410, 'ATTACHMENT_ERASED', error.message);
    }
    if (error instanceof ConcurrencyConflictError) {
      return problem(409, 'CONCURRENT_MODIFICATION', error.message);
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const response = error.getResponse();
      if (typeof response === 'string') return problem(status, httpCode(status), STATUS_DETAILS.get(status) ?? response);
      // An exception built from `{ message, code }` names its own problem code.
      const { message, code } = response as { message?: unknown; code?: unknown };
      return problem(status, typeof code === 'string' ? code : httpCode(status), String(message ?? error.message));
    }
    if (isClientError(error)) {
      return problem(error.statusCode, httpCode(error.statusCode), STATUS_DETAILS.get(error.statusCode) ?? error.message);
    }
    return problem(500, 'INTERNAL_ERROR', 'An unexpected error occurred; it has been logged with the correlation id');
  }
}
