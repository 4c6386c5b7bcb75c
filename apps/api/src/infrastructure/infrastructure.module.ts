import { type KeyObject, createPublicKey } from 'node:crypto';
import {
  type DynamicModule,
  Global,
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  Optional,
  type Provider,
} from '@nestjs/common';
import {
  ComplaintCommandService,
  ComplaintLifecycle,
  ComplaintSubmission,
  ExportComplaintDossier,
  GetAuditPublicKey,
  HolidayCalendarPublication,
  IdentityAccessService,
  KeptEvidence,
  MeasureDeliveryBacklog,
  AttachmentUpload,
  ProveLogConsistency,
  RequestFingerprints,
  SignTreeHead,
  TrackingSecrets,
  VerifyEventLog,
} from '@lacak/application';
import { MeasureProjectionLag } from '@lacak/application/queries';
import type { AppConfig } from '@lacak/config';
import { EVENT_STORE, type EventStore } from '@lacak/event-store';
import { loadOrganisation } from '@lacak/organisation';
import { LogVerificationSchedule, type OutboxWiring, PendingIdentitySweep, createDeadlineContext, createProjector, createProjectorThread } from '@lacak/processes';
import { HolidayCalendarFeed, type ReadModelProjector, createProjections } from '@lacak/projections';
import { READ_STORE } from '@lacak/read-store';
import { cleanAttachment } from '@lacak/attachments';
import { REPORTER_IDENTITY_STORE } from '@lacak/reporter-identity';
import { type Stores, closeStores, loadAuditSigningKey, loadTrackingKey } from '@lacak/storage';
import { createTokenVerifier } from '../auth/create-token-verifier';
import { TokenVerifier } from '../auth/token-verifier';
import { PrometheusMetrics } from '../metrics/prometheus-metrics';
import { APP_CONFIG, AUDIT_SIGNING_KEY, CLOCK, type Clock, DEADLINE_CONTEXT, ORGANISATION_TREE, PROJECTOR, STORES, TRACKING_KEY } from './tokens';

export interface InfrastructureOptions {
  /** Open; closed again when the application shuts down. */
  stores: Stores;
  /** Where command times come from; the wall clock by default. */
  clock?: Clock;
  /** Delivery sources and channels besides the configured ones: an injection point for tests. */
  deliveries?: OutboxWiring['extraRoutes'];
}

/**
 * The API's stores and services as Nest providers. The stores come in open (`openStores` picks the
 * adapters), so a store that cannot be reached stops the start before Nest logs anything about it.
 */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Infrastructure');
  private sweepTimer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> = Promise.resolve();
  private readonly logVerification: LogVerificationSchedule;

  constructor(
    @Inject(STORES) private readonly stores: Stores,
    @Optional() @Inject(PROJECTOR) private readonly projector: ReadModelProjector | null,
    @Inject(HolidayCalendarFeed) private readonly calendarFeed: HolidayCalendarFeed,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly pendingIdentities: PendingIdentitySweep,
    verifyEventLog: VerifyEventLog,
  ) {
    const integrityLog = new Logger('Integrity');
    this.logVerification = new LogVerificationSchedule(verifyEventLog, {
      intervalMs: config.integrityCheckIntervalMs,
      onVerified: ({ ok, events, streams, faults }) =>
        ok
          ? integrityLog.log({ message: 'Event log verified', events, streams })
          : integrityLog.error({ message: 'Event log verification found faults', events, streams, faults }),
      onError: (error) => integrityLog.error({ message: 'Event log verification failed; retrying on schedule', error: String(error) }),
    });
  }

  static forRoot(config: AppConfig, options: InfrastructureOptions): DynamicModule {
    const tree = loadOrganisation(config.orgTreeFile);
    const logger = new Logger('Projector');
    const fromStores = <K extends keyof Stores>(key: K) => ({ useFactory: (stores: Stores) => stores[key], inject: [STORES] });
    const deadlines = createDeadlineContext(config, tree);
    const clock = options.clock ?? { now: () => new Date() };
    const providers: Provider[] = [
      { provide: APP_CONFIG, useValue: config },
      { provide: DEADLINE_CONTEXT, useValue: deadlines },
      { provide: ORGANISATION_TREE, useValue: tree },
      { provide: STORES, useValue: options.stores },
      { provide: EVENT_STORE, ...fromStores('eventStore') },
      { provide: READ_STORE, ...fromStores('readStore') },
      { provide: REPORTER_IDENTITY_STORE, ...fromStores('identities') },
      {
        provide: HolidayCalendarFeed,
        inject: [STORES],
        // Every published calendar is in before anything computes a due date.
        useFactory: async (stores: Stores) => {
          const calendarLog = new Logger('Calendar');
          const feed = new HolidayCalendarFeed(stores.eventStore, deadlines.calendar, {
            now: () => clock.now(),
            warn: (entry) => calendarLog.warn(entry),
            error: (entry) => calendarLog.error(entry),
          });
          await feed.start();
          return feed;
        },
      },
      {
        provide: MeasureProjectionLag,
        inject: [STORES],
        useFactory: (stores: Stores) => new MeasureProjectionLag(stores.eventStore, stores.readStore, createProjections(tree)),
      },
      {
        provide: MeasureDeliveryBacklog,
        inject: [STORES],
        useFactory: (stores: Stores) => new MeasureDeliveryBacklog(stores.eventStore, stores.readStore),
      },
      {
        provide: PrometheusMetrics,
        inject: [MeasureProjectionLag, MeasureDeliveryBacklog],
        useFactory: (lag: MeasureProjectionLag, deliveries: MeasureDeliveryBacklog) => {
          const metricsLog = new Logger('Metrics');
          return new PrometheusMetrics({
            projectionLag: () => lag.run(),
            deliveryBacklog: () => deliveries.run(),
            now: () => clock.now(),
            onError: (error) => metricsLog.warn({ message: 'Measuring the projections’ lag failed; this scrape goes without it', error: String(error) }),
          });
        },
      },
      {
        provide: PROJECTOR,
        inject: [STORES, PrometheusMetrics, HolidayCalendarFeed],
        useFactory: (stores: Stores, metrics: PrometheusMetrics): ReadModelProjector | null => {
          if (!config.projectorInProcess) return null;
          const create = config.projectorThread === 'worker' ? createProjectorThread : createProjector;
          const outbox: OutboxWiring = { identities: stores.identities, metrics, extraRoutes: options.deliveries };
          return create(config, stores.eventStore, stores.readStore, logger, { context: deadlines, now: () => clock.now(), metrics }, { outbox });
        },
      },
      { provide: CLOCK, useValue: clock },
      { provide: TRACKING_KEY, useFactory: () => loadTrackingKey(config) },
      { provide: TrackingSecrets, inject: [TRACKING_KEY], useFactory: (key: Buffer) => new TrackingSecrets(key) },
      { provide: RequestFingerprints, inject: [TRACKING_KEY], useFactory: (key: Buffer) => new RequestFingerprints(key) },
      {
        provide: PendingIdentitySweep,
        inject: [STORES],
        useFactory: (stores: Stores) => new PendingIdentitySweep(stores.eventStore, stores.identities),
      },
      {
        provide: IdentityAccessService,
        inject: [STORES],
        useFactory: (stores: Stores) =>
          new IdentityAccessService(stores.eventStore, stores.identities, tree, { store: stores.attachments, kept: new KeptEvidence(stores.readStore) }),
      },
      {
        provide: AttachmentUpload,
        inject: [ComplaintLifecycle, ComplaintCommandService, STORES],
        useFactory: (lifecycle: ComplaintLifecycle, commands: ComplaintCommandService, stores: Stores) =>
          new AttachmentUpload({
            lifecycle,
            commands,
            store: stores.attachments,
            clean: (bytes) => cleanAttachment(bytes, { maxPixels: config.attachments.maxPixels }),
            clock,
          }),
      },
      {
        provide: HolidayCalendarPublication,
        inject: [EVENT_STORE, PrometheusMetrics],
        useFactory: (eventStore: EventStore, metrics: PrometheusMetrics) => new HolidayCalendarPublication(eventStore, clock, metrics),
      },
      {
        provide: ComplaintCommandService,
        inject: [EVENT_STORE],
        useFactory: (eventStore: EventStore) => new ComplaintCommandService(eventStore, tree),
      },
      {
        provide: ComplaintLifecycle,
        inject: [ComplaintCommandService, RequestFingerprints, PrometheusMetrics],
        useFactory: (commands: ComplaintCommandService, fingerprints: RequestFingerprints, metrics: PrometheusMetrics) =>
          new ComplaintLifecycle({ commands, tree, deadlines, clock, fingerprints, metrics }),
      },
      {
        provide: ComplaintSubmission,
        inject: [ComplaintCommandService, STORES, TrackingSecrets, RequestFingerprints, PrometheusMetrics],
        useFactory: (
          commands: ComplaintCommandService,
          stores: Stores,
          trackingSecrets: TrackingSecrets,
          fingerprints: RequestFingerprints,
          metrics: PrometheusMetrics,
        ) => new ComplaintSubmission({ commands, identities: stores.identities, tree, deadlines, clock, trackingSecrets, fingerprints, metrics }),
      },
      { provide: AUDIT_SIGNING_KEY, useFactory: () => loadAuditSigningKey(config) },
      {
        provide: SignTreeHead,
        inject: [STORES, AUDIT_SIGNING_KEY],
        useFactory: (stores: Stores, key: KeyObject) => new SignTreeHead(stores.eventStore, stores.readStore, key, clock),
      },
      {
        provide: ProveLogConsistency,
        inject: [STORES, SignTreeHead],
        useFactory: (stores: Stores, signTreeHead: SignTreeHead) => new ProveLogConsistency(stores.eventStore, stores.readStore, signTreeHead),
      },
      { provide: GetAuditPublicKey, inject: [AUDIT_SIGNING_KEY], useFactory: (key: KeyObject) => new GetAuditPublicKey(key) },
      {
        provide: ExportComplaintDossier,
        inject: [STORES, SignTreeHead, AUDIT_SIGNING_KEY],
        useFactory: (stores: Stores, signTreeHead: SignTreeHead, key: KeyObject) =>
          new ExportComplaintDossier(stores.eventStore, stores.readStore, tree, signTreeHead, key, clock),
      },
      {
        provide: VerifyEventLog,
        inject: [EVENT_STORE, AUDIT_SIGNING_KEY, PrometheusMetrics],
        useFactory: (eventStore: EventStore, key: KeyObject, metrics: PrometheusMetrics) => new VerifyEventLog(eventStore, clock, createPublicKey(key), metrics),
      },
      { provide: TokenVerifier, useValue: createTokenVerifier(config) },
    ];
    return {
      module: InfrastructureModule,
      providers,
      exports: providers.map((p) => (p as { provide: unknown }).provide as string | symbol),
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    // At start (what a crash left behind is settled before the first request), then periodically.
    await this.sweepPendingIdentities();
    this.sweepTimer = setInterval(() => void this.sweepPendingIdentities(), this.config.pendingIdentityTimeoutMs).unref();
    this.logVerification.start();
    if (this.projector) {
      this.projector.start();
      this.logger.log({ message: 'Projections running in this process', thread: this.config.projectorThread, projections: this.projector.names });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.sweepTimer);
    await this.sweeping;
    await this.logVerification.stop();
    await this.projector?.stop();
    await this.calendarFeed.stop();
    await closeStores(this.stores);
  }

  /** One sweep at a time; a failed one is logged and the next tries again. */
  private sweepPendingIdentities(): Promise<void> {
    this.sweeping = this.sweeping.then(async () => {
      const before = new Date(this.clock.now().getTime() - this.config.pendingIdentityTimeoutMs).toISOString();
      try {
        const { confirmed, erased } = await this.pendingIdentities.sweep(before);
        if (confirmed + erased > 0) this.logger.log({ message: 'Settled pending reporter identities', confirmed, erased });
      } catch (error) {
        this.logger.error({ message: 'Sweeping pending reporter identities failed', error: String(error) });
      }
    });
    return this.sweeping;
  }
}
