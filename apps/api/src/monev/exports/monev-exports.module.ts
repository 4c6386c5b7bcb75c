import { Module } from '@nestjs/common';
import { ExportMonevExceptionsHandler, ExportMonevIndicatorsHandler, ExportMonevRankingHandler, GetMonevReportHandler } from './monev-exports.bus';
import { MonevExportsController } from './monev-exports.controller';

/** The monev views as files: CSV and XLSX of each view (the exceptions included), and the period report as PDF. */
@Module({
  controllers: [MonevExportsController],
  providers: [ExportMonevExceptionsHandler, ExportMonevIndicatorsHandler, ExportMonevRankingHandler, GetMonevReportHandler],
})
export class MonevExportsModule {}
