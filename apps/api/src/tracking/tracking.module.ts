import { Module } from '@nestjs/common';
import { TrackComplaintHandler } from '../public/public-queries';
import { TrackingController } from './tracking.controller';

@Module({ controllers: [TrackingController], providers: [TrackComplaintHandler] })
export class TrackingModule {}
