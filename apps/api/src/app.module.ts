import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { AppConfig } from '@lacak/config';
import { ProjectionsController } from './admin/projections.controller';
import { HolidayCalendarController } from './calendar/holiday-calendar.controller';
import { AgenciesModule } from './agencies/agencies.module';
import { AuditModule } from './audit/audit.module';
import { MonevModule } from './monev/monev.module';
import { BearerAuthGuard } from './auth/bearer-auth.guard';
import { RoleGuard } from './auth/role.guard';
import { QueryUseCasesModule } from './queries/query-use-cases.module';
import { CheckHealthHandler, GetHolidayCalendarHandler, ListSlaPoliciesHandler } from './queries/operations-queries';
import { COMMAND_HANDLERS } from './commands/command.handlers';
import { ComplaintsModule } from './complaints/complaints.module';
import { EvaluationsModule } from './evaluations/evaluations.module';
import { DeliveriesModule } from './admin/deliveries.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { PublicModule } from './public/public.module';
import { ReplayModule } from './replay/replay.module';
import { TrackingModule } from './tracking/tracking.module';
import { HealthController } from './health/health.controller';
import { SlaPoliciesController } from './sla/sla-policies.controller';
import { RateLimitGuard, rateLimitModule } from './http/rate-limit.guard';
import { InfrastructureModule, type InfrastructureOptions } from './infrastructure/infrastructure.module';
import { ProblemDetailsFilter } from './problem-details/problem-details.filter';
import { MetricsController } from './metrics/metrics.controller';
import { SignInController } from './auth/sign-in.controller';
import { Open311Module } from './open311/open311.module';

/** The API's composition root. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: InfrastructureOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        InfrastructureModule.forRoot(config, options),
        QueryUseCasesModule,
        ComplaintsModule,
        AgenciesModule,
        MonevModule,
        TrackingModule,
        PublicModule,
        AuditModule,
        ReplayModule,
        EvaluationsModule,
        Open311Module,
        DeliveriesModule,
        WebhooksModule,
        rateLimitModule(config),
      ],
      controllers: [HealthController, SignInController, ProjectionsController, SlaPoliciesController, HolidayCalendarController, MetricsController],
      providers: [
        CheckHealthHandler,
        ListSlaPoliciesHandler,
        GetHolidayCalendarHandler,
        ...COMMAND_HANDLERS,
        // Global guards run in this order: the actor is verified, then its role, before the rate limits count it.
        { provide: APP_GUARD, useClass: BearerAuthGuard },
        { provide: APP_GUARD, useClass: RoleGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
