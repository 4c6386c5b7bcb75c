import { Module } from '@nestjs/common';
import { CloseMonevPeriodHandler, GetMonevIndicatorsHandler, GetMonevRankingHandler, GetMonevSnapshotHandler } from './monev.bus';
import { MonevController } from './monev.controller';
import { MonevExportsModule } from './exports/monev-exports.module';

/** Monitoring and evaluation (monev): indicators, rankings and closed periods. */
@Module({
  imports: [MonevExportsModule],
  controllers: [MonevController],
  providers: [GetMonevIndicatorsHandler, GetMonevRankingHandler, GetMonevSnapshotHandler, CloseMonevPeriodHandler],
})
export class MonevModule {}
