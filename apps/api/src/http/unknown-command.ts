import { NotFoundException } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { COMMAND_ACCESS } from '@lacak/domain';
import { frameworkErrors } from './framework-errors';

/** The path of a command on a complaint: its name, but for an upload of evidence (multipart, to the attachments). */
export const commandPath = (command: string): string => (command === 'add-attachment' ? 'attachments' : command);

/** The commands on a complaint, each `POST /complaints/{id}/<path>`; submitting is `POST /complaints`. */
export const COMPLAINT_COMMANDS = Object.keys(COMMAND_ACCESS)
  .filter((command) => command !== 'submit')
  .map(commandPath);

/**
 * Answers `POST /complaints/{id}/<anything else>` with a 404 that lists the commands there are. The
 * lifecycle routes name their command, so the router prefers them over this parametric one.
 */
export function answerUnknownCommands(fastify: FastifyInstance): void {
  fastify.post<{ Params: { command: string } }>('/complaints/:id/:command', (request: FastifyRequest<{ Params: { command: string } }>, reply: FastifyReply) => {
    const detail = `There is no command "${request.params.command}" on a complaint. The commands are: ${COMPLAINT_COMMANDS.join(', ')}`;
    frameworkErrors(new NotFoundException({ message: detail, code: 'UNKNOWN_COMMAND' }), request, reply);
  });
}
