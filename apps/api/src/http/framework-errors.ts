import type { ArgumentsHost } from '@nestjs/common';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ProblemDetailsFilter } from '../problem-details/problem-details.filter';

const filter = new ProblemDetailsFilter();

/**
 * Fastify refuses a URL it cannot decode (400) or a path parameter over its length limit (414) before
 * routing, so neither Nest nor any hook sees the request: this answers with the same problem details,
 * and sets by hand the headers the hooks would have.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  reply.header('x-correlation-id', request.id).header('cache-control', 'no-store').header('x-content-type-options', 'nosniff');
  const host = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }) } as unknown as ArgumentsHost;
  filter.catch(error, host);
}
