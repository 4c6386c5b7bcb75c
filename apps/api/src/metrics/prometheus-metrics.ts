import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CommandResult, DeliveryBacklog, DeliveryMetrics, DeliveryOutcome, ExternalCheckOutcome, LogVerificationResult, OperationalMetrics } from '@lacak/application';
import type { ProjectionLag } from '@lacak/application/queries';

/**
 * prom-client's process metrics (CPU, memory, event loop, GC) under their usual names, which the
 * common Node.js dashboards expect. They describe the process, so one set serves every app it
 * starts (the tests start many).
 */
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** Request durations from 1 ms to 10 s: the read path's goals are in milliseconds. */
const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'];
/** The route label of requests no route matched (any path may be asked for: never the path itself). */
export const UNMATCHED_ROUTE = 'unmatched';

export interface PrometheusMetricsSources {
  /** How far each projection is behind, measured when scraped. */
  projectionLag: () => Promise<ProjectionLag[]>;
  /** The outbox's pending and dead deliveries and its planner's lag, measured when scraped. */
  deliveryBacklog: () => Promise<DeliveryBacklog>;
  now: () => Date;
  /** Hears a measurement that failed; the scrape then goes without its gauges. */
  onError: (error: unknown) => void;
}

/** The operational facts as Prometheus metrics, in a registry of this app's own. */
export class PrometheusMetrics implements OperationalMetrics, DeliveryMetrics {
  private readonly registry = new Registry();
  private readonly commands = new Counter({
    name: 'lacak_commands_total',
    help: 'Commands that reached their use case, by command type and outcome (accepted, refused, conflict, error).',
    labelNames: ['command', 'outcome'],
    registers: [this.registry],
  });
  private readonly refusals = new Counter({
    name: 'lacak_command_refusals_total',
    help: 'Refused commands by refusal code.',
    labelNames: ['code'],
    registers: [this.registry],
  });
  private readonly requestDuration = new Histogram({
    name: 'lacak_http_request_duration_seconds',
    help: 'HTTP request durations by method, route pattern and status class.',
    labelNames: ['method', 'route', 'status_class'],
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });
  private readonly deadlineActions = new Counter({
    name: 'lacak_deadline_actions_total',
    help: 'Actions the deadline process raised, by kind (missed, expire-clarification, auto-close, refer-to-ombudsman, escalate).',
    labelNames: ['action'],
    registers: [this.registry],
  });
  private readonly verificationRuns = new Counter({
    name: 'lacak_log_verification_runs_total',
    help: 'Verifications of the whole event log by result (intact, faults, failed).',
    labelNames: ['result'],
    registers: [this.registry],
  });
  private readonly lastIntactVerification = new Gauge({
    name: 'lacak_log_verification_last_success_timestamp_seconds',
    help: 'When the last verification that found the event log intact finished (Unix time).',
    registers: [this.registry],
  });
  private readonly eventsVerified = new Gauge({
    name: 'lacak_log_verification_events',
    help: 'Events the last finished verification of the event log checked.',
    registers: [this.registry],
  });
  private readonly externalChecks = new Counter({
    name: 'lacak_external_status_checks_total',
    help: 'Reads of complaints pushed to an external system (sp4n-lapor), by outcome (changed: an observation was recorded, unchanged, failed).',
    labelNames: ['system', 'outcome'],
    registers: [this.registry],
  });
  private readonly deliveryAttempts = new Counter({
    name: 'lacak_delivery_attempts_total',
    help: 'Delivery attempts recorded by the outbox, by channel and outcome (delivered, skipped, failed).',
    labelNames: ['channel', 'outcome'],
    registers: [this.registry],
  });
  /** One measurement serves both lag gauges of a scrape. */
  private lagMeasurement: Promise<ProjectionLag[] | null> | null = null;
  /** One measurement serves the outbox's gauges of a scrape. */
  private backlogMeasurement: Promise<DeliveryBacklog | null> | null = null;

  constructor(private readonly sources: PrometheusMetricsSources) {
    for (const result of ['intact', 'faults', 'failed']) this.verificationRuns.inc({ result }, 0);
    this.deliveryGauges();
    const metrics = this;
    new Gauge({
      name: 'lacak_projection_lag_events',
      help: 'Events of a projection’s streams stored after its checkpoint (counted up to 2000 events read).',
      labelNames: ['projection'],
      registers: [this.registry],
      async collect() {
        const lags = await metrics.measureLag();
        this.reset();
        for (const lag of lags ?? []) this.set({ projection: lag.projection }, lag.events);
      },
    });
    new Gauge({
      name: 'lacak_projection_lag_seconds',
      help: 'Age of the oldest event a projection has not folded yet; 0 when it is caught up.',
      labelNames: ['projection'],
      registers: [this.registry],
      async collect() {
        const lags = await metrics.measureLag();
        const now = metrics.sources.now().getTime();
        this.reset();
        for (const lag of lags ?? []) {
          const waiting = lag.oldestWaitingSince === null ? 0 : Math.max(0, (now - Date.parse(lag.oldestWaitingSince)) / 1000);
          this.set({ projection: lag.projection }, waiting);
        }
      },
    });
  }

  private deliveryGauges(): void {
    const metrics = this;
    const gauge = (name: string, help: string, read: (backlog: DeliveryBacklog) => number | null) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        async collect() {
          const backlog = await metrics.measureBacklog();
          const value = backlog ? read(backlog) : null;
          this.reset();
          if (value !== null) this.set(value);
        },
      });
    gauge('lacak_deliveries_pending', 'Deliveries waiting for their next attempt.', (backlog) => backlog.pending);
    gauge('lacak_deliveries_dead', 'Deliveries given up after their last attempt (the dead-letter list), until an admin retries them.', (backlog) => backlog.dead);
    gauge(
      'lacak_delivery_planner_lag_events',
      'Events stored after the outbox planner’s checkpoint (counted up to 2000, at most 10 s old); absent before its first start.',
      (backlog) => backlog.plannerLagEvents,
    );
  }

  private measureBacklog(): Promise<DeliveryBacklog | null> {
    this.backlogMeasurement ??= this.sources
      .deliveryBacklog()
      .catch((error: unknown) => {
        this.sources.onError(error);
        return null;
      })
      .finally(() => {
        this.backlogMeasurement = null;
      });
    return this.backlogMeasurement;
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The exposition text: this app's metrics and the process's. */
  scrape(): Promise<string> {
    return Registry.merge([this.registry, processMetrics()]).metrics();
  }

  commandFinished(command: string, result: CommandResult): void {
    this.commands.inc({ command, outcome: result.outcome });
    if (result.outcome === 'refused') this.refusals.inc({ code: result.code });
  }

  deadlineActionRaised(action: string): void {
    this.deadlineActions.inc({ action });
  }

  externalStatusChecked(system: string, outcome: ExternalCheckOutcome): void {
    this.externalChecks.inc({ system, outcome });
  }

  logVerified(result: LogVerificationResult, finishedAt: Date, events?: number): void {
    this.verificationRuns.inc({ result });
    if (result === 'intact') this.lastIntactVerification.set(finishedAt.getTime() / 1000);
    if (events !== undefined) this.eventsVerified.set(events);
  }

  deliveryAttempted(channel: string, outcome: DeliveryOutcome['kind']): void {
    this.deliveryAttempts.inc({ channel, outcome });
  }

  /** `route` is the route's pattern (`/complaints/:id`), never the path asked for. */
  requestAnswered(method: string, route: string | undefined, status: number, milliseconds: number): void {
    const statusClass = STATUS_CLASSES[Math.floor(status / 100) - 1] ?? 'other';
    this.requestDuration.observe({ method, route: route ?? UNMATCHED_ROUTE, status_class: statusClass }, milliseconds / 1000);
  }

  private measureLag(): Promise<ProjectionLag[] | null> {
    this.lagMeasurement ??= this.sources
      .projectionLag()
      .catch((error: unknown) => {
        this.sources.onError(error);
        return null;
      })
      .finally(() => {
        this.lagMeasurement = null;
      });
    return this.lagMeasurement;
  }
}
