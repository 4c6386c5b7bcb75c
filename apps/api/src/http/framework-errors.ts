import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ArgumentsHost } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, problem } from '../problem-details/problem';
import { httpCode, ProblemDetailsFilter } from '../problem-details/problem-details.filter';

const filter = new ProblemDetailsFilter();

/**
 * Fastify refuses a URL it cannot decode (400) or a path parameter over its length limit (414) before
 * routing, so neither Nest nor any hook sees the request; routes of Fastify's own (unknown commands)
 * bypass Nest too. This answers them with the same problem details, and sets by hand the headers the
 * hooks would have.
 */
export function frameworkErrors(error: Error, request: FastifyRequest, reply: FastifyReply): void {
  reply.header('x-correlation-id', request.id).header('cache-control', 'no-store').header('x-content-type-options', 'nosniff');
  const host = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }) } as unknown as ArgumentsHost;
  filter.catch(error, host);
}

/** What a client did wrong when Node could not even parse its request, by Node's error code. */
const UNPARSED_REQUESTS = new Map<string | undefined, [status: number, detail: string]>([
  ['HPE_HEADER_OVERFLOW', [431, 'The request headers are too large; send fewer or shorter headers']],
  ['ERR_HTTP_REQUEST_TIMEOUT', [408, 'The request did not arrive in time']],
]);

/**
 * Node answers a request it cannot parse (headers too large, a malformed request line, a timeout)
 * before Fastify has a request or a reply: this writes that answer to the socket as problem details.
 */
export function clientErrors(error: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection has nobody to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, detail] = UNPARSED_REQUESTS.get(error.code) ?? [400, 'The request is not valid HTTP'];
  const body = JSON.stringify(problem(status, httpCode(status), detail));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: ${PROBLEM_CONTENT_TYPE}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
        `cache-control: no-store\r\nx-content-type-options: nosniff\r\nconnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
