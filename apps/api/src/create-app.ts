import { randomUUID } from 'node:crypto';
import { Logger, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { type AppConfig, createLogger } from '@lacak/config';
import { AppModule } from './app.module';
import { frameworkErrors } from './http/framework-errors';
import { boundedJsonParser } from './http/json-body';
import { registerSecurityHeaders } from './http/security-headers';
import type { Clock } from './infrastructure/tokens';
import { buildOpenApiDocument } from './openapi/openapi-document';
import { RequestValidationError } from './problem-details/request-validation.error';

export async function createApp(config: AppConfig, options: { clock?: Clock } = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    // The correlation id: taken from the caller when given, echoed back, and put in every problem body.
    requestIdHeader: 'x-correlation-id',
    genReqId: () => randomUUID(),
    // A larger body is refused with 413 before it is parsed.
    bodyLimit: 256 * 1024,
    frameworkErrors,
    // Behind a proxy the client address comes from X-Forwarded-For, which only a trusted proxy may set.
    trustProxy: config.trustProxy,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options), adapter, {
    logger: createLogger(config.logLevel),
    abortOnError: false,
  });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => RequestValidationError.fromValidationErrors(errors),
    }),
  );
  const fastify = app.getHttpAdapter().getInstance();
  app.useBodyParser('application/json', {}, boundedJsonParser(fastify));
  await registerSecurityHeaders(fastify);
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-correlation-id', request.id);
  });
  const requests = new Logger('HTTP');
  // One structured line per request; the path only, since query strings may carry search text.
  fastify.addHook('onResponse', async (request, reply) => {
    requests.log({
      method: request.method,
      path: request.url.split('?')[0],
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
      correlationId: request.id,
    });
  });
  app.enableShutdownHooks();

  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
  return app;
}
