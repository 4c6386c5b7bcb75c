import { type DeliveryChannel, type DeliveryMetrics, type DeliverySource, DeliveryStore } from '@lacak/application';
import type { EventStore } from '@lacak/event-store';
import type { ProjectorCompanion } from '@lacak/projections';
import type { ReadStore } from '@lacak/read-store';
import type { ReporterIdentityStore } from '@lacak/reporter-identity';
import type { AppConfig } from '@lacak/config';
import type { DeadlineContext } from '@lacak/deadlines';
import type { OrganisationTree } from '@lacak/domain';
import type { ProjectorLog } from '../leased-projector';
import { createDeliveryRoutes } from './delivery-routes';
import { OutboxDispatcher } from './outbox-dispatcher';
import { OutboxPlanner, ReplanChannel } from './outbox-planner';

/** What the outbox needs beyond the projector's own stores. */
export interface OutboxWiring {
  identities: ReporterIdentityStore;
  metrics?: DeliveryMetrics;
  /** Sources and channels besides those of `createDeliveryRoutes` (an injection point for tests). */
  extraRoutes?: { sources?: DeliverySource[]; channels?: DeliveryChannel[] };
  /** The projector's deadline context, which follows published holiday calendars; else one from the files. */
  deadlines?: DeadlineContext;
}

/**
 * The delivery outbox as a projector companion: the planner and the dispatcher run while this
 * process holds the projector lease, so one process at a time delivers.
 */
export class Outbox implements ProjectorCompanion {
  private started = false;
  private indexed: Promise<void> | null = null;

  constructor(
    private readonly store: DeliveryStore,
    private readonly planner: OutboxPlanner,
    private readonly dispatcher: OutboxDispatcher,
    private readonly log: ProjectorLog,
  ) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    this.indexed ??= this.store.createIndexes().catch((error: unknown) => {
      this.indexed = null;
      this.log.error({ message: 'Creating the deliveries indexes failed; retrying at the next start', error: String(error) });
    });
    void this.indexed.then(() => {
      if (!this.started) return;
      this.planner.start();
      this.dispatcher.start();
    });
  }

  async stop(): Promise<void> {
    this.started = false;
    await this.indexed;
    await Promise.all([this.planner.stop(), this.dispatcher.stop()]);
  }
}

export function createOutbox(
  config: AppConfig,
  eventStore: EventStore,
  readStore: ReadStore,
  tree: OrganisationTree,
  log: ProjectorLog,
  now: () => Date,
  wiring: OutboxWiring,
): Outbox {
  const routes = createDeliveryRoutes({ config, eventStore, readStore, identities: wiring.identities, tree, log, now, deadlines: wiring.deadlines });
  const sources = [...routes.sources, ...(wiring.extraRoutes?.sources ?? [])];
  const channels = [...routes.channels, ...(wiring.extraRoutes?.channels ?? [])];
  const store = new DeliveryStore(readStore);
  const settings = config.deliveries;
  const replan = new ReplanChannel(eventStore, store, sources, now, () => dispatcher.wake());
  const dispatcher = new OutboxDispatcher(store, [...channels, replan], {
    baseMs: settings.retryBaseMs,
    maxMs: settings.retryMaxMs,
    maxAttempts: settings.maxAttempts,
    timeoutMs: settings.timeoutMs,
    concurrency: settings.concurrency,
    pollIntervalMs: settings.pollIntervalMs,
    now,
    metrics: wiring.metrics,
    onMissingChannel: (channel) => log.error({ message: 'No channel carries these deliveries here; they wait, pending', channel }),
    onError: (error) => log.error({ message: 'Delivery pass failed; retrying', error: String(error) }),
  });
  const planner = new OutboxPlanner(eventStore, readStore, store, sources, {
    now,
    onPlanned: () => dispatcher.wake(),
    onError: (error) => log.error({ message: 'Outbox planner failed; resubscribing', error: String(error) }),
    onPlanError: (source, event, error) =>
      log.error({ message: 'A delivery source failed on an event; kept as a dead delivery (plan-error), planning goes on', source, eventId: event.id, eventType: event.type, error: String(error) }),
  });
  return new Outbox(store, planner, dispatcher, log);
}
