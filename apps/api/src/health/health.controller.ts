import { Controller, Get, HttpStatus, Inject, Logger, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AppConfig } from '@lacak/config';
import { EVENT_STORE, type EventStore } from '@lacak/event-store';
import type { DeadlineContext } from '@lacak/deadlines';
import { type Projector, upcomingYears } from '@lacak/projections';
import { READ_STORE, type ReadStore } from '@lacak/read-store';
import { Public } from '../auth/public.decorator';
import { APP_CONFIG, CLOCK, type Clock, DEADLINE_CONTEXT, PROJECTOR } from '../infrastructure/tokens';
import { HealthReport } from './health.responses';

const logger = new Logger('Health');

/** 'ok' or 'unavailable'; the cause (host names, addresses) goes to the log, not to this public answer. */
const check = async (store: string, probe: () => Promise<void>): Promise<'ok' | 'unavailable'> => {
  try {
    await probe();
    return 'ok';
  } catch (error) {
    logger.warn({ message: 'Store unavailable', store, error: String(error) });
    return 'unavailable';
  }
};

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(PROJECTOR) private readonly projector: Projector | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DEADLINE_CONTEXT) private readonly deadlines: DeadlineContext,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** 200 when both stores answer, 503 otherwise; projections report their checkpoint and lag state. */
  @Public()
  @Get()
  @ApiOperation({ summary: 'Whether the stores answer, and how far the projections are', security: [] })
  @ApiOkResponse({ type: HealthReport, description: 'Both stores answer' })
  @ApiResponse({ status: 503, type: HealthReport, description: 'A store does not answer: the same report, with status degraded' })
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    const [eventStore, readStore] = await Promise.all([
      check('event store', () => this.eventStore.ping()),
      check('read store', () => this.readStore.ping()),
    ]);
    const status = eventStore === 'ok' && readStore === 'ok' ? 'ok' : 'degraded';
    reply.status(status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    // A projection's last error stays in the log; the public answer only says that it is failing.
    const projections = this.projector?.status().map((p) => ({ ...p, lastError: p.lastError ? 'failing' : null }));
    const projector = this.projector && projections ? { lease: this.projector.leaseState, projections } : 'not in this process';
    return {
      status,
      eventStore: { kind: this.config.eventStore.kind, status: eventStore },
      readStore: { kind: this.config.readStore.kind, status: readStore },
      projector,
      calendar: this.calendar(),
    };
  }

  /** A warning, not a failure: due dates still count, on date-holidays' guesses, until the year is published. */
  private calendar(): HealthReport['calendar'] {
    const years = upcomingYears(this.deadlines.calendar, this.clock.now());
    const unverified = years.filter((year) => !year.verified).map((year) => year.year);
    if (unverified.length === 0) return { status: 'verified', years };
    return {
      status: 'unverified',
      years,
      warning: `Deadlines in ${unverified.join(' and ')} rest on unverified holiday dates (no cuti bersama, approximate lunar dates) until the national admin publishes the year's decree`,
    };
  }
}
