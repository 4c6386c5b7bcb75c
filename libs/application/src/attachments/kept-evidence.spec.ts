import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECKPOINTS_COLLECTION, COMPLAINTS_COLLECTION } from '@lacak/projections';
import { SqliteReadStore } from '@lacak/read-store';
import { KeptEvidence } from './kept-evidence';

const SHARED = 'ab'.repeat(32);
const entry = (erasedAt: string | null) => ({ attachmentId: `a-${erasedAt ?? 'kept'}`, sha256: SHARED, erasedAt });

describe('KeptEvidence', () => {
  let dir: string;
  let readStore: SqliteReadStore;
  let kept: KeptEvidence;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lacak-kept-evidence-'));
    readStore = SqliteReadStore.open({ file: join(dir, 'read-models.db') });
    kept = new KeptEvidence(readStore, { catchUpMs: 0, pollMs: 1 });
    await readStore.collection(CHECKPOINTS_COLLECTION).insertOne({ _id: COMPLAINTS_COLLECTION, position: '10' });
    await readStore.collection(COMPLAINTS_COLLECTION).insertOne({ _id: 'erased-on', attachments: [entry('2026-01-01T00:00:00.000Z')] });
  });
  afterEach(async () => {
    await readStore.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('given the bytes only on erased attachments, they are no longer kept', async () => {
    expect(await kept.isKept(SHARED, 10n)).toBe(false);
  });

  it('given another complaint holding the same bytes as evidence, they are kept', async () => {
    await readStore.collection(COMPLAINTS_COLLECTION).insertOne({ _id: 'evidence-on', attachments: [entry(null)] });
    expect(await kept.isKept(SHARED, 10n)).toBe(true);
  });

  it('given a read model behind the erasure, they are kept: it may not show an attachment yet', async () => {
    expect(await kept.isKept(SHARED, 11n)).toBe(true);
  });
});
