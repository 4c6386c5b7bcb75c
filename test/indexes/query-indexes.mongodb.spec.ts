import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { COMPLAINTS_COLLECTION, EXCEPTION_SINCE_FIELDS } from '@lacak/projections';
import { MongoReadStore } from '@lacak/read-store';
import { type TestMongoServer, runWithMongoServer, startTestMongoServer } from '@lacak/testing';
import { type QueryShape, describeShape, readsWholePerNodeCollection } from './index-coverage';
import { declaredIndexes, engineQueryShapes } from './query-shapes';

/**
 * What MongoDB itself makes of the declared indexes: MONGODB_URI if set, else a single-node replica
 * set in a Testcontainers container when a Docker engine answers, else skipped with one line.
 */
const runnable = runWithMongoServer('MongoDB explain() check of the query indexes');

const SERVER_TIMEOUT_MS = 5000;

/** Every stage of a winning plan, however nested (classic `inputStage(s)`, slot-based `queryPlan`). */
function stagesOf(plan: unknown): string[] {
  if (Array.isArray(plan)) return plan.flatMap(stagesOf);
  if (typeof plan !== 'object' || plan === null) return [];
  return Object.entries(plan).flatMap(([key, value]) => (key === 'stage' && typeof value === 'string' ? [value] : stagesOf(value)));
}

/** Enough complaints, of every kind the filters tell apart, that the planner weighs real candidates; `agencyPath` arrays make its indexes multikey, as in production. */
const complaints = Array.from({ length: 40 }, (_, i) => ({
  _id: `c${String(i).padStart(2, '0')}`,
  trackingId: `LPR-${i}`,
  agencyPath: ['national', i % 2 ? 'province-p' : 'province-q', `agency-${i % 4}`],
  status: ['SUBMITTED', 'VERIFIED', 'DISPOSED', 'IN_PROGRESS', 'REJECTED'][i % 5],
  classification: i % 3 ? 'pengaduan' : null,
  category: i % 2 ? 'kesehatan' : 'pendidikan',
  confidential: i % 7 === 0,
  anonymous: i % 5 === 0,
  reporterAccountId: `warga-${i % 6}`,
  submittedAt: new Date(Date.UTC(2025, 0, 1 + i)).toISOString(),
  nextDueAt: i % 4 ? new Date(Date.UTC(2025, 1, 1 + i)).toISOString() : null,
  isOverdue: i % 3 === 0,
  isEscalated: i % 8 === 0,
  searchText: `keluhan ${i} pungli biaya`,
  // Monev exceptions: a few of each kind, absent elsewhere, as the projection keeps them.
  ...Object.fromEntries(
    Object.values(EXCEPTION_SINCE_FIELDS)
      .filter((_, kind) => i % 6 === kind)
      .map((field) => [field, new Date(Date.UTC(2025, 2, 1 + i)).toISOString()]),
  ),
}));

(runnable ? describe : describe.skip)('The declared indexes on a real MongoDB server', () => {
  let server: TestMongoServer | undefined;
  let client: MongoClient;
  let store: MongoReadStore;
  let shapes: QueryShape[];
  const databaseName = `lacak_indexes_${randomUUID().replace(/-/g, '')}`;

  beforeAll(async () => {
    server = await startTestMongoServer();
    const { uri } = server;
    client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: SERVER_TIMEOUT_MS });
    store = await MongoReadStore.connect(uri, { databaseName, serverSelectionTimeoutMs: SERVER_TIMEOUT_MS });
    for (const [collection, indexes] of declaredIndexes()) {
      // `_id_` is the server's own.
      for (const index of indexes.filter(({ name }) => name !== '_id_')) await store.collection(collection).createIndex(index);
    }
    await store.collection(COMPLAINTS_COLLECTION).bulkWrite(complaints.map((document) => ({ insertOne: { document } })));
    shapes = await engineQueryShapes();
  }, 180_000);

  afterAll(async () => {
    await store?.close();
    await client?.db(databaseName).dropDatabase();
    await client?.close();
    await server?.stop();
  });

  it('answers every query the engine issues from an index, with no in-memory sort and no collection scan', async () => {
    const unserved: string[] = [];
    // The root's counters and SLA sums read a whole collection of one document per node: a scan by design.
    for (const shape of shapes.filter((read) => !readsWholePerNodeCollection(read))) {
      const explained = await client.db(databaseName).collection(shape.collection)
        .find(shape.filter, { sort: shape.sort, skip: 20, limit: 20 })
        .explain('queryPlanner');
      const stages = stagesOf(explained.queryPlanner.winningPlan);
      if (!stages.length || stages.some((stage) => stage === 'SORT' || stage === 'COLLSCAN')) {
        unserved.push(`${describeShape(shape)} → ${stages.join(' ← ')}`);
      }
    }
    expect(unserved).toEqual([]);
  });
});
