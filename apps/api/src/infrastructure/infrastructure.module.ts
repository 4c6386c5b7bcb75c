import {
  type DynamicModule,
  Global,
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { ComplaintCommandService } from '@lacak/application';
import type { AppConfig } from '@lacak/config';
import { EVENT_STORE, type EventStore } from '@lacak/event-store';
import { loadOrganisation } from '@lacak/organisation';
import { Projector, createProjections } from '@lacak/projections';
import { READ_STORE, type ReadStore } from '@lacak/read-store';
import { REPORTER_IDENTITY_STORE, type ReporterIdentityStore } from '@lacak/reporter-identity';
import { closeStores, openStores } from '@lacak/storage';
import { TokenService } from '../auth/token.service';
import { APP_CONFIG, CLOCK, type Clock, ORGANISATION_TREE, PROJECTOR } from './tokens';

/**
 * The API's stores and services as Nest providers; `openStores` picks the adapters.
 */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Infrastructure');

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(REPORTER_IDENTITY_STORE) private readonly identities: ReporterIdentityStore,
    @Optional() @Inject(PROJECTOR) private readonly projector: Projector | null,
  ) {}

  static forRoot(config: AppConfig, options: { clock?: Clock } = {}): DynamicModule {
    const tree = loadOrganisation(config.orgTreeFile);
    const { eventStore, readStore, identities } = openStores(config);
    const logger = new Logger('Projector');
    const projector = config.projectorInProcess
      ? new Projector(createProjections(tree), eventStore, readStore, {
          onError: (name, error) => logger.error({ message: 'Projection failed; retrying', projection: name, error: String(error) }),
        })
      : null;
    const providers = [
      { provide: APP_CONFIG, useValue: config },
      { provide: ORGANISATION_TREE, useValue: tree },
      { provide: EVENT_STORE, useValue: eventStore },
      { provide: READ_STORE, useValue: readStore },
      { provide: REPORTER_IDENTITY_STORE, useValue: identities },
      { provide: PROJECTOR, useValue: projector },
      { provide: CLOCK, useValue: options.clock ?? { now: () => new Date() } },
      { provide: ComplaintCommandService, useValue: new ComplaintCommandService(eventStore) },
      { provide: TokenService, useValue: new TokenService(config.jwtSecret) },
    ];
    return {
      module: InfrastructureModule,
      providers,
      exports: providers.map((p) => p.provide),
    };
  }

  onApplicationBootstrap(): void {
    if (this.projector) {
      this.projector.start();
      this.logger.log({ message: 'Projections running in this process', projections: this.projector.names });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.projector?.stop();
    await closeStores({ eventStore: this.eventStore, readStore: this.readStore, identities: this.identities });
  }
}
