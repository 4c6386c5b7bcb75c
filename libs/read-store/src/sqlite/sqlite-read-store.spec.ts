import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readStoreContract } from '../contract/read-store.contract';
import { DuplicateKeyError } from '../errors';
import { SqliteReadStore } from './sqlite-read-store';

async function tempFile(): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'lacak-read-store-'));
  return { dir, file: join(dir, 'read-models.sqlite') };
}

readStoreContract('sqlite', async () => {
  const { dir, file } = await tempFile();
  let current = SqliteReadStore.open({ file });
  return {
    store: current,
    reopen: async () => (current = SqliteReadStore.open({ file })),
    cleanup: async () => {
      await current.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteReadStore', () => {
  let dir: string;
  let file: string;
  let store: SqliteReadStore;

  beforeEach(async () => {
    ({ dir, file } = await tempFile());
    store = SqliteReadStore.open({ file });
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('fetches candidates by primary key, through the leading field of an index (equality or range), or by scanning', async () => {
    const complaints = store.collection('complaints');
    await complaints.insertOne({ _id: 'c1', agencyId: 'a1', status: 'OPEN', priority: 2 });
    await complaints.createIndex({ keys: { agencyId: 1, status: 1 } });
    const plan = (filter: Record<string, unknown>) => complaints.explain(filter).join('\n');

    expect(plan({ _id: { $in: ['c1', 'c2'] }, status: 'OPEN' })).toMatch(/SEARCH c_complaints USING INDEX sqlite_autoindex/);
    expect(plan({ agencyId: 'a1', priority: { $gt: 1 } })).toMatch(/SEARCH c_complaints USING INDEX c_complaints\.agencyId_1_status_1/);
    expect(plan({ agencyId: { $in: ['a1', 'a2'] } })).toMatch(/USING INDEX c_complaints\.agencyId_1_status_1/);
    // No index leads with status, so nothing tells whether it holds arrays: json_each checks each row.
    expect(plan({ status: 'OPEN' })).toMatch(/^SCAN c_complaints\n/);
    expect(plan({ agencyId: { $gt: 'a' } })).toMatch(/SEARCH c_complaints USING INDEX c_complaints\.agencyId_1_status_1 \(<expr>>\? AND <expr><\?\)/);
    expect(plan({ agencyId: { $gt: 'a' }, priority: { $exists: false } })).toMatch(/USING INDEX c_complaints\.agencyId_1_status_1/);
    expect(plan({ priority: { $size: 1 } })).toBe('SCAN c_complaints');
  });

  it('counts a subtree by status from indexes alone and finds its pages through the multikey side table', async () => {
    const complaints = store.collection('complaints');
    await complaints.insertOne({ _id: 'old', agencyPath: ['national', 'id-32'], status: 'OPEN', submittedAt: '2024-01-01' });
    await complaints.createIndex({ keys: { agencyPath: 1, status: 1, submittedAt: 1, _id: 1 } });
    await complaints.createIndex({ keys: { status: 1, submittedAt: 1, _id: 1 } });
    for (let i = 0; i < 30; i++) {
      const path = ['national', i % 3 ? 'id-32' : 'id-35', `id-3${i % 3 ? 2 : 5}.0${i % 2}`];
      await complaints.insertOne({ _id: `c${i}`, agencyPath: path, status: i % 4 ? 'OPEN' : 'CLOSED', submittedAt: `2024-02-${10 + i}` });
    }
    await complaints.updateOne({ _id: 'c1' }, { $set: { agencyPath: ['national', 'id-35'] } });
    const count = (filter: Record<string, unknown>) => complaints.explain(filter, { count: true }).join('\n');

    const byStatus = { agencyPath: 'id-32', status: 'OPEN' };
    expect(count(byStatus)).toMatch(/SEARCH c_complaints\.agencyPath_1_status_1_submittedAt_1__id_1\.multikey USING PRIMARY KEY \(k0=\? AND k1=\?\)/);
    expect(count(byStatus)).toMatch(/SEARCH c_complaints USING COVERING INDEX c_complaints\.agencyPath_1_status_1_submittedAt_1__id_1 /);
    expect(count(byStatus)).not.toMatch(/SCAN c_|json_each/);
    expect(await complaints.countDocuments(byStatus)).toBe(15);
    expect(await complaints.countDocuments({ agencyPath: { $in: ['id-32', 'id-35'] }, status: 'CLOSED' })).toBe(8);
    // A subtree within a subtree, and a flag no index holds: the side table gives the candidates.
    const page = { agencyPath: { $all: ['id-32', 'id-32.01'] }, flagged: { $ne: true } };
    expect(complaints.explain(page, { sort: { submittedAt: 1, _id: 1 }, limit: 5 }).join('\n')).toMatch(/multikey USING PRIMARY KEY \(k0=\?\)/);
    expect((await complaints.find(page, { sort: { submittedAt: 1, _id: 1 }, limit: 3 })).map((doc) => doc._id)).toEqual(['c5', 'c7', 'c11']);
    // A range on the table's next key bounds the walk: rows before it, or after it, are never read.
    const open = { agencyPath: 'id-32', status: { $gt: 'N' } };
    const sort = { status: 1, submittedAt: 1, _id: 1 } as const;
    expect(complaints.explain(open, { sort, limit: 5 }).join('\n')).toMatch(/SEARCH s USING PRIMARY KEY \(k0=\? AND k1>\? AND k1<\?\)/);
    expect((await complaints.find(open, { sort, limit: 3 })).map((doc) => doc._id)).toEqual(['old', 'c2', 'c5']);
  });

  it('leaves nothing written when a write() batch fails in its second collection', async () => {
    await store.collection('checkpoints').insertOne({ _id: 'projector', position: '1' });
    const batch = store.write([
      { collection: 'models', operations: [{ insertOne: { document: { _id: 'm1' } } }] },
      {
        collection: 'checkpoints',
        operations: [
          { updateOne: { filter: { _id: 'projector' }, update: { $set: { position: '2' } } } },
          { insertOne: { document: { _id: 'projector' } } },
        ],
      },
    ]);

    await expect(batch).rejects.toBeInstanceOf(DuplicateKeyError);
    expect(await store.collection('models').find({})).toEqual([]);
    expect(await store.collection('checkpoints').findOne({ _id: 'projector' })).toEqual({ _id: 'projector', position: '1' });
    await store.collection('models').insertOne({ _id: 'm1' });
    expect(await store.collection('models').countDocuments()).toBe(1);
  });

  it('rolls back a whole bulkWrite when one operation fails', async () => {
    const models = store.collection('models');
    await models.insertOne({ _id: 'm1' });
    const bulk = models.bulkWrite([{ insertOne: { document: { _id: 'm2' } } }, { insertOne: { document: { _id: 'm1' } } }]);

    await expect(bulk).rejects.toBeInstanceOf(DuplicateKeyError);
    expect(await models.countDocuments()).toBe(1);
  });

  it('sees collections and indexes another connection created after this one looked', async () => {
    const reader = store.collection('shared');
    expect(await reader.find({})).toEqual([]);

    const writer = SqliteReadStore.open({ file });
    await writer.collection('shared').insertOne({ _id: 's1', agencyId: 'a1' });
    await writer.collection('shared').createIndex({ keys: { agencyId: 1 } });
    await writer.close();

    expect(await reader.find({ agencyId: 'a1' })).toEqual([{ _id: 's1', agencyId: 'a1' }]);
    expect(reader.explain({ agencyId: 'a1' }).join('\n')).toMatch(/USING INDEX c_shared\.agencyId_1/);
  });

  it('stores documents as JSON, so a Date comes back as its ISO string', async () => {
    const models = store.collection('models');
    await models.insertOne({ _id: 'm1', at: new Date('2024-05-01T08:30:00.000Z') });
    expect(await models.findOne({ _id: 'm1' })).toEqual({ _id: 'm1', at: '2024-05-01T08:30:00.000Z' });
  });
});
