import { Module } from '@nestjs/common';
import { GetDelivery, ListDeliveries, RetryDelivery } from '@lacak/application';
import { READ_STORE, type ReadStore } from '@lacak/read-store';
import { CLOCK, type Clock } from '../infrastructure/tokens';
import { DeliveriesController } from './deliveries.controller';

/** The delivery outbox's admin routes and their use cases. */
@Module({
  controllers: [DeliveriesController],
  providers: [
    { provide: ListDeliveries, inject: [READ_STORE], useFactory: (readStore: ReadStore) => new ListDeliveries(readStore) },
    { provide: GetDelivery, inject: [READ_STORE], useFactory: (readStore: ReadStore) => new GetDelivery(readStore) },
    { provide: RetryDelivery, inject: [READ_STORE, CLOCK], useFactory: (readStore: ReadStore, clock: Clock) => new RetryDelivery(readStore, clock) },
  ],
})
export class DeliveriesModule {}
