import 'reflect-metadata';
import { Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';

const HELLO = { hello: 'world' };

/**
 * The reference for every HTTP figure: Nest on Fastify with nothing else. `/health` answers the
 * same, so the process can be started and timed as the API is.
 */
@Controller()
class HelloWorldController {
  @Get(['', 'health'])
  hello() {
    return HELLO;
  }

  @Post()
  @HttpCode(200)
  helloAfterBody() {
    return HELLO;
  }
}

@Module({ controllers: [HelloWorldController] })
class HelloWorldModule {}

export async function startHelloWorld(port = 0): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(HelloWorldModule, new FastifyAdapter(), { logger: false });
  await app.listen(port, '127.0.0.1');
  return app;
}

/** Run as a process of its own (`PORT=… node -r @swc-node/register test/bench/hello-world.ts`). */
if (require.main === module) void startHelloWorld(Number(process.env.PORT ?? 0));
