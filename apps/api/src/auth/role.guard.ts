import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { assertMayRun } from '@lacak/application/queries';
import type { QueryName } from '@lacak/domain';
import { ALLOWS } from './allows.decorator';
import type { AuthenticatedRequest } from './bearer-auth.guard';

/**
 * Global guard after authentication: an endpoint declared with @Allows answers 403 ROLE_NOT_ALLOWED
 * to a role the access matrix never lets run its use case, before the handler reads anything.
 */
@Injectable()
export class RoleGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const useCase = this.reflector.get<QueryName | undefined>(ALLOWS, context.getHandler());
    const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
    if (useCase !== undefined && actor !== undefined) assertMayRun(useCase, actor);
    return true;
  }
}
