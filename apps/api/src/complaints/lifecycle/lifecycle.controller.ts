import { Body, Controller, HttpCode, Param, Post, Req, Res, applyDecorators } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LifecycleRequest } from '@lacak/application';
import type { Actor } from '@lacak/domain';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { RunLifecycleCommand } from '../../commands/commands';
import { entityTag, readPreconditions } from '../../http/preconditions';
import { ApiCommandProblems } from '../../openapi/problem-responses';
import { type LifecycleRoute, LIFECYCLE_ROUTES } from './lifecycle.routes';
import { CommandResponse } from './lifecycle.requests';

/**
 * `POST /complaints/{id}/<command>`: one method per route of `LIFECYCLE_ROUTES`, generated below,
 * each translating its request into a lifecycle command on the CommandBus and the outcome back.
 */
@ApiTags('complaint commands')
@ApiBearerAuth()
@ApiHeader({ name: 'If-Match', required: false, description: 'The revision (ETag) the command was decided on' })
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A repeat with the same key returns the first result' })
@ApiOkResponse({ type: CommandResponse, description: 'The command was recorded', headers: { ETag: { description: 'The revision after the command, as `"<digits>"`', schema: { type: 'string' } } } })
@Controller('complaints/:id')
export class LifecycleController {
  constructor(private readonly commandBus: CommandBus) {}

  async run(route: LifecycleRoute, id: string, body: object, actor: Actor, req: FastifyRequest, reply: FastifyReply): Promise<CommandResponse> {
    const data = route.data ? route.data(id, body as never) : { complaintId: id, ...body };
    const request = { type: route.type, data } as LifecycleRequest;
    const outcome = await this.commandBus.execute(new RunLifecycleCommand(request, actor, readPreconditions(req.headers, String(req.id))));
    reply.header('etag', entityTag(outcome.revision));
    return { id: outcome.complaintId, revision: outcome.revision.toString(), ...(outcome.clarificationId ? { clarificationId: outcome.clarificationId } : {}) };
  }
}

const methodName = (path: string) => path.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());

/**
 * Defines the route's method as a decorated method would be: the route and OpenAPI decorators on it,
 * and its parameter types, so the ValidationPipe validates the body against the route's request class.
 */
function defineRoute(route: LifecycleRoute): void {
  const prototype = LifecycleController.prototype;
  const name = methodName(route.path);
  // Named as the method: Nest and the OpenAPI document find parameters and operation ids by the function's name.
  const method = {
    [name](this: LifecycleController, id: string, body: object, actor: Actor, req: FastifyRequest, reply: FastifyReply) {
      return this.run(route, id, body, actor, req, reply);
    },
  }[name];
  Object.defineProperty(prototype, name, { value: method, writable: true, configurable: true });
  Reflect.defineMetadata('design:paramtypes', [String, route.body, Object, Object, Object], prototype, name);
  Reflect.defineMetadata('design:returntype', Promise, prototype, name);
  Param('id')(prototype, name, 0);
  Body()(prototype, name, 1);
  CurrentActor()(prototype, name, 2);
  Req()(prototype, name, 3);
  Res({ passthrough: true })(prototype, name, 4);
  const descriptor = Object.getOwnPropertyDescriptor(prototype, name)!;
  applyDecorators(ApiOperation({ summary: route.summary }), ApiCommandProblems(...route.problems), Post(route.path), HttpCode(200))(prototype, name, descriptor);
}

LIFECYCLE_ROUTES.forEach(defineRoute);
