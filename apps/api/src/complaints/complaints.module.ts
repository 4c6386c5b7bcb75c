import { Module } from '@nestjs/common';
import { ReporterIdentityController } from './identity/reporter-identity.controller';
import { LifecycleController } from './lifecycle/lifecycle.controller';
import { LifecycleHandler } from './lifecycle/lifecycle.handler';
import { ComplaintQueriesController } from './queries/complaint-queries.controller';
import {
  ExportComplaintsHandler,
  GetComplaintHandler,
  GetComplaintHistoryHandler,
  ListComplaintsHandler,
} from './queries/complaint-query.handlers';
import { SubmitComplaintController } from './submit/submit-complaint.controller';
import { SubmitComplaintHandler } from './submit/submit-complaint.handler';

@Module({
  controllers: [SubmitComplaintController, LifecycleController, ComplaintQueriesController, ReporterIdentityController],
  providers: [
    SubmitComplaintHandler,
    LifecycleHandler,
    ListComplaintsHandler,
    GetComplaintHandler,
    GetComplaintHistoryHandler,
    ExportComplaintsHandler,
  ],
})
export class ComplaintsModule {}
