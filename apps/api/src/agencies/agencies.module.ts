import { Module } from '@nestjs/common';
import { AgenciesController } from './agencies.controller';
import { GetAgenciesHandler, GetAgencyStatsHandler } from './agency-queries';

@Module({
  controllers: [AgenciesController],
  providers: [GetAgenciesHandler, GetAgencyStatsHandler],
})
export class AgenciesModule {}
