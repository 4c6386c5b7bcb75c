import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@lacak/config';
import { exitOnStartupFailure } from '@lacak/storage';
import { createApp } from './create-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.port, '0.0.0.0');
  new Logger('Lacak').log({
    message: 'API listening',
    url: `http://localhost:${config.port}`,
    docs: `http://localhost:${config.port}/docs`,
    eventStore: config.eventStore.kind,
    readStore: config.readStore.kind,
  });
}

main().catch(exitOnStartupFailure);
