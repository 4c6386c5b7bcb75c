import { Command, CommandHandler, type ICommandHandler, type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import {
  type CommandCall,
  ListWebhookEndpoints,
  WebhookEndpointCommands,
  type WebhookEndpointOutcome,
  type WebhookEndpointRequest,
  type WebhookEndpointView,
} from '@lacak/application';
import type { Actor } from '@lacak/domain';

/** Every webhook endpoint command, routed to the one use case. */
export class RunWebhookEndpointCommand extends Command<WebhookEndpointOutcome> {
  constructor(
    readonly request: WebhookEndpointRequest,
    readonly actor: Actor,
    readonly call: CommandCall,
  ) {
    super();
  }
}

/** Null when the node is not the actor's own. */
export class ListWebhookEndpointsQuery extends Query<WebhookEndpointView[] | null> {
  constructor(
    readonly actor: Actor,
    readonly agencyId: string,
  ) {
    super();
  }
}

@CommandHandler(RunWebhookEndpointCommand)
export class RunWebhookEndpointHandler implements ICommandHandler<RunWebhookEndpointCommand> {
  constructor(private readonly useCase: WebhookEndpointCommands) {}
  execute = ({ request, actor, call }: RunWebhookEndpointCommand) => this.useCase.run(request, actor, call);
}

@QueryHandler(ListWebhookEndpointsQuery)
export class ListWebhookEndpointsHandler implements IQueryHandler<ListWebhookEndpointsQuery> {
  constructor(private readonly useCase: ListWebhookEndpoints) {}
  execute = ({ actor, agencyId }: ListWebhookEndpointsQuery) => this.useCase.run(actor, agencyId);
}
