import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '@lacak/config';
import { StoreConnectionError } from '@lacak/storage';
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

main().catch((error: unknown) => {
  // Configuration and unreachable stores are the operator's to fix: say what, not where in the code.
  if (error instanceof ConfigError || error instanceof StoreConnectionError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
