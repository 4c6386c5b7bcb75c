import { Module } from '@nestjs/common';
import { LifecycleController } from './lifecycle/lifecycle.controller';
import { LifecycleHandler } from './lifecycle/lifecycle.handler';
import { ComplaintQueriesController } from './queries/complaint-queries.controller';
import { GetComplaintHandler, GetComplaintHistoryHandler, ListComplaintsHandler } from './queries/complaint-query.handlers';
import { SubmitComplaintController } from './submit/submit-complaint.controller';
import { SubmitComplaintHandler } from './submit/submit-complaint.handler';

@Module({
  controllers: [SubmitComplaintController, LifecycleController, ComplaintQueriesController],
  providers: [SubmitComplaintHandler, LifecycleHandler, ListComplaintsHandler, GetComplaintHandler, GetComplaintHistoryHandler],
})
export class ComplaintsModule {}
