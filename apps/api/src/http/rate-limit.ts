import { type ExecutionContext, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

/** The named per-minute limits; their sizes come from `config.rateLimits`. */
export type RateLimitName = 'submission' | 'tracking';

const RATE_LIMIT = 'lacak:rateLimit';

/**
 * Counts the endpoint's requests against the named limit, per verified actor and per client IP;
 * every endpoint tagged with the same name draws on the same budget. Untagged endpoints are not limited.
 */
export const RateLimited = (name: RateLimitName) => SetMetadata(RATE_LIMIT, name);

const reflector = new Reflector();

/** The limit a handler, or its whole controller, opted into. */
export const rateLimitOf = (context: ExecutionContext): RateLimitName | undefined =>
  reflector.getAllAndOverride<RateLimitName | undefined>(RATE_LIMIT, [context.getHandler(), context.getClass()]);
