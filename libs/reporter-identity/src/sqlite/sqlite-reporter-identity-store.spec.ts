import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteReporterIdentityStore } from './sqlite-reporter-identity-store';

describe('SqliteReporterIdentityStore', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'identity-')), 'identity.db');

  it('saves, survives a reopen, and erases', async () => {
    const store = SqliteReporterIdentityStore.open({ file });
    await store.save('ref-1', { name: 'Siti', email: 'siti@example.id' });
    await store.close();

    const reopened = SqliteReporterIdentityStore.open({ file });
    expect(await reopened.find('ref-1')).toEqual({ name: 'Siti', email: 'siti@example.id' });
    await reopened.erase('ref-1');
    expect(await reopened.find('ref-1')).toBeNull();
    await reopened.close();
  });
});
