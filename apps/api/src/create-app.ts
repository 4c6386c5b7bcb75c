import type { IncomingMessage } from 'node:http';
import { Logger, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import fastifyMultipart from '@fastify/multipart';
import { type AppConfig, createLogger, logsAt } from '@lacak/config';
import { closeStores, openStores } from '@lacak/storage';
import { AppModule } from './app.module';
import { correlationIdOf } from './http/correlation-id';
import { clientErrors, frameworkErrors } from './http/framework-errors';
import { acceptJsonBodiesOnly } from './http/json-body';
import { registerSecurityHeaders } from './http/security-headers';
import { serveConsole } from './http/console-pages';
import { answerUnknownCommands } from './http/unknown-command';
import { PrometheusMetrics } from './metrics/prometheus-metrics';
import type { InfrastructureOptions } from './infrastructure/infrastructure.module';
import { buildOpenApiDocument } from './openapi/openapi-document';
import { RequestValidationError } from './problem-details/request-validation.error';

/** The origin the console signs in at: the identity provider's, when tokens come from one. */
function consoleIdentityProvider(config: AppConfig): string | undefined {
  if (config.tokens.kind !== 'jwks' || !config.oidc.authority) return undefined;
  return new URL(config.oidc.authority).origin;
}

export async function createApp(config: AppConfig, options: Omit<InfrastructureOptions, 'stores'> = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    // The correlation id: the caller's when it is a plain id, else a new one; echoed back, put in every
    // problem body and in the metadata of the events the request appends.
    requestIdHeader: false,
    genReqId: (request: IncomingMessage) => correlationIdOf(request.headers['x-correlation-id']),
    // A larger body is refused with 413 before it is parsed.
    bodyLimit: 256 * 1024,
    frameworkErrors,
    clientErrorHandler: clientErrors,
    // Behind a proxy the client address comes from X-Forwarded-For, which only a trusted proxy may set.
    trustProxy: config.trustProxy,
  });
  // Opened before Nest starts: an unreachable store is reported once, by the caller, without Nest's stack trace.
  const stores = await openStores(config);
  let app: NestFastifyApplication;
  try {
    app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, { ...options, stores }), adapter, {
      logger: createLogger(config.logLevel),
      abortOnError: false,
    });
  } catch (error) {
    await closeStores(stores);
    throw error;
  }
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => RequestValidationError.fromValidationErrors(errors),
    }),
  );
  const fastify = app.getHttpAdapter().getInstance();
  acceptJsonBodiesOnly(app);
  // Attachments only: the one route that reads multipart bodies, streaming up to its own limits.
  await app.register(fastifyMultipart, { limits: { fileSize: config.attachments.maxBytes, files: 1, parts: 2 } });
  registerSecurityHeaders(fastify, consoleIdentityProvider(config));
  answerUnknownCommands(fastify);
  serveConsole(app, config.consoleDir);
  // Every answer's duration under its route's pattern, from the start time Fastify keeps for each request.
  const metrics = app.get(PrometheusMetrics);
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.requestAnswered(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime);
    done();
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-correlation-id', request.id);
    done(null, payload);
  });
  // One structured line per request; the path only, since query strings may carry search text. No hook
  // at all when the level drops these lines.
  if (logsAt(config.logLevel, 'log')) {
    const requests = new Logger('HTTP');
    fastify.addHook('onResponse', (request, reply, done) => {
      requests.log({
        method: request.method,
        path: request.url.split('?')[0],
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        correlationId: request.id,
      });
      done();
    });
  }
  app.enableShutdownHooks();

  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
  return app;
}
