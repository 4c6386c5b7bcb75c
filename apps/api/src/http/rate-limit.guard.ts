import { type DynamicModule, type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail, ThrottlerModule, type ThrottlerOptions } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import type { AppConfig } from '@lacak/config';
import type { AuthenticatedRequest } from '../auth/bearer-auth.guard';
import { type RateLimitName, rateLimitOf } from './rate-limit';
import { RateLimitCounters } from './rate-limit-counters';

const MINUTE_MS = 60_000;

const actorOf = (request: unknown) => (request as AuthenticatedRequest).actor;

/**
 * Two throttlers per named limit, and a request must pass both: one counts per verified actor, so an
 * account cannot spread a flood over many addresses; one counts per client IP, so an address cannot
 * spread it over many accounts, or send it with none to a public endpoint. The IP throttler keeps the
 * library's tracker, which folds an IPv6 address into its subnet.
 */
function throttlers(limits: AppConfig['rateLimits']): ThrottlerOptions[] {
  const perMinute: Record<RateLimitName, number> = { submission: limits.submissionsPerMinute, tracking: limits.trackingPerMinute };
  return Object.entries(perMinute).flatMap(([name, limit]): ThrottlerOptions[] => [
    {
      name: `${name}-actor`,
      ttl: MINUTE_MS,
      limit,
      skipIf: (context) => rateLimitOf(context) !== name || !actorOf(context.switchToHttp().getRequest()),
      getTracker: (request) => actorOf(request)!.id,
    },
    { name: `${name}-ip`, ttl: MINUTE_MS, limit, skipIf: (context) => rateLimitOf(context) !== name },
  ]);
}

/** The in-memory counters behind the named limits; per process, so each API replica counts on its own. */
export const rateLimitModule = (config: Pick<AppConfig, 'rateLimits'>): DynamicModule =>
  ThrottlerModule.forRoot({
    throttlers: throttlers(config.rateLimits),
    storage: new RateLimitCounters(),
    // One bucket per limit and tracker, shared by every endpoint with that limit (the default is per handler).
    generateKey: (_context, tracker, throttler) => `${throttler}:${tracker}`,
    // The library would name its headers after each throttler; a client needs only Retry-After.
    setHeaders: false,
    errorMessage: (_context, detail) => `Too many requests: at most ${detail.limit} a minute; retry in ${detail.timeToBlockExpire} s`,
  });

/**
 * Enforces @RateLimited. Registered after the bearer guard: the actor is known by then, and a request
 * the bearer guard refuses gets its 401 without being counted.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return rateLimitOf(context) === undefined;
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    context.switchToHttp().getResponse<FastifyReply>().header('retry-after', String(detail.timeToBlockExpire));
    return super.throwThrottlingException(context, detail);
  }
}
