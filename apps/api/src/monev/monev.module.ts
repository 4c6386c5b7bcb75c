import { Module } from '@nestjs/common';
import { ExceptionsController } from './exceptions.controller';
import { GetMonevExceptionPageHandler, GetMonevExceptionsHandler } from './monev.queries';

/** Monev (monitoring and evaluation) of complaint handling, per node of the organisation tree. */
@Module({
  controllers: [ExceptionsController],
  providers: [GetMonevExceptionsHandler, GetMonevExceptionPageHandler],
})
export class MonevModule {}
