import { Module } from '@nestjs/common';
import { PublicComplaintsController } from './public-complaints.controller';
import { ListPublicComplaintsHandler } from './public-queries';

@Module({ controllers: [PublicComplaintsController], providers: [ListPublicComplaintsHandler] })
export class PublicModule {}
