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
