import { WebhookEndpointCommands } from '@lacak/application';
import {
  WebhookAddressPolicy,
  WebhookChannel,
  WebhookDeliverySource,
  WebhookEndpointDirectory,
  WebhookSecretBox,
  guardedDispatcher,
} from '@lacak/webhooks';
import type { AppConfig } from '@lacak/config';
import type { OrganisationTree } from '@lacak/domain';
import type { EventStore } from '@lacak/event-store';
import type { ReadStore } from '@lacak/read-store';
import type { ProjectorLog } from './leased-projector';

interface WebhookRouteContext {
  config: AppConfig;
  eventStore: EventStore;
  readStore: ReadStore;
  tree: OrganisationTree;
  log: ProjectorLog;
  now: () => Date;
}

/** The webhook source and channel from the settings: the address policy, the sealed secrets, the disabling span. */
export function createWebhookRoutes({ config, eventStore, readStore, tree, log, now }: WebhookRouteContext, engineKey: Buffer) {
  const policy = new WebhookAddressPolicy(config.webhooks);
  const secrets = new WebhookSecretBox(engineKey);
  const directory = new WebhookEndpointDirectory(eventStore, tree);
  const commands = new WebhookEndpointCommands(eventStore, { urlProblem: (url) => policy.urlProblem(url), secrets }, { now });
  const channel = new WebhookChannel(
    {
      eventStore,
      readStore,
      tree,
      directory,
      commands,
      secrets,
      policy,
      dispatcher: guardedDispatcher(policy, config.deliveries.timeoutMs),
      now,
      warn: (entry) => log.error(entry),
    },
    { timeoutMs: config.deliveries.timeoutMs, disableAfterMs: config.webhooks.disableAfterMs },
  );
  return { source: new WebhookDeliverySource(eventStore, tree, directory), channel };
}
