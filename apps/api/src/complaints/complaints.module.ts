import { AttachmentsController } from './attachments/attachments.controller';
import { Module } from '@nestjs/common';
import { ReporterIdentityController } from './identity/reporter-identity.controller';
import { LifecycleController } from './lifecycle/lifecycle.controller';
import { ComplaintQueriesController } from './queries/complaint-queries.controller';
import {
  ExportComplaintsHandler,
  GetComplaintHandler,
  GetComplaintHistoryHandler,
  ListComplaintsHandler,
} from './queries/complaint-query.handlers';
import { SubmitComplaintController } from './submit/submit-complaint.controller';

@Module({
  controllers: [SubmitComplaintController, LifecycleController, ComplaintQueriesController, ReporterIdentityController, AttachmentsController],
  providers: [
    ListComplaintsHandler,
    GetComplaintHandler,
    GetComplaintHistoryHandler,
    ExportComplaintsHandler,
  ],
})
export class ComplaintsModule {}
