import { randomUUID } from 'node:crypto';
import { DuplicateKeyError, InvalidOperationError } from '../errors';
import type { Document, Filter, ReadCollection, ReadStore } from '../read-store.port';

export interface ReadStoreFixture {
  store: ReadStore;
  /** Opens a new store over the same storage; the suite closes `store` first. */
  reopen?: () => Promise<ReadStore>;
  /** Closes whichever store is still open and removes the storage. */
  cleanup: () => Promise<void>;
}

/** Unique per test, so the suite also runs against a shared server that keeps old collections. */
const unique = (name: string) => `contract_${name}_${randomUUID().replace(/-/g, '')}`;

const ids = (docs: Document[]) => docs.map((doc) => doc._id).sort();

const complaints: Document[] = [
  {
    _id: 'c1', status: 'OPEN', priority: 3, agencyId: 'a1', title: 'Broken Streetlight', tags: ['road', 'light'],
    location: { city: 'Bandung', district: { code: 'BD01' } }, assignee: 'u1', submittedAt: '2024-05-01T08:00:00.000Z',
  },
  {
    _id: 'c2', status: 'DISPOSED', priority: 1, agencyId: 'a2', title: 'Pothole on main road', tags: ['road'],
    location: { city: 'Jakarta', district: { code: 'JK02' } }, submittedAt: '2024-05-02T08:00:00.000Z',
  },
  {
    _id: 'c3', status: 'OPEN', priority: 5, agencyId: 'a1', title: 'noisy streetlight', tags: [],
    location: { city: 'Bandung', district: { code: 'BD02' } }, assignee: null, submittedAt: '2024-05-03T08:00:00.000Z',
  },
  {
    _id: 'c4', status: 'CLOSED', priority: 3, agencyId: 'a3', title: 'Flooding', tags: ['water'],
    location: { city: 'Surabaya' }, submittedAt: '2024-04-30T08:00:00.000Z',
  },
];

async function seeded(store: ReadStore, name: string, docs: Document[] = complaints): Promise<ReadCollection> {
  const collection = store.collection(unique(name));
  for (const doc of docs) await collection.insertOne(structuredClone(doc));
  return collection;
}

/** Runs every filter and returns `{ filter, ids }` pairs, so a failure names its filter. */
async function idsPerFilter(collection: ReadCollection, filters: Filter[]) {
  return Promise.all(filters.map(async (filter) => ({ filter, ids: ids(await collection.find(filter)) })));
}

export function readStoreContract(adapterName: string, factory: () => Promise<ReadStoreFixture>): void {
  describe(`ReadStore contract: ${adapterName}`, () => {
    let fixture: ReadStoreFixture;
    let store: ReadStore;

    beforeEach(async () => {
      fixture = await factory();
      store = fixture.store;
    });
    afterEach(() => fixture.cleanup());

    describe('inserts and filters', () => {
      it('finds an inserted document by _id, and null when nothing matches', async () => {
        const collection = await seeded(store, 'insert');
        expect(await collection.findOne({ _id: 'c1' })).toEqual(complaints[0]);
        expect(await collection.findOne({ _id: 'missing' })).toBeNull();
        expect(await store.collection(unique('never_written')).find({})).toEqual([]);
      });

      it('rejects a second document with the same _id (E11000) and keeps the first', async () => {
        const collection = await seeded(store, 'duplicate');
        const attempt = collection.insertOne({ _id: 'c1', status: 'OTHER' });
        await expect(attempt).rejects.toBeInstanceOf(DuplicateKeyError);
        await expect(attempt).rejects.toMatchObject({ code: 11000 });
        expect(await collection.findOne({ _id: 'c1' })).toEqual(complaints[0]);
      });

      it('evaluates comparison, logical, element, regex, nested and array filters', async () => {
        const collection = await seeded(store, 'filters');
        const cases: Array<[Filter, string[]]> = [
          [{ status: 'OPEN' }, ['c1', 'c3']],
          [{ status: { $eq: 'OPEN' } }, ['c1', 'c3']],
          [{ status: { $ne: 'OPEN' } }, ['c2', 'c4']],
          [{ status: { $in: ['DISPOSED', 'CLOSED'] } }, ['c2', 'c4']],
          [{ status: { $nin: ['OPEN', 'CLOSED'] } }, ['c2']],
          [{ priority: { $gt: 3 } }, ['c3']],
          [{ priority: { $gte: 3 } }, ['c1', 'c3', 'c4']],
          [{ priority: { $lt: 3 } }, ['c2']],
          [{ priority: { $lte: 3 } }, ['c1', 'c2', 'c4']],
          [{ submittedAt: { $gte: '2024-05-01T00:00:00.000Z', $lt: '2024-05-03T00:00:00.000Z' } }, ['c1', 'c2']],
          [{ $and: [{ agencyId: 'a1' }, { priority: { $gt: 3 } }] }, ['c3']],
          [{ $or: [{ agencyId: 'a2' }, { priority: { $gte: 5 } }] }, ['c2', 'c3']],
          [{ assignee: { $exists: true } }, ['c1', 'c3']],
          [{ assignee: { $exists: false } }, ['c2', 'c4']],
          [{ assignee: null }, ['c2', 'c3', 'c4']],
          [{ title: { $regex: 'streetlight', $options: 'i' } }, ['c1', 'c3']],
          [{ title: { $regex: '^pothole' } }, []],
          [{ title: { $regex: '^pothole', $options: 'i' } }, ['c2']],
          [{ 'location.city': 'Bandung' }, ['c1', 'c3']],
          [{ 'location.district.code': { $in: ['JK02', 'BD02'] } }, ['c2', 'c3']],
          [{ 'location.district': { $exists: false } }, ['c4']],
          [{ tags: 'road' }, ['c1', 'c2']],
          [{ tags: { $in: ['water', 'light'] } }, ['c1', 'c4']],
          [{ tags: { $all: ['road', 'light'] } }, ['c1']],
          [{ tags: ['road'] }, ['c2']],
          [{}, ['c1', 'c2', 'c3', 'c4']],
        ];
        expect(await idsPerFilter(collection, cases.map(([filter]) => filter)))
          .toEqual(cases.map(([filter, expected]) => ({ filter, ids: expected })));
      });

      it('rejects an unknown query operator with InvalidOperationError', async () => {
        const collection = await seeded(store, 'bad_filter');
        await expect(collection.find({ status: { $notAnOperator: 1 } })).rejects.toBeInstanceOf(InvalidOperationError);
      });
    });

    describe('updates', () => {
      it('counts as a rollup does: $inc upserts nested counters under a shared new parent, $unset removes one, overlapping paths are refused', async () => {
        const collection = store.collection('counters');
        await collection.updateOne({ _id: 'k' }, { $inc: { 'c.i.responded': 1, 'c.i.within': 1, total: 2 } }, { upsert: true });
        await collection.updateOne({ _id: 'k' }, { $inc: { 'c.i.responded': 1, 'c.o.responded': 1 } }, { upsert: true });
        await collection.updateOne({ _id: 'k', total: 2 }, { $unset: { total: '' } });
        expect(await collection.findOne({ _id: 'k' })).toEqual({ _id: 'k', c: { i: { responded: 2, within: 1 }, o: { responded: 1 } } });
        await expect(collection.updateOne({ _id: 'k' }, { $inc: { c: 1, 'c.i.responded': 1 } })).rejects.toBeInstanceOf(Error);
        expect(await collection.findOne({ _id: 'k' })).toEqual({ _id: 'k', c: { i: { responded: 2, within: 1 }, o: { responded: 1 } } });
      });

      it('applies $set (also nested), $unset, $inc and $push, creating missing fields', async () => {
        const collection = await seeded(store, 'operators');
        const update = {
          $set: { status: 'DISPOSED', 'location.city': 'Cimahi' },
          $unset: { assignee: '' },
          $inc: { priority: 2, 'stats.views': 1 },
          $push: { history: { status: 'DISPOSED', at: '2024-05-04T08:00:00.000Z' } },
        };
        expect(await collection.updateOne({ _id: 'c1' }, update)).toEqual({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
        await collection.updateOne({ _id: 'c1' }, { $push: { history: { status: 'CLOSED' } }, $inc: { priority: -1 } });
        const { assignee: _removed, ...rest } = complaints[0];
        expect(await collection.findOne({ _id: 'c1' })).toEqual({
          ...rest,
          status: 'DISPOSED',
          priority: 4,
          location: { city: 'Cimahi', district: { code: 'BD01' } },
          stats: { views: 1 },
          history: [{ status: 'DISPOSED', at: '2024-05-04T08:00:00.000Z' }, { status: 'CLOSED' }],
        });
      });

      it('counts matched and modified separately: a no-op update matches but modifies nothing', async () => {
        const collection = await seeded(store, 'counts');
        expect(await collection.updateOne({ _id: 'c1' }, { $set: { status: 'OPEN' } }))
          .toEqual({ matchedCount: 1, modifiedCount: 0, upsertedCount: 0 });
        expect(await collection.updateOne({ _id: 'missing' }, { $set: { status: 'OPEN' } }))
          .toEqual({ matchedCount: 0, modifiedCount: 0, upsertedCount: 0 });
        expect(await collection.countDocuments()).toBe(4);
      });

      it('seeds an upsert from the filter equality fields (dotted paths nested), not from ranges', async () => {
        const collection = store.collection(unique('upsert_seed'));
        const filter = { _id: 'u1', agencyId: 'a1', 'location.city': 'Bandung', status: { $eq: 'NEW' }, priority: { $gt: 0 } };
        expect(await collection.updateOne(filter, { $set: { title: 'Fallen tree' } }, { upsert: true }))
          .toEqual({ matchedCount: 0, modifiedCount: 0, upsertedCount: 1 });
        expect(await collection.findOne({ _id: 'u1' })).toEqual({
          _id: 'u1', agencyId: 'a1', location: { city: 'Bandung' }, status: 'NEW', title: 'Fallen tree',
        });

        await collection.updateOne({ kind: 'checkpoint', name: 'complaints' }, { $set: { position: '42' } }, { upsert: true });
        const inserted = await collection.findOne({ kind: 'checkpoint' });
        expect(inserted).toMatchObject({ kind: 'checkpoint', name: 'complaints', position: '42' });
        expect(inserted?._id).toBeDefined();
      });

      it('applies $setOnInsert only when the upsert inserts', async () => {
        const collection = store.collection(unique('set_on_insert'));
        const upsert = (status: string) => collection.updateOne(
          { _id: 's1' },
          { $set: { status }, $setOnInsert: { createdAt: '2024-05-01T08:00:00.000Z', revision: 0 } },
          { upsert: true },
        );
        expect(await upsert('NEW')).toEqual({ matchedCount: 0, modifiedCount: 0, upsertedCount: 1 });
        await collection.updateOne({ _id: 's1' }, { $inc: { revision: 1 } });
        expect(await upsert('OPEN')).toEqual({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
        expect(await collection.findOne({ _id: 's1' }))
          .toEqual({ _id: 's1', status: 'OPEN', createdAt: '2024-05-01T08:00:00.000Z', revision: 1 });
      });

      it('guards projections by revision: a stale guarded upsert raises E11000, a stale update matches nothing', async () => {
        const collection = store.collection(unique('guarded'));
        const apply = (revision: number, status: string, upsert: boolean) => collection.updateOne(
          { _id: 'g1', revision: { $lt: revision } }, { $set: { revision, status } }, { upsert },
        );
        expect(await apply(3, 'NEW', true)).toEqual({ matchedCount: 0, modifiedCount: 0, upsertedCount: 1 });
        expect(await apply(5, 'OPEN', true)).toEqual({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });

        await expect(apply(4, 'STALE', true)).rejects.toBeInstanceOf(DuplicateKeyError);
        expect(await apply(4, 'STALE', false)).toEqual({ matchedCount: 0, modifiedCount: 0, upsertedCount: 0 });
        expect(await collection.findOne({ _id: 'g1' })).toEqual({ _id: 'g1', revision: 5, status: 'OPEN' });
      });

      it('updateMany updates every match and counts only real changes', async () => {
        const collection = await seeded(store, 'update_many');
        expect(await collection.updateMany({ status: { $in: ['OPEN', 'CLOSED'] } }, { $set: { status: 'CLOSED' } }))
          .toEqual({ matchedCount: 3, modifiedCount: 2, upsertedCount: 0 });
        expect(ids(await collection.find({ status: 'CLOSED' }))).toEqual(['c1', 'c3', 'c4']);
        expect(await collection.updateMany({ status: 'NONE' }, { $set: { status: 'X' } }))
          .toEqual({ matchedCount: 0, modifiedCount: 0, upsertedCount: 0 });
      });

      it('replaceOne replaces the whole document, keeps _id, and upserts only the _id from the filter', async () => {
        const collection = await seeded(store, 'replace');
        expect(await collection.replaceOne({ title: 'Flooding' }, { _id: 'c4', status: 'REPLACED' }))
          .toEqual({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
        expect(await collection.findOne({ _id: 'c4' })).toEqual({ _id: 'c4', status: 'REPLACED' });
        expect(await collection.replaceOne({ _id: 'c4' }, { _id: 'c4', status: 'REPLACED' }))
          .toEqual({ matchedCount: 1, modifiedCount: 0, upsertedCount: 0 });
        expect(await collection.replaceOne({ _id: 'r1' }, { _id: 'r1', status: 'NEW' }))
          .toEqual({ matchedCount: 0, modifiedCount: 0, upsertedCount: 0 });

        expect(await collection.replaceOne({ _id: 'r1', agencyId: 'a9' }, { _id: 'r1', status: 'NEW' }, { upsert: true }))
          .toEqual({ matchedCount: 0, modifiedCount: 0, upsertedCount: 1 });
        expect(await collection.findOne({ _id: 'r1' })).toEqual({ _id: 'r1', status: 'NEW' });
      });

      it('replaces and deletes a document named by _id and guarded by equalities, as a projection writes back what it loaded', async () => {
        const collection = store.collection(unique('keyed'));
        await collection.insertOne({ _id: 'k1', lastPosition: 5, version: 'v1', title: 'first' });
        await collection.insertOne({ _id: 'k2', lastPosition: [7, 8], version: ['v1', 'v2'], title: 'arrays' });
        const replace = (filter: Filter, title: string) => collection.replaceOne(filter, { _id: String(filter._id), lastPosition: 9, title });

        expect(await replace({ _id: 'k1', lastPosition: 4 }, 'stale')).toEqual({ matchedCount: 0, modifiedCount: 0, upsertedCount: 0 });
        expect(await replace({ _id: 'k1', lastPosition: 5, version: 'v2' }, 'stale')).toEqual({ matchedCount: 0, modifiedCount: 0, upsertedCount: 0 });
        expect(await replace({ _id: 'k1', lastPosition: 5.0, version: 'v1' }, 'second')).toEqual({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
        expect(await replace({ _id: 'k1', lastPosition: 9 }, 'second')).toEqual({ matchedCount: 1, modifiedCount: 0, upsertedCount: 0 });
        // An array holding the value matches an equality, as everywhere in MongoDB.
        expect(await replace({ _id: 'k2', lastPosition: 8, version: 'v2' }, 'replaced')).toEqual({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
        await expect(collection.replaceOne({ _id: 'k1', lastPosition: 9 }, { _id: 'other', title: 'moved' })).rejects.toBeInstanceOf(InvalidOperationError);
        expect(await collection.find({}, { sort: { _id: 1 } })).toEqual([
          { _id: 'k1', lastPosition: 9, title: 'second' },
          { _id: 'k2', lastPosition: 9, title: 'replaced' },
        ]);

        expect(await collection.deleteOne({ _id: 'k1', lastPosition: 8 })).toEqual({ deletedCount: 0 });
        expect(await collection.deleteOne({ _id: 'k1', lastPosition: 9 })).toEqual({ deletedCount: 1 });
        await collection.insertOne({ _id: 'k3', tags: ['a', 'b'] });
        expect(await collection.deleteOne({ _id: 'k3', tags: 'b' })).toEqual({ deletedCount: 1 });
        expect(await collection.deleteOne({ _id: 'k3' })).toEqual({ deletedCount: 0 });
        expect(ids(await collection.find({}))).toEqual(['k2']);
      });

      it('rejects an update document without operators with InvalidOperationError', async () => {
        const collection = await seeded(store, 'bad_update');
        await expect(collection.updateOne({ _id: 'c1' }, { status: 'X' } as never)).rejects.toBeInstanceOf(InvalidOperationError);
        expect(await collection.findOne({ _id: 'c1' })).toEqual(complaints[0]);
      });
    });

    describe('deletes and queries', () => {
      it('deleteOne removes one match, deleteMany all matches (or everything without a filter)', async () => {
        const collection = await seeded(store, 'delete');
        expect(await collection.deleteOne({ agencyId: 'a1' })).toEqual({ deletedCount: 1 });
        expect(await collection.countDocuments({ agencyId: 'a1' })).toBe(1);
        expect(await collection.deleteOne({ agencyId: 'nobody' })).toEqual({ deletedCount: 0 });
        expect(await collection.deleteMany({ status: { $in: ['OPEN', 'DISPOSED'] } })).toEqual({ deletedCount: 2 });
        expect(ids(await collection.find({}))).toEqual(['c4']);
        expect(await collection.deleteMany()).toEqual({ deletedCount: 1 });
        expect(await collection.countDocuments()).toBe(0);
      });

      it('counts documents with and without a filter, and 0 for an unknown collection', async () => {
        const collection = await seeded(store, 'count');
        expect(await collection.countDocuments()).toBe(4);
        expect(await collection.countDocuments({ 'location.city': 'Bandung' })).toBe(2);
        expect(await store.collection(unique('never_written')).countDocuments()).toBe(0);
      });

      it('sorts by several keys in both directions, then skips and limits', async () => {
        const collection = await seeded(store, 'sort');
        const sort = { priority: -1, submittedAt: 1 } as const;
        expect((await collection.find({}, { sort })).map((d) => d._id)).toEqual(['c3', 'c4', 'c1', 'c2']);
        expect((await collection.find({}, { sort, skip: 1, limit: 2 })).map((d) => d._id)).toEqual(['c4', 'c1']);
        expect((await collection.find({ agencyId: 'a1' }, { sort: { submittedAt: -1 }, limit: 1 })).map((d) => d._id))
          .toEqual(['c3']);
      });

      it('projects by inclusion (with or without _id, dotted) and by exclusion', async () => {
        const collection = await seeded(store, 'projection');
        expect(await collection.findOne({ _id: 'c1' }, { projection: { title: 1 } }))
          .toEqual({ _id: 'c1', title: 'Broken Streetlight' });
        expect(await collection.find({ _id: 'c1' }, { projection: { _id: 0, title: 1, 'location.city': 1 } }))
          .toEqual([{ title: 'Broken Streetlight', location: { city: 'Bandung' } }]);
        const { tags: _tags, location: _location, ...rest } = complaints[0];
        expect(await collection.findOne({ _id: 'c1' }, { projection: { tags: 0, location: 0 } })).toEqual(rest);
      });
    });

    describe('indexes', () => {
      it('creates indexes (named or default-named), lists them in key order, and is idempotent', async () => {
        const collection = await seeded(store, 'indexes');
        const keys = { agencyId: 1, status: 1, submittedAt: -1 } as const;
        expect(await collection.createIndex({ keys })).toBe('agencyId_1_status_1_submittedAt_-1');
        expect(await collection.createIndex({ keys: { 'location.city': 1 }, name: 'by_city', unique: false })).toBe('by_city');
        expect(await collection.createIndex({ keys })).toBe('agencyId_1_status_1_submittedAt_-1');

        const listed = await collection.listIndexes();
        const custom = listed.filter((index) => index.name !== '_id_');
        expect(custom).toHaveLength(2);
        expect(custom).toContainEqual(expect.objectContaining({ name: 'agencyId_1_status_1_submittedAt_-1', keys }));
        expect(custom).toContainEqual(expect.objectContaining({ name: 'by_city', keys: { 'location.city': 1 } }));
        const compound = custom.find((index) => index.name === 'agencyId_1_status_1_submittedAt_-1');
        expect(Object.keys(compound?.keys ?? {})).toEqual(['agencyId', 'status', 'submittedAt']);
      });

      it('enforces unique indexes on insert, update and upsert, treating a missing field as null', async () => {
        const collection = await seeded(store, 'unique');
        await collection.createIndex({ keys: { 'location.district.code': 1, agencyId: 1 }, name: 'district_agency', unique: true });
        expect(await collection.listIndexes()).toContainEqual(expect.objectContaining({ name: 'district_agency', unique: true }));

        const clash = { location: { district: { code: 'JK02' } }, agencyId: 'a2' };
        await expect(collection.insertOne({ _id: 'x1', ...clash })).rejects.toBeInstanceOf(DuplicateKeyError);
        await expect(collection.updateOne({ _id: 'c1' }, { $set: clash })).rejects.toBeInstanceOf(DuplicateKeyError);
        expect(await collection.updateOne({ _id: 'c3' }, { $set: { agencyId: 'a9' } })).toMatchObject({ modifiedCount: 1 });
        // c4 has no district: an upsert without one clashes with it on (null, 'a3').
        await expect(collection.updateOne({ _id: 'x2' }, { $set: { agencyId: 'a3' } }, { upsert: true }))
          .rejects.toBeInstanceOf(DuplicateKeyError);
        expect(await collection.findOne({ _id: 'c1' })).toEqual(complaints[0]);

        await collection.insertOne({ _id: 'n1', title: 'no district, no agency' });
        await expect(collection.insertOne({ _id: 'n2', title: 'also none' })).rejects.toBeInstanceOf(DuplicateKeyError);
        expect(await collection.countDocuments()).toBe(5);
      });

      it('creates a partial index, lists it with its filter, answers its queries in full, and refuses one that is also unique', async () => {
        const collection = await seeded(store, 'partial');
        const partialFilter = { status: 'OPEN', assignee: { $exists: true } };
        const spec = { keys: { agencyId: 1, submittedAt: 1, _id: 1 }, name: 'open_by_agency', partialFilter } as const;
        expect(await collection.createIndex(spec)).toBe('open_by_agency');
        expect(await collection.createIndex(spec)).toBe('open_by_agency');
        expect(await collection.listIndexes()).toContainEqual(spec);
        await expect(collection.createIndex({ ...spec, partialFilter: { status: 'CLOSED' } })).rejects.toBeInstanceOf(InvalidOperationError);

        // A filter that implies the partial one, and one that does not: both see every match.
        expect(ids(await collection.find({ ...partialFilter, agencyId: 'a1' }, { sort: { submittedAt: -1, _id: -1 } }))).toEqual(['c1', 'c3']);
        expect(ids(await collection.find({ agencyId: 'a1' }, { sort: { submittedAt: 1, _id: 1 } }))).toEqual(['c1', 'c3']);
        await collection.insertOne({ _id: 'c5', status: 'CLOSED', agencyId: 'a1', submittedAt: '2024-05-04T08:00:00.000Z' });
        expect((await collection.find({ agencyId: 'a1' }, { sort: { submittedAt: -1, _id: -1 } })).map((doc) => doc._id)).toEqual(['c5', 'c3', 'c1']);

        await expect(collection.createIndex({ keys: { title: 1 }, name: 'unique_open_title', unique: true, partialFilter: { status: 'OPEN' } }))
          .rejects.toBeInstanceOf(InvalidOperationError);
        expect((await collection.listIndexes()).map((index) => index.name)).not.toContain('unique_open_title');
      });

      it('refuses to build a unique index over existing duplicates', async () => {
        const collection = await seeded(store, 'unique_build');
        await expect(collection.createIndex({ keys: { agencyId: 1 }, unique: true })).rejects.toBeInstanceOf(DuplicateKeyError);
        expect((await collection.listIndexes()).map((index) => index.name)).not.toContain('agencyId_1');
        await collection.insertOne({ _id: 'c5', agencyId: 'a1' });
        expect(await collection.countDocuments({ agencyId: 'a1' })).toBe(3);
      });

      it('answers $text through a text index: whole words, any term, ignoring case and diacritics, with the other fields', async () => {
        const docs: Document[] = [
          { _id: 't1', status: 'OPEN', searchText: 'lpr-7k3q9x2m4d1a pungli di puskesmas' },
          { _id: 't2', status: 'CLOSED', searchText: 'Sekolah menarik BIAYA' },
          { _id: 't3', status: 'OPEN', searchText: ['Jalan rusak', 'café tutup'] },
          { _id: 't4', status: 'OPEN', searchText: 'pungutan liar' },
        ];
        const collection = await seeded(store, 'text', docs);
        const search = (terms: string, rest: Filter = {}) => collection.find({ ...rest, $text: { $search: terms } }).then(ids);
        await expect(search('pungli')).rejects.toBeInstanceOf(InvalidOperationError);

        const spec = { keys: { searchText: 'text' }, name: 'search_text', default_language: 'none' } as const;
        expect(await collection.createIndex(spec)).toBe('search_text');
        expect(await collection.createIndex(spec)).toBe('search_text');
        expect(await collection.listIndexes()).toContainEqual(spec);
        await expect(collection.createIndex({ keys: { title: 'text' }, default_language: 'none' })).rejects.toBeInstanceOf(InvalidOperationError);

        expect(await search('pungli')).toEqual(['t1']);
        expect(await search('pung')).toEqual([]);
        expect(await search('PUNGLI sekolah')).toEqual(['t1', 't2']);
        expect(await search('cafe biaya')).toEqual(['t2', 't3']);
        expect(await search('LPR-7K3Q9X2M4D1A')).toEqual(['t1']);
        expect(await search('sekolah jalan', { status: 'OPEN' })).toEqual(['t3']);
        expect(await collection.countDocuments({ status: 'OPEN', $text: { $search: 'pungli liar' } })).toBe(2);

        // Kept in step with every write.
        await collection.updateOne({ _id: 't4' }, { $set: { searchText: 'pungli lagi' } });
        await collection.replaceOne({ _id: 't2' }, { _id: 't2', status: 'CLOSED', searchText: 'sudah selesai' });
        await collection.insertOne({ _id: 't5', searchText: 'pungli baru' });
        await collection.deleteOne({ _id: 't1' });
        expect(await search('pungli sekolah')).toEqual(['t4', 't5']);
        expect(await collection.updateMany({ $text: { $search: 'pungli' } }, { $set: { status: 'SEEN' } })).toMatchObject({ modifiedCount: 2 });
        expect(await search('pungli', { status: 'SEEN' })).toEqual(['t4', 't5']);

        await expect(search('"pungli lagi"')).rejects.toBeInstanceOf(InvalidOperationError);
        await expect(search('pungli -lagi')).rejects.toBeInstanceOf(InvalidOperationError);
        await expect(collection.find({ $or: [{ $text: { $search: 'pungli' } }, { status: 'OPEN' }] })).rejects.toBeInstanceOf(InvalidOperationError);
      });

      it('returns exactly what a scan returns for filters and counts on indexed fields, also on an array field of a compound index', async () => {
        const docs: Document[] = [
          { _id: 'k1', k: 'x', n: { k: 'x' }, g: 1 },
          { _id: 'k2', k: 1, n: { k: 1 }, g: 1 },
          { _id: 'k3', k: '1', n: [{ k: 'x' }, { k: 2 }], g: 2 },
          { _id: 'k4', k: true, n: { k: ['x', 'y'] }, g: 2 },
          { _id: 'k5', k: null, n: {}, g: 3 },
          { _id: 'k6', n: { k: { deep: 1 } }, g: 3 },
          { _id: 'k7', k: ['x', 2, false], n: { k: 2.5 }, g: 4 },
          { _id: 'k8', k: { a: 1 }, n: { k: 'y' }, g: 4 },
          { _id: 'k9', k: 2, n: { k: true }, g: 5 },
        ];
        const collection = await seeded(store, 'index_equivalence', docs);
        const filters: Filter[] = [
          { k: 'x' }, { k: 1 }, { k: '1' }, { k: true }, { k: false }, { k: 2 }, { k: { $eq: 'x' } },
          { k: { $in: ['x', 2, false] } }, { k: { $in: [] } }, { k: null }, { k: { a: 1 } }, { k: ['x', 2, false] },
          { k: { $gt: 1 } }, { k: { $ne: 'x' } }, { k: 'x', g: { $gte: 4 } },
          { 'n.k': 'x' }, { 'n.k': 2 }, { 'n.k': { $in: ['y', 2.5, true] } }, { 'n.k': { deep: 1 } }, { 'n.k': null },
          // Ranges compare within a type, arrays by element; `$all` needs every value among the elements.
          { k: { $lte: 'x' } }, { k: { $gt: 1, $lt: 3 } }, { k: { $gte: '' } }, { k: { $all: ['x', 2] } }, { k: { $all: ['x'] }, g: 4 },
          // What a compound index on an array field answers: an element with the other keys.
          { k: 'x', g: 4 }, { k: { $in: ['x', 2] }, g: { $gte: 4 } }, { k: 2, g: { $ne: 4 } }, { k: false, g: { $in: [1, 4] } },
          { _id: { $gt: 'k5' } }, { _id: { $lte: 'k2' }, k: { $ne: null } },
        ];
        const scanned = await idsPerFilter(collection, filters);
        expect(scanned.slice(0, 4).map((result) => result.ids)).toEqual([['k1', 'k7'], ['k2'], ['k3'], ['k4']]);
        expect(scanned[15].ids).toEqual(['k1', 'k3', 'k4']);
        expect(scanned.slice(20, 31).map((result) => result.ids)).toEqual([
          ['k1', 'k3', 'k7'], ['k7', 'k9'], ['k1', 'k3', 'k7'], ['k7'], ['k7'],
          ['k7'], ['k7', 'k9'], ['k9'], ['k7'],
          ['k6', 'k7', 'k8', 'k9'], ['k1', 'k2'],
        ]);

        await collection.createIndex({ keys: { k: 1 } });
        await collection.createIndex({ keys: { 'n.k': -1, g: 1 } });
        await collection.createIndex({ keys: { k: 1, g: 1, _id: 1 } });
        await collection.createIndex({ keys: { g: 1, _id: 1 } });
        expect(await idsPerFilter(collection, filters)).toEqual(scanned);
        const counts = await Promise.all(filters.map(async (filter) => ({ filter, count: await collection.countDocuments(filter) })));
        expect(counts).toEqual(scanned.map(({ filter, ids }) => ({ filter, count: ids.length })));
        // Written after the indexes: an index (and a side table) follows inserts, rewrites and deletes.
        await collection.insertOne({ _id: 'k10', k: ['x', 'x', 2], g: 4 });
        await collection.updateOne({ _id: 'k7' }, { $set: { k: 'x' } });
        await collection.deleteOne({ _id: 'k9' });
        expect(await collection.countDocuments({ k: 'x', g: 4 })).toBe(2);
        expect(await collection.countDocuments({ k: 2 })).toBe(1);
        expect(await collection.countDocuments({ k: { $in: ['x', 2] }, g: { $gte: 4 } })).toBe(2);
        expect(ids(await collection.find({ k: { $all: ['x', 2] } }))).toEqual(['k10']);
      });
    });

    describe('batches and lifecycle', () => {
      it('bulkWrite applies operations in order and sums their results', async () => {
        const collection = await seeded(store, 'bulk');
        const result = await collection.bulkWrite([
          { insertOne: { document: { _id: 'b1', status: 'NEW' } } },
          { insertOne: { document: { _id: 'b2', status: 'NEW' } } },
          { updateOne: { filter: { _id: 'b1' }, update: { $set: { status: 'OPEN' } } } },
          { updateMany: { filter: { status: { $in: ['NEW', 'OPEN'] } }, update: { $set: { status: 'OPEN' } } } },
          { updateOne: { filter: { _id: 'b3' }, update: { $set: { status: 'NEW' } }, upsert: true } },
          { replaceOne: { filter: { _id: 'b4' }, replacement: { _id: 'b4', status: 'NEW' }, upsert: true } },
          { deleteOne: { filter: { _id: 'c4' } } },
          { deleteMany: { filter: { agencyId: 'a1' } } },
        ]);
        expect(result).toEqual({ insertedCount: 2, matchedCount: 5, modifiedCount: 2, upsertedCount: 2, deletedCount: 3 });
        expect(await collection.find({}, { sort: { _id: 1 } })).toEqual([
          { _id: 'b1', status: 'OPEN' }, { _id: 'b2', status: 'OPEN' }, { _id: 'b3', status: 'NEW' },
          { _id: 'b4', status: 'NEW' }, complaints[1],
        ]);
      });

      it('bulkWrite stops at the first failing operation', async () => {
        const collection = await seeded(store, 'bulk_failure');
        const attempt = collection.bulkWrite([
          { insertOne: { document: { _id: 'b1' } } },
          { insertOne: { document: { _id: 'c1' } } },
          { insertOne: { document: { _id: 'b2' } } },
        ]);
        await expect(attempt).rejects.toBeInstanceOf(DuplicateKeyError);
        expect(await collection.findOne({ _id: 'b2' })).toBeNull();
      });

      it('write() applies operations to several collections, visible together', async () => {
        const models = unique('write_models');
        const checkpoints = unique('write_checkpoints');
        await store.write([
          { collection: models, operations: [{ updateOne: { filter: { _id: 'c1' }, update: { $set: { status: 'OPEN' } }, upsert: true } }] },
          { collection: checkpoints, operations: [{ replaceOne: { filter: { _id: 'p' }, replacement: { _id: 'p', position: '7' }, upsert: true } }] },
        ]);
        expect(await store.collection(models).findOne({ _id: 'c1' })).toEqual({ _id: 'c1', status: 'OPEN' });
        expect(await store.collection(checkpoints).findOne({ _id: 'p' })).toEqual({ _id: 'p', position: '7' });
      });

      it('write() with a fenced upsert that collides fails with E11000 and writes no checkpoint, nor the models when atomic', async () => {
        const models = unique('fenced_models');
        const checkpoints = unique('fenced_checkpoints');
        await store.collection(checkpoints).insertOne({ _id: 'p', position: '7', leaseToken: 2 });
        const stale = store.write([
          { collection: models, operations: [{ insertOne: { document: { _id: 'c1', status: 'OPEN' } } }] },
          {
            collection: checkpoints,
            operations: [{ updateOne: { filter: { _id: 'p', leaseToken: { $lte: 1 } }, update: { $set: { position: '9', leaseToken: 1 } }, upsert: true } }],
          },
        ]);
        await expect(stale).rejects.toMatchObject({ name: 'DuplicateKeyError', collection: checkpoints });
        expect(await store.collection(checkpoints).findOne({ _id: 'p' })).toEqual({ _id: 'p', position: '7', leaseToken: 2 });
        if (store.atomicWrites) expect(await store.collection(models).countDocuments()).toBe(0);
      });

      it("tells the store's time, whatever this process's clock says", async () => {
        const processTime = Date.now();
        const hour = 3_600_000;
        const clock = jest.spyOn(Date, 'now').mockReturnValue(processTime + 24 * hour);
        try {
          const first = await store.serverTime();
          const second = await store.serverTime();
          expect(Number.isInteger(first)).toBe(true);
          expect(Math.abs(first - processTime)).toBeLessThan(hour);
          expect(second).toBeGreaterThanOrEqual(first);
        } finally {
          clock.mockRestore();
        }
      });

      it('drop() removes the documents and the indexes', async () => {
        const collection = await seeded(store, 'drop', complaints.slice(0, 2));
        await collection.createIndex({ keys: { agencyId: 1 }, name: 'by_agency', unique: true });
        await collection.drop();
        expect(await collection.find({})).toEqual([]);
        expect(await collection.countDocuments()).toBe(0);

        await collection.insertOne({ _id: 'd1', agencyId: 'a1' });
        await collection.insertOne({ _id: 'd2', agencyId: 'a1' });
        expect((await collection.listIndexes()).map((index) => index.name)).not.toContain('by_agency');
      });

      it('answers ping', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });

      it('keeps documents and indexes across close and reopen (when the adapter can reopen)', async () => {
        if (!fixture.reopen) return;
        const name = unique('reopen');
        const kept = store.collection(name);
        await kept.insertOne(structuredClone(complaints[0]));
        await kept.createIndex({ keys: { agencyId: 1 }, name: 'by_agency', unique: true });
        await store.close();

        store = await fixture.reopen();
        const reopened = store.collection(name);
        expect(await reopened.findOne({ _id: 'c1' })).toEqual(complaints[0]);
        expect(await reopened.listIndexes()).toContainEqual(expect.objectContaining({ name: 'by_agency', unique: true }));
        await expect(reopened.insertOne({ _id: 'c9', agencyId: 'a1' })).rejects.toBeInstanceOf(DuplicateKeyError);
      });
    });
  });
}
