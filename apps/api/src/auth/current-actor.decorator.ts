import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '@lacak/domain';
import type { AuthenticatedRequest } from './bearer-auth.guard';

/** The actor the guard verified; guarded endpoints always have one. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on an endpoint without authentication');
  return actor;
});
