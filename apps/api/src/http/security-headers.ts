import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/** Routes under /docs serve the Swagger UI page and its assets; everything else is the JSON API. */
const isDocs = (url: string | undefined): boolean => url === '/docs' || (url?.startsWith('/docs/') ?? false);

/** Nothing from an API response may run, load or be framed: it is data, never a page. */
const API_HEADERS: FastifyHelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  frameguard: { action: 'deny' },
};

/**
 * Merged over API_HEADERS for /docs. Swagger UI loads its scripts as files from /docs, but its page has
 * inline <style> blocks and the UI sets style attributes and draws icons as data: URIs; requests it
 * tries out go to this origin.
 */
const DOCS_HEADERS: FastifyHelmetOptions = {
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
};

/**
 * Helmet's headers on every response, with the docs' own CSP; and no caching of API responses,
 * which carry complaint data. Call before any route is registered.
 */
export async function registerSecurityHeaders(fastify: FastifyInstance): Promise<void> {
  fastify.addHook('onRoute', (route) => {
    // A route's `config.helmet` is the plugin's per-route override; the docs routes are registered by Nest.
    if (isDocs(route.url)) route.config = { ...route.config, helmet: DOCS_HEADERS } as typeof route.config;
  });
  fastify.addHook('onSend', async (request, reply) => {
    if (!isDocs(request.routeOptions.url)) reply.header('cache-control', 'no-store');
  });
  await fastify.register(helmet, API_HEADERS);
}
