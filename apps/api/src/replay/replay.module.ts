import { Module } from '@nestjs/common';
import { AuditEventsController } from './audit-events.controller';
import { ComplaintReplayController } from './complaint-replay.controller';
import { GetComplaintChangesHandler, ListAuditEventsHandler, ReplayComplaintHandler } from './replay.handlers';

/** Auditors' reads: a complaint replayed from the event store, and every event by an actor or an agency. */
@Module({
  controllers: [ComplaintReplayController, AuditEventsController],
  providers: [ReplayComplaintHandler, GetComplaintChangesHandler, ListAuditEventsHandler],
})
export class ReplayModule {}
