import { Module } from '@nestjs/common';
import { ExceptionsController } from './exceptions.controller';
import { CloseMonevPeriodHandler, GetMonevIndicatorsHandler, GetMonevRankingHandler, GetMonevSnapshotHandler } from './monev.bus';
import { MonevController } from './monev.controller';
import { GetMonevExceptionPageHandler, GetMonevExceptionsHandler, GetMonevOverdueActionPageHandler } from './monev.queries';
import { MonevExportsModule } from './exports/monev-exports.module';

/** Monitoring and evaluation (monev) of complaint handling, per node: indicators, rankings, closed periods, exceptions. */
@Module({
  imports: [MonevExportsModule],
  controllers: [MonevController, ExceptionsController],
  providers: [
    GetMonevIndicatorsHandler,
    GetMonevRankingHandler,
    GetMonevSnapshotHandler,
    CloseMonevPeriodHandler,
    GetMonevExceptionsHandler,
    GetMonevExceptionPageHandler,
    GetMonevOverdueActionPageHandler,
  ],
})
export class MonevModule {}
