import { Global, Logger, Module, type Provider } from '@nestjs/common';
import {
  CheckHealth,
  CloseMonevPeriod,
  GetMonevIndicators,
  GetMonevRanking,
  GetMonevSnapshot,
  ExportMonevExceptions,
  ExportMonevIndicators,
  ExportMonevRanking,
  GetMonevReport,
  ExportComplaints,
  GetAgencyStats,
  GetComplaint,
  GetComplaintHistory,
  GetComplaintChanges,
  GetHolidayCalendar,
  ListAgencies,
  ListAuditEvents,
  ListComplaints,
  ListMonevExceptions,
  ListOverdueActions,
  ListPublicComplaints,
  ListSlaPolicies,
  ReplayComplaint,
  type ReplayContext,
  TrackComplaint,
  TrackedComplaints,
  type ComplaintReadContext,
  GetAttachment,
} from '@lacak/application/queries';
import { MeasureDeliveryBacklog, TrackingSecrets, VerifyEventLog } from '@lacak/application';
import type { AppConfig } from '@lacak/config';
import type { OrganisationTree } from '@lacak/domain';
import { EVENT_STORE, type EventStore } from '@lacak/event-store';
import type { DeadlineContext } from '@lacak/deadlines';
import type { ReadModelProjector } from '@lacak/projections';
import { READ_STORE, type ReadStore } from '@lacak/read-store';
import { APP_CONFIG, CLOCK, type Clock, DEADLINE_CONTEXT, ORGANISATION_TREE, PROJECTOR, STORES } from '../infrastructure/tokens';
import type { Stores } from '@lacak/storage';

const COMPLAINT_READS = Symbol('COMPLAINT_READS');
const REPLAY_READS = Symbol('REPLAY_READS');
const logger = new Logger('Health');

const complaintQuery = <T>(useCase: new (context: ComplaintReadContext) => T): Provider => ({
  provide: useCase,
  inject: [COMPLAINT_READS],
  useFactory: (context: ComplaintReadContext) => new useCase(context),
});

const providers: Provider[] = [
  {
    provide: COMPLAINT_READS,
    inject: [READ_STORE, ORGANISATION_TREE, DEADLINE_CONTEXT, CLOCK],
    useFactory: (readStore: ReadStore, scope: OrganisationTree, deadlines: DeadlineContext, clock: Clock): ComplaintReadContext => ({
      readStore,
      scope,
      deadlines,
      now: () => clock.now(),
    }),
  },
  complaintQuery(ListComplaints),
  complaintQuery(GetComplaint),
  complaintQuery(GetComplaintHistory),
  complaintQuery(ExportComplaints),
  {
    provide: GetAttachment,
    inject: [COMPLAINT_READS, STORES],
    useFactory: (context: ComplaintReadContext, stores: Stores) => new GetAttachment(context, stores.attachments),
  },
  {
    provide: REPLAY_READS,
    inject: [EVENT_STORE, ORGANISATION_TREE],
    useFactory: (eventStore: EventStore, tree: OrganisationTree): ReplayContext => ({ eventStore, tree }),
  },
  { provide: ReplayComplaint, inject: [REPLAY_READS], useFactory: (context: ReplayContext) => new ReplayComplaint(context) },
  { provide: GetComplaintChanges, inject: [REPLAY_READS], useFactory: (context: ReplayContext) => new GetComplaintChanges(context) },
  { provide: ListAuditEvents, inject: [READ_STORE], useFactory: (readStore: ReadStore) => new ListAuditEvents(readStore) },
  {
    provide: GetMonevIndicators,
    inject: [ORGANISATION_TREE, READ_STORE, CLOCK],
    useFactory: (tree: OrganisationTree, readStore: ReadStore, clock: Clock) => new GetMonevIndicators(tree, readStore, () => clock.now()),
  },
  {
    provide: GetMonevRanking,
    inject: [ORGANISATION_TREE, READ_STORE, CLOCK],
    useFactory: (tree: OrganisationTree, readStore: ReadStore, clock: Clock) => new GetMonevRanking(tree, readStore, () => clock.now()),
  },
  {
    provide: GetMonevSnapshot,
    inject: [ORGANISATION_TREE, READ_STORE],
    useFactory: (tree: OrganisationTree, readStore: ReadStore) => new GetMonevSnapshot(tree, readStore),
  },
  { provide: ExportMonevIndicators, inject: [GetMonevIndicators], useFactory: (indicators: GetMonevIndicators) => new ExportMonevIndicators(indicators) },
  { provide: ExportMonevRanking, inject: [GetMonevRanking], useFactory: (ranking: GetMonevRanking) => new ExportMonevRanking(ranking) },
  {
    provide: GetMonevReport,
    inject: [GetMonevIndicators, GetMonevRanking],
    useFactory: (indicators: GetMonevIndicators, ranking: GetMonevRanking) => new GetMonevReport(indicators, ranking),
  },
  {
    provide: CloseMonevPeriod,
    inject: [EVENT_STORE, READ_STORE, ORGANISATION_TREE, CLOCK],
    useFactory: (eventStore: EventStore, readStore: ReadStore, tree: OrganisationTree, clock: Clock) => new CloseMonevPeriod(eventStore, readStore, tree, clock),
  },
  {
    provide: ListAgencies,
    inject: [ORGANISATION_TREE, DEADLINE_CONTEXT],
    useFactory: (tree: OrganisationTree, deadlines: DeadlineContext) => new ListAgencies(tree, deadlines),
  },
  {
    provide: GetAgencyStats,
    inject: [ORGANISATION_TREE, READ_STORE, CLOCK],
    useFactory: (tree: OrganisationTree, readStore: ReadStore, clock: Clock) => new GetAgencyStats(tree, readStore, () => clock.now()),
  },
  {
    provide: ListMonevExceptions,
    inject: [READ_STORE, ORGANISATION_TREE, DEADLINE_CONTEXT, CLOCK],
    useFactory: (readStore: ReadStore, tree: OrganisationTree, deadlines: DeadlineContext, clock: Clock) =>
      new ListMonevExceptions({
        readStore,
        tree,
        deadlines,
        now: () => clock.now(),
        overdueActions: new ListOverdueActions({ readStore, tree, deadlines, now: () => clock.now() }),
      }),
  },
  {
    provide: ExportMonevExceptions,
    inject: [ListMonevExceptions, ORGANISATION_TREE],
    useFactory: (exceptions: ListMonevExceptions, tree: OrganisationTree) => new ExportMonevExceptions(exceptions, tree),
  },
  {
    provide: ListSlaPolicies,
    inject: [DEADLINE_CONTEXT, CLOCK],
    useFactory: (deadlines: DeadlineContext, clock: Clock) => new ListSlaPolicies(deadlines, () => clock.now()),
  },
  { provide: GetHolidayCalendar, inject: [DEADLINE_CONTEXT], useFactory: (deadlines: DeadlineContext) => new GetHolidayCalendar(deadlines) },
  { provide: ListPublicComplaints, inject: [READ_STORE], useFactory: (readStore: ReadStore) => new ListPublicComplaints(readStore) },
  {
    provide: TrackedComplaints,
    inject: [READ_STORE, TrackingSecrets],
    useFactory: (readStore: ReadStore, secrets: TrackingSecrets) => new TrackedComplaints(readStore, (id, secret) => secrets.matches(id, secret)),
  },
  {
    provide: TrackComplaint,
    inject: [TrackedComplaints, COMPLAINT_READS],
    useFactory: (tracked: TrackedComplaints, context: ComplaintReadContext) => new TrackComplaint(tracked, context),
  },
  {
    provide: CheckHealth,
    inject: [EVENT_STORE, READ_STORE, PROJECTOR, APP_CONFIG, DEADLINE_CONTEXT, CLOCK, VerifyEventLog, MeasureDeliveryBacklog],
    useFactory: (
      eventStore: EventStore,
      readStore: ReadStore,
      projector: ReadModelProjector | null,
      config: AppConfig,
      deadlines: DeadlineContext,
      clock: Clock,
      logVerification: VerifyEventLog,
      deliveries: MeasureDeliveryBacklog,
    ) =>
      new CheckHealth({
        logVerification,
        deliveries,
        eventStore,
        readStore,
        kinds: { eventStore: config.eventStore.kind, readStore: config.readStore.kind },
        projector,
        deadlines,
        now: () => clock.now(),
        storeUnavailable: (store, error) => logger.warn({ message: 'Store unavailable', store, error: String(error) }),
      }),
  },
];

/** The application's query use cases, built once from the composition root's stores and clock. */
@Global()
@Module({ providers, exports: providers.map((p) => (p as { provide: unknown }).provide as string | symbol) })
export class QueryUseCasesModule {}
