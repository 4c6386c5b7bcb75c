import type { DeliveryChannel, DeliverySource } from '@lacak/application';
import type { AppConfig } from '@lacak/config';
import type { DeadlineContext } from '@lacak/deadlines';
import type { OrganisationTree } from '@lacak/domain';
import type { EventStore } from '@lacak/event-store';
import type { ReadStore } from '@lacak/read-store';
import { reporterNotifications } from '@lacak/notifications';
import { createLaporDeliveryRoutes } from '@lacak/lapor';
import type { ReporterIdentityStore } from '@lacak/reporter-identity';
import { createDeadlineContext } from '../deadline-context';
import { loadTrackingKey } from '@lacak/storage';
import { createWebhookRoutes } from '../webhook-routes';
import type { ProjectorLog } from '../leased-projector';

/** What a delivery source or channel may be built from. */
export interface DeliveryRouteContext {
  config: AppConfig;
  eventStore: EventStore;
  readStore: ReadStore;
  /** Contact details are read from here at send time, by a channel, never copied into a record. */
  identities: ReporterIdentityStore;
  tree: OrganisationTree;
  log: ProjectorLog;
  /** The process's clock (tests move it). */
  now: () => Date;
  /** Due dates and zones as the deadline process counts them (absent: loaded from the configured files). */
  deadlines?: DeadlineContext;
}

export interface DeliveryRoutes {
  sources: DeliverySource[];
  channels: DeliveryChannel[];
}

/**
 * Every way events leave the engine: the sources that plan deliveries and the channels that carry
 * them. Each capability adds its own here (notifications, webhooks, SP4N-LAPOR!).
 */
export function createDeliveryRoutes(context: DeliveryRouteContext): DeliveryRoutes {
  const sources: DeliverySource[] = [];
  const channels: DeliveryChannel[] = [];
  // One or two lines per capability: sources.push(new …Source(context)); channels.push(new …Channel(context));
  const { config, eventStore, readStore, identities, tree, now } = context;
  // Reporter notifications: e-mail and SMS, each when configured.
  const reporters = reporterNotifications(config.notifications, { events: eventStore, readStore, identities, deadlines: context.deadlines ?? createDeadlineContext(config, tree) });
  sources.push(...reporters.sources);
  channels.push(...reporters.channels);
  // SP4N-LAPOR! pushes, for the agencies whose settings ask for them.
  const lapor = createLaporDeliveryRoutes({ agenciesFile: config.lapor.agenciesFile, deliveryTimeoutMs: config.deliveries.timeoutMs, eventStore, readStore, tree, now });
  sources.push(...lapor.sources);
  channels.push(...lapor.channels);
  // Webhooks of the agency nodes holding each complaint and of the nodes above.
  const webhooks = createWebhookRoutes(context, loadTrackingKey(context.config));
  sources.push(webhooks.source);
  channels.push(webhooks.channel);
  return { sources, channels };
}
