import { Module } from '@nestjs/common';
import { type Clock as AppClock, ListWebhookEndpoints, WebhookEndpointCommands } from '@lacak/application';
import type { AppConfig } from '@lacak/config';
import { EVENT_STORE, type EventStore } from '@lacak/event-store';
import { WebhookAddressPolicy, WebhookSecretBox } from '@lacak/webhooks';
import { APP_CONFIG, CLOCK, TRACKING_KEY } from '../infrastructure/tokens';
import { ListWebhookEndpointsHandler, RunWebhookEndpointHandler } from './webhooks.bus';
import { WebhooksController } from './webhooks.controller';

/** Agencies' webhook endpoints: the use cases with the address policy and the sealed secrets, bus handlers and routes. */
@Module({
  controllers: [WebhooksController],
  providers: [
    {
      provide: WebhookEndpointCommands,
      inject: [EVENT_STORE, APP_CONFIG, TRACKING_KEY, CLOCK],
      useFactory: (eventStore: EventStore, config: AppConfig, key: Buffer, clock: AppClock) => {
        const policy = new WebhookAddressPolicy(config.webhooks);
        return new WebhookEndpointCommands(eventStore, { urlProblem: (url) => policy.urlProblem(url), secrets: new WebhookSecretBox(key) }, clock);
      },
    },
    { provide: ListWebhookEndpoints, inject: [EVENT_STORE], useFactory: (eventStore: EventStore) => new ListWebhookEndpoints(eventStore) },
    RunWebhookEndpointHandler,
    ListWebhookEndpointsHandler,
  ],
})
export class WebhooksModule {}
