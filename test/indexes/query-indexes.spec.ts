import { COMPLAINTS_COLLECTION } from '@lacak/projections';
import type { IndexSpec } from '@lacak/read-store';
import { type QueryShape, describeShape, equalityPrefix, servingIndex } from './index-coverage';
import { declaredIndexes, engineQueryShapes } from './query-shapes';

const shape = (filter: QueryShape['filter'], sort: QueryShape['sort']): QueryShape => ({ collection: COMPLAINTS_COLLECTION, filter, sort, source: 'spec' });
const index = (keys: IndexSpec['keys'], partialFilter?: IndexSpec['partialFilter']): IndexSpec => ({ keys, ...(partialFilter && { partialFilter }) });

describe('Which index serves a query, in equality–sort–range order', () => {
  const queue = shape({ agencyPath: 'a', status: 'VERIFIED', searchText: { $regex: 'x' } }, { submittedAt: -1, _id: -1 });

  it('takes equality keys, then the sort in one direction or its reverse, with ranges left to the fetch', () => {
    expect(equalityPrefix(queue, index({ agencyPath: 1, status: 1, submittedAt: 1, _id: 1 }))).toBe(2);
    expect(equalityPrefix(queue, index({ agencyPath: 1, submittedAt: -1, _id: -1 }))).toBe(1);
    expect(equalityPrefix(shape({ status: { $in: ['A', 'B'] } }, { submittedAt: 1, _id: 1 }), index({ status: 1, submittedAt: 1, _id: 1 }))).toBe(1);
    expect(equalityPrefix(shape({ nextDueAt: { $lte: 'now' } }, { nextDueAt: 1 }), index({ nextDueAt: 1, _id: 1 }))).toBe(0);
  });

  it('refuses an index that sorts only partly, in mixed directions, before its equality keys, or that leaves the query unbounded', () => {
    expect(equalityPrefix(queue, index({ agencyPath: 1, status: 1, submittedAt: 1 }))).toBeNull();
    expect(equalityPrefix(queue, index({ agencyPath: 1, status: 1, submittedAt: 1, _id: -1 }))).toBeNull();
    expect(equalityPrefix(queue, index({ submittedAt: 1, _id: 1, agencyPath: 1 }))).toBeNull();
    expect(equalityPrefix(queue, index({ agencyPath: 1, status: 1, searchText: 1, submittedAt: 1, _id: 1 }))).toBeNull();
    expect(equalityPrefix(shape({ nextDueAt: { $lte: 'now' } }, {}), index({ submittedAt: 1 }))).toBeNull();
  });

  it('lets boolean flags be checked after the scan, but not a status or a scope', () => {
    const flagsOnly = shape({ confidential: false, isOverdue: true }, { submittedAt: 1, _id: 1 });
    expect(equalityPrefix(flagsOnly, index({ submittedAt: 1, _id: 1 }))).toBe(0);
    expect(equalityPrefix(shape({ status: 'VERIFIED', isOverdue: true }, { submittedAt: 1, _id: 1 }), index({ submittedAt: 1, _id: 1 }))).toBeNull();
  });

  it('uses a partial index only for a filter that implies its own', () => {
    const partial = index({ confidential: 1, submittedAt: 1, _id: 1 }, { confidential: false, classification: { $exists: true } });
    const sort = { submittedAt: -1, _id: -1 } as const;
    expect(equalityPrefix(shape({ confidential: false, classification: { $ne: null } }, sort), partial)).toBe(1);
    expect(equalityPrefix(shape({ confidential: false, classification: 'pengaduan' }, sort), partial)).toBe(1);
    expect(equalityPrefix(shape({ confidential: false }, sort), partial)).toBeNull();
    expect(equalityPrefix(shape({ confidential: false, classification: { $ne: 'aspirasi' } }, sort), partial)).toBeNull();
    expect(equalityPrefix(shape({ confidential: true, classification: { $ne: null } }, sort), partial)).toBeNull();
  });

  it('serves from a unique index whose every key the query pins, whatever else it filters and sorts', () => {
    const byTrackingId = shape({ agencyPath: 'a', trackingId: 'LPR-7K3Q9X2M4D1A' }, { nextDueAt: 1, _id: 1 });
    expect(equalityPrefix(byTrackingId, { keys: { trackingId: 1 }, unique: true })).toBe(1);
    expect(equalityPrefix(byTrackingId, index({ trackingId: 1 }))).toBeNull();
  });

  it('serves a $text query from the text index only, and nothing else from it', () => {
    const text: IndexSpec = { keys: { searchText: 'text' }, default_language: 'none' };
    const search = shape({ agencyPath: 'a', $text: { $search: 'pungli' } }, { submittedAt: -1, _id: -1 });
    expect(equalityPrefix(search, text)).toBe(0);
    expect(equalityPrefix(search, index({ agencyPath: 1, submittedAt: 1, _id: 1 }))).toBeNull();
    expect(equalityPrefix(shape({ searchText: 'pungli' }, {}), text)).toBeNull();
  });

  it('prefers the index with more equality keys, then a partial one', () => {
    const broad = index({ agencyPath: 1, submittedAt: 1, _id: 1 });
    const narrow = index({ agencyPath: 1, status: 1, submittedAt: 1, _id: 1 });
    expect(servingIndex(queue, [broad, narrow])).toBe(narrow);
    expect(servingIndex(queue, [broad])).toBe(broad);
    expect(servingIndex(queue, [index({ submittedAt: 1, _id: 1 })])).toBeNull();
  });
});

describe('Every query the engine issues has a declared index that serves it', () => {
  let shapes: QueryShape[];
  const indexes = declaredIndexes();
  const servedBy = (query: QueryShape) => servingIndex(query, indexes.get(query.collection) ?? []);

  beforeAll(async () => {
    shapes = await engineQueryShapes();
  });

  it('records the work queue of each scope (national, agency subtree, subtree without sealed complaints, own), the public list, the single-complaint reads and the deadline process', () => {
    // Shapes are distinct: roles with the same scope issue the same shapes, recorded under the first;
    // the export issues the oldest-first queue's.
    const sources = new Set(shapes.map(({ source }) => source.split(' {')[0]));
    const scopes = ['national_admin', 'agency_admin', 'apip_inspector', 'reporter'];
    const monev = ['national_admin at the root', 'national_admin at a subtree', 'apip_inspector at a subtree'].map((who) => `monev exceptions as ${who}: escalated`);
    for (const source of [...scopes.map((role) => `list as ${role}`), 'public list', 'public list by category', 'complaint history', 'tracking lookup', 'agency counters', 'deadline process', ...monev]) {
      expect(sources).toContain(source);
    }
    expect(shapes.some(({ sort }) => 'nextDueAt' in sort && '_id' in sort)).toBe(true);
    // The evaluations everywhere and within a subtree, and a subtree's overdue action-plan items.
    for (const source of ['evaluations as national_admin', 'evaluations as agency_admin', 'overdue actions as national_admin']) expect(sources).toContain(source);
  });

  it('names no shape without one', () => {
    expect(shapes.filter((query) => !servedBy(query)).map(describeShape)).toEqual([]);
  });

  it('serves the unauthenticated public list from a partial index', () => {
    const publicShapes = shapes.filter(({ source }) => source.startsWith('public list'));
    expect(publicShapes).toHaveLength(2);
    for (const query of publicShapes) expect(servedBy(query)?.partialFilter).toBeDefined();
  });
});
