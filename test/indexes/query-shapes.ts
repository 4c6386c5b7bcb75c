import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ComplaintLifecycle, DELIVERIES_COLLECTION, DELIVERY_INDEXES, DeliveryStore, KeptEvidence, ListDeliveries, type StoredDelivery } from '@lacak/application';
import {
  type ComplaintReadContext,
  ExportComplaints,
  GetAgencyStats,
  GetComplaintHistory,
  GetEvaluation,
  ListComplaints,
  ListMonevExceptions,
  ListEvaluations,
  ListOverdueActions,
  ListPublicComplaints,
  type Paging,
  QueryRefusedError,
  type QueueFilter,
  TrackedComplaints,
} from '@lacak/application/queries';
import type { DeadlineContext } from '@lacak/deadlines';
import { ACTOR_ROLES, type Actor } from '@lacak/domain';
import { AGENCY, PARENT_AGENCY, testOrganisation } from '@lacak/domain/testing';
import type { RecordedEvent } from '@lacak/event-store';
import { ReporterNotificationSource, type ReporterReachFinder } from '@lacak/notifications';
import { DeadlineProcess } from '@lacak/processes';
import { CHECKPOINTS_COLLECTION, COMPLAINT_EXCEPTION_KINDS, COMPLAINTS_COLLECTION, createProjections } from '@lacak/projections';
import { type Document, type FindOptions, type Filter, type IndexSpec, type ReadCollection, type ReadStore, SqliteReadStore } from '@lacak/read-store';
import type { QueryShape } from './index-coverage';

/** The `_id` index every collection has in both adapters. */
const ID_INDEX: IndexSpec = { name: '_id_', keys: { _id: 1 } };

/** The indexes the projections declare, per collection (what the projector creates at start), with `_id`'s; a rollup's collection has `_id`'s. */
export function declaredIndexes(): Map<string, IndexSpec[]> {
  const byCollection = new Map<string, IndexSpec[]>();
  for (const projection of createProjections(testOrganisation)) {
    byCollection.set(projection.collection, [...(byCollection.get(projection.collection) ?? [ID_INDEX]), ...projection.indexes]);
    // A rollup's sums are read by key only.
    for (const rollup of projection.rollups ?? []) byCollection.set(rollup.collection, [ID_INDEX]);
  }
  // The delivery outbox's own collection, not a read model (its store creates them).
  byCollection.set(DELIVERIES_COLLECTION, [ID_INDEX, ...DELIVERY_INDEXES]);
  // The projections' checkpoints, read by name.
  byCollection.set(CHECKPOINTS_COLLECTION, [ID_INDEX]);
  return byCollection;
}

/** Passes everything to the inner store and records each `find` and `findOne`, labelled with what issued it. */
class RecordingReadStore implements ReadStore {
  readonly shapes: QueryShape[] = [];
  source = '';

  constructor(private readonly inner: ReadStore) {}

  get atomicWrites(): boolean {
    return this.inner.atomicWrites;
  }

  collection<T extends Document = Document>(name: string): ReadCollection<T> {
    const inner = this.inner.collection<T>(name);
    const find = (filter: Filter, options: FindOptions = {}) => {
      this.shapes.push({ collection: name, filter, sort: options.sort ?? {}, source: this.source });
      return inner.find(filter, options);
    };
    const findOne = (filter: Filter, options: Pick<FindOptions, 'projection'> = {}) => {
      this.shapes.push({ collection: name, filter, sort: {}, source: this.source });
      return inner.findOne(filter, options);
    };
    return new Proxy(inner, {
      get: (target, property) => {
        if (property === 'find') return find;
        if (property === 'findOne') return findOne;
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  write: ReadStore['write'] = (batch) => this.inner.write(batch);
  ping = () => this.inner.ping();
  serverTime = () => this.inner.serverTime();
  close = () => this.inner.close();
}

/** What an index sees of a condition: its operators, or equality; the values do not matter. */
const operatorsOf = (condition: unknown) =>
  typeof condition === 'object' && condition !== null && !Array.isArray(condition) ? Object.keys(condition).sort() : '=';

/** One shape per collection, filtered fields with their operators, and sort; the first source names it. */
function distinct(shapes: QueryShape[]): QueryShape[] {
  const seen = new Map<string, QueryShape>();
  for (const shape of shapes) {
    const fields = Object.entries(shape.filter).map(([field, condition]) => [field, operatorsOf(condition)]).sort();
    const key = JSON.stringify([shape.collection, fields, shape.sort]);
    if (!seen.has(key)) seen.set(key, shape);
  }
  return [...seen.values()];
}

const actorOf = (role: Actor['role']): Actor =>
  ({ id: `${role}-1`, role, agencyId: role === 'reporter' ? null : role === 'apip_inspector' ? PARENT_AGENCY : role === 'national_admin' || role === 'system' ? 'national' : AGENCY });

/** Every parameter of the work queue and the export, alone and with the agency filter a national reader adds. */
const QUEUE_FILTERS: QueueFilter[] = [
  {},
  { status: ['VERIFIED'] },
  { status: ['DISPOSED', 'IN_PROGRESS'] },
  { agencyId: AGENCY },
  { agencyId: AGENCY, status: ['VERIFIED'] },
  { text: 'pungli' },
  { text: 'LPR-7K3Q9X2M4D1A' },
  { overdue: true },
  { escalated: true },
  { status: ['IN_PROGRESS'], overdue: true, escalated: false, text: 'biaya' },
];
const SORTS: Paging['sort'][] = ['oldest', 'newest', 'due'];

/** The one complaint the single-complaint reads find, so they go on to read its history. */
const KNOWN_COMPLAINT = {
  _id: 'c1', trackingId: 'LPR-C1', targetAgencyId: AGENCY, assigneeAgencyId: AGENCY, reporterAccountId: 'reporter-1', confidential: false, anonymous: false,
};

/**
 * Every find the engine issues, recorded from the query use cases themselves (each role's work
 * queue and export with each filter and sort, the public list with and without a category, a
 * complaint's history, a tracking lookup, an agency's counters) and from one pass of the deadline
 * process, on an embedded read store holding one complaint.
 */
export async function engineQueryShapes(): Promise<QueryShape[]> {
  const dir = await mkdtemp(join(tmpdir(), 'lacak-query-shapes-'));
  const inner = SqliteReadStore.open({ file: join(dir, 'read-models.db') });
  const store = new RecordingReadStore(inner);
  try {
    // Nothing is found, so neither the deadlines nor the lifecycle are ever consulted.
    const context: ComplaintReadContext = { readStore: store, scope: testOrganisation, deadlines: {} as DeadlineContext, now: () => new Date() };
    const refusedOr = (run: () => Promise<unknown>) =>
      run().catch((error: unknown) => {
        if (!(error instanceof QueryRefusedError)) throw error;
      });
    for (const role of ACTOR_ROLES) {
      const actor = actorOf(role);
      for (const filter of QUEUE_FILTERS) {
        for (const sort of SORTS) {
          store.source = `list as ${role} ${JSON.stringify(filter)} sort=${sort}`;
          await refusedOr(() => new ListComplaints(context).run(actor, filter, { page: 2, pageSize: 20, sort }));
        }
        store.source = `export as ${role} ${JSON.stringify(filter)}`;
        await refusedOr(() => new ExportComplaints(context).run(actor, filter));
      }
    }
    for (const category of [undefined, 'kesehatan']) {
      store.source = `public list${category ? ' by category' : ''}`;
      await new ListPublicComplaints(store).run(category, 2, 20);
    }
    await inner.collection(COMPLAINTS_COLLECTION).insertOne(KNOWN_COMPLAINT);
    store.source = 'complaint history';
    await new GetComplaintHistory(context).run(actorOf('national_admin'), KNOWN_COMPLAINT._id);
    store.source = 'tracking lookup';
    await new TrackedComplaints(store, () => false).find(KNOWN_COMPLAINT.trackingId, 'secret');
    store.source = 'agency counters';
    await new GetAgencyStats(testOrganisation, store, () => new Date()).run(actorOf('national_admin'), AGENCY);
    store.source = 'national counters';
    await new GetAgencyStats(testOrganisation, store, () => new Date()).run(actorOf('national_admin'), 'national');
    // Each kind's first page and a later one, for a subtree and the national root, with and without sealed complaints.
    const exceptionReads = { readStore: store, tree: testOrganisation, deadlines: { zoneOf: () => 'Asia/Jakarta' as const }, now: () => new Date() };
    const exceptions = new ListMonevExceptions({ ...exceptionReads, overdueActions: new ListOverdueActions(exceptionReads) });
    for (const [role, node] of [['national_admin', 'national'], ['national_admin', AGENCY], ['apip_inspector', PARENT_AGENCY], ['agency_admin', AGENCY]] as const) {
      for (const kind of COMPLAINT_EXCEPTION_KINDS) {
        store.source = `monev exceptions as ${role} at ${node === 'national' ? 'the root' : 'a subtree'}: ${kind}`;
        await exceptions.page(actorOf(role), node, kind, 10);
        await exceptions.page(actorOf(role), node, kind, 10, { since: '2025-03-03T16:59:59.999Z', complaintId: 'c1' });
      }
    }
    const evaluations = { readStore: store, tree: testOrganisation };
    for (const role of ACTOR_ROLES) {
      const actor = actorOf(role);
      for (const filter of [{}, { agencyId: AGENCY }, { year: 2025 }, { agencyId: AGENCY, year: 2025 }]) {
        store.source = `evaluations as ${role} ${JSON.stringify(filter)}`;
        await refusedOr(() => new ListEvaluations(evaluations).run(actor, filter));
      }
      store.source = `evaluation as ${role}`;
      await refusedOr(() => new GetEvaluation(evaluations).run(actor, `2025-${AGENCY}`));
      store.source = `overdue actions as ${role}`;
      const overdue = new ListOverdueActions({ ...evaluations, deadlines: { zoneOf: () => 'Asia/Jakarta' }, now: () => new Date() });
      await refusedOr(() => overdue.run(actor, PARENT_AGENCY, '2026-05-10'));
    }
    const deliveries = new ListDeliveries(store);
    for (const filter of [{}, { state: 'dead' as const }, { channel: 'webhook' }, { state: 'pending' as const, channel: 'email' }]) {
      store.source = `deliveries ${JSON.stringify(filter)}`;
      await deliveries.run(actorOf('national_admin'), filter);
      await deliveries.run(actorOf('national_admin'), { ...filter, cursor: `${'0'.repeat(19)}7.00000000-0000-4000-8000-000000000001` });
    }
    store.source = 'outbox dispatcher';
    await new DeliveryStore(store).duePage(new Date(0).toISOString(), { logOrder: '0'.repeat(20), id: 'd' }, 500);
    await new DeliveryStore(store).hasEarlierPending({ orderKey: 'k', logOrder: '0'.repeat(20), _id: 'd' } as StoredDelivery);
    store.source = 'outbox backlog';
    await new DeliveryStore(store).oldestPending();
    store.source = 'deadline process';
    await new DeadlineProcess(store, {} as ComplaintLifecycle, {} as DeadlineContext, { intervalMs: 60_000, now: () => new Date() }).tick();
    store.source = 'reporter notifications';
    const noContact = async () => ({ kind: 'no-contact', trackingId: 'LPR-C1' });
    const nobody = { complaint: async () => ({ confidential: false }), reachOf: noContact, reach: noContact } as unknown as ReporterReachFinder;
    await new ReporterNotificationSource(nobody, store, ['email']).plan({ streamId: 'complaint-c1', type: 'ComplaintVerified', data: {} } as unknown as RecordedEvent);
    store.source = 'erased attachment files';
    await inner.collection(CHECKPOINTS_COLLECTION).insertOne({ _id: COMPLAINTS_COLLECTION, position: '1' });
    await new KeptEvidence(store).isKept('ab'.repeat(32), 1n);
    return distinct(store.shapes);
  } finally {
    await inner.close();
    await rm(dir, { recursive: true, force: true });
  }
}
