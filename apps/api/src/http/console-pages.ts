import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NotFoundException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { frameworkErrors } from './framework-errors';

/** The console's routes: its page, its hashed assets, and every other page address a browser asks for. */
export const CONSOLE_ROUTES: ReadonlySet<string> = new Set(['/', '/assets/*', '/*']);

type ConstraintStrategy = Parameters<FastifyInstance['addConstraintStrategy']>[0];
type RouteStore = Parameters<ReturnType<ConstraintStrategy['storage']>['set']>[1];

/** Whether the client asks for a page: browsers navigating list text/html in Accept, API clients do not. */
export const acceptsHtml = (accept: string | undefined): boolean =>
  (accept ?? '').split(',').some((range) => range.split(';')[0].trim().toLowerCase() === 'text/html');

/**
 * Serves the web console built into `consoleDir` (index.html and assets/ with hashed names). The page
 * answers `/` and any GET for HTML that no API route takes, so the console's own addresses (such as
 * /kasus/<id>) load it; API routes always win, whatever the Accept header, and a request for data on an
 * unknown path keeps its 404 problem. Assets never change under their name, so they are cached for good;
 * the page is revalidated every time, so a new build is picked up at once.
 */
export function serveConsole(app: NestFastifyApplication, consoleDir: string): void {
  const fastify = app.getHttpAdapter().getInstance();
  app.useStaticAssets({
    root: join(consoleDir, 'assets'),
    prefix: '/assets/',
    decorateReply: false,
    index: false,
    // The build writes .br and .gz beside each file; a browser that accepts one gets it.
    preCompressed: true,
    immutable: true,
    maxAge: '365d',
  });
  // The router picks the page route only for requests that ask for HTML; others fall through to the 404.
  fastify.addConstraintStrategy({
    name: 'page',
    storage: () => {
      const stores = new Map<unknown, RouteStore>();
      return { get: (kind: unknown) => stores.get(kind) ?? null, set: (kind: unknown, store: RouteStore) => void stores.set(kind, store) };
    },
    deriveConstraint: (request: { headers: Record<string, string | string[] | undefined> }) =>
      acceptsHtml(String(request.headers.accept ?? '')) ? 'html' : 'data',
    mustMatchWhenDerived: false,
  });
  const page = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    let html: Buffer;
    try {
      html = await readFile(join(consoleDir, 'index.html'));
    } catch {
      return frameworkErrors(
        new NotFoundException({ code: 'CONSOLE_NOT_BUILT', message: 'The web console is not built: run `npm run build:console`, or point CONSOLE_DIR at a built console' }),
        request,
        reply,
      );
    }
    await reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
  };
  fastify.get('/', page);
  fastify.get('/*', { constraints: { page: 'html' } }, page);
}
