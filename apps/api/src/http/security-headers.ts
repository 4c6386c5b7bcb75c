import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/** Routes under /docs serve the Swagger UI page and its assets; everything else is the JSON API. */
const isDocs = (url: string | undefined): boolean => url === '/docs' || (url?.startsWith('/docs/') ?? false);

const NEVER_FRAMED: HelmetOptions['frameguard'] = { action: 'deny' };

/** Nothing from an API response may run, load or be framed: it is data, never a page. */
const API_HEADERS: HelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  frameguard: NEVER_FRAMED,
};

/**
 * API_HEADERS with another CSP, for /docs. Swagger UI loads its scripts as files from /docs, but its page has
 * inline <style> blocks and the UI sets style attributes and draws icons as data: URIs; requests it
 * tries out go to this origin.
 */
const DOCS_HEADERS: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  frameguard: NEVER_FRAMED,
};

/**
 * The headers helmet's middleware sets for these options, worked out once. Run per request (as
 * @fastify/helmet does), helmet rebuilds its middleware and reparses the CSP directives every time;
 * with static directives, as here, the headers are the same on every response.
 */
function headersOf(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const collector = {
    setHeader: (name: string, value: string) => void (headers[name.toLowerCase()] = value),
    // Helmet removes X-Powered-By, which Fastify never sets.
    removeHeader: () => undefined,
  };
  helmet(options)({} as IncomingMessage, collector as unknown as ServerResponse, () => undefined);
  return headers;
}

/**
 * Helmet's headers on every response, with the docs' own CSP; and no caching of API responses,
 * which carry complaint data. Call before any route is registered.
 */
export function registerSecurityHeaders(fastify: FastifyInstance): void {
  const api = headersOf(API_HEADERS);
  const docs = headersOf(DOCS_HEADERS);
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.headers(isDocs(request.routeOptions.url) ? docs : api);
    done();
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (!isDocs(request.routeOptions.url)) reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}
