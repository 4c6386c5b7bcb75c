import { Module } from '@nestjs/common';
import { PublicComplaintsController } from './public-complaints.controller';

@Module({ controllers: [PublicComplaintsController] })
export class PublicModule {}
