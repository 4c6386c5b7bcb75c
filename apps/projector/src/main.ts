import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createLogger, loadConfig } from '@lacak/config';
import { loadOrganisation } from '@lacak/organisation';
import { createDeadlineContext, createProjector } from '@lacak/processes';
import { HolidayCalendarFeed } from '@lacak/projections';
import { closeStores, exitOnStartupFailure, openStores } from '@lacak/storage';

/**
 * The projector on its own: subscribes to the event store from each projection's checkpoint
 * and keeps the read models current. Run the API with PROJECTOR_IN_PROCESS=false beside it.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  if (logger) Logger.overrideLogger(logger);
  const log = new Logger('Projector');

  const stores = await openStores(config);
  const tree = loadOrganisation(config.orgTreeFile);
  const context = createDeadlineContext(config, tree);
  const calendarFeed = new HolidayCalendarFeed(stores.eventStore, context.calendar, {
    now: () => new Date(),
    warn: (entry) => log.warn(entry),
    error: (entry) => log.error(entry),
  });
  // Every published calendar is in before a due date is computed.
  await calendarFeed.start();
  const projector = createProjector(config, stores.eventStore, stores.readStore, log, { context, now: () => new Date() }, { outbox: { identities: stores.identities } });
  projector.start();
  log.log({ message: 'Projector running', projections: projector.names, dataDir: config.dataDir });

  const shutdown = async (signal: string) => {
    log.log({ message: 'Stopping', signal });
    await projector.stop();
    await calendarFeed.stop();
    await closeStores(stores);
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch(exitOnStartupFailure);
