import { Module } from '@nestjs/common';
import { ListOpen311Requests } from '@lacak/application/queries';
import type { AppConfig } from '@lacak/config';
import type { OrganisationTree } from '@lacak/domain';
import { READ_STORE, type ReadStore } from '@lacak/read-store';
import { APP_CONFIG, ORGANISATION_TREE } from '../infrastructure/tokens';
import { Open311Clients } from './open311-clients';
import { Open311Controller } from './open311.controller';

@Module({
  controllers: [Open311Controller],
  providers: [
    { provide: Open311Clients, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new Open311Clients(config.open311Clients) },
    {
      provide: ListOpen311Requests,
      inject: [READ_STORE, ORGANISATION_TREE],
      useFactory: (readStore: ReadStore, tree: OrganisationTree) => new ListOpen311Requests(readStore, tree),
    },
  ],
})
export class Open311Module {}
