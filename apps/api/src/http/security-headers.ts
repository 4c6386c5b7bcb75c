import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import { CONSOLE_ROUTES } from './console-pages';

/** Routes under /docs serve the Swagger UI page and its assets; the console's routes its pages; everything else is the JSON API. */
type Surface = 'api' | 'docs' | 'console';

const surfaceOf = (url: string | undefined): Surface => {
  if (url === '/docs' || url?.startsWith('/docs/')) return 'docs';
  return url !== undefined && CONSOLE_ROUTES.has(url) ? 'console' : 'api';
};

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
 * API_HEADERS with the console's CSP: its scripts and styles are files from this origin (the build
 * inlines no script), images may be drawn as data: or blob: URLs, and it talks to this API and, when it
 * signs in there, to the identity provider.
 */
const consoleHeaders = (identityProvider: string | undefined): HelmetOptions => {
  const provider = identityProvider ? [identityProvider] : [];
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        // The build inlines small files into its CSS as data: URLs.
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", ...provider],
        // The OIDC client renews a session silently in a hidden frame of the provider's.
        frameSrc: provider.length ? provider : ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: NEVER_FRAMED,
  };
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
 * Helmet's headers on every response, with the docs' and the console's own CSP; and no caching of API
 * responses, which carry complaint data, nor of errors. The console's routes say how their files are
 * cached. `identityProvider`: the origin the console signs in at, if any. Call before any route is registered.
 */
export function registerSecurityHeaders(fastify: FastifyInstance, identityProvider?: string): void {
  const headers: Record<Surface, Record<string, string>> = {
    api: headersOf(API_HEADERS),
    docs: headersOf(DOCS_HEADERS),
    console: headersOf(consoleHeaders(identityProvider)),
  };
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.headers(headers[surfaceOf(request.routeOptions.url)]);
    done();
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const surface = surfaceOf(request.routeOptions.url);
    if (surface === 'api' || (surface === 'console' && reply.statusCode >= 400)) reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}
