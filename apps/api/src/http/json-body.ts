import type { FastifyBodyParser, FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Far deeper than any request body the API defines, and far shallower than what overflows the stack
 * of the validation pipe, which walks bodies recursively (a few thousand levels fit in 256 KiB).
 */
export const MAX_JSON_DEPTH = 32;

class JsonTooDeepError extends Error {
  override readonly name = 'JsonTooDeepError';
  /** A client error: the problem-details filter answers 400. */
  readonly statusCode = 400;
}

type CallbackParser = (request: FastifyRequest, body: string, done: (error: Error | null, value?: unknown) => void) => void;

/**
 * Fastify's own JSON parser, prototype-poisoning checks included, that also refuses bodies nested
 * deeper than MAX_JSON_DEPTH. Registering it also keeps Nest from adding its form-body parser: the API
 * takes JSON only.
 */
export function boundedJsonParser(fastify: FastifyInstance): FastifyBodyParser<Buffer> {
  // Fastify's default parser is callback-style; its declared type also admits the promise style.
  const parse = fastify.getDefaultJsonParser('error', 'error') as CallbackParser;
  return (request, body, done) =>
    parse(request, body.toString('utf8'), (error, value) => {
      if (error) return done(error);
      if (nestsDeeperThan(value, MAX_JSON_DEPTH)) return done(new JsonTooDeepError(`The JSON body nests deeper than ${MAX_JSON_DEPTH} levels`));
      done(null, value);
    });
}

/** Iterative, so that measuring a deep body cannot itself overflow the stack. */
function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [current, depth] = next;
    if (current === null || typeof current !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return false;
}
