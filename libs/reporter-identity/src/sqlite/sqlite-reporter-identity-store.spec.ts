import Database from 'better-sqlite3';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unwrapDataKey } from '../crypto/envelope';
import { reporterIdentityStoreContract } from '../contract/reporter-identity-store.contract';
import { SqliteReporterIdentityStore } from './sqlite-reporter-identity-store';

reporterIdentityStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'identity-contract-'));
  const identitiesFile = join(dir, 'identities.db');
  const keysFile = join(dir, 'keys.db');
  const db = (file: string) => new Database(file);
  const run = (file: string, sql: string, ...params: unknown[]) => {
    const connection = db(file);
    try {
      connection.prepare(sql).run(...params);
    } finally {
      connection.close();
    }
  };
  return {
    open: async (masterKey) => SqliteReporterIdentityStore.open({ identitiesFile, keysFile, masterKey }),
    storedKey: async (ref) => {
      const connection = db(keysFile);
      try {
        const row = connection.prepare('SELECT wrapped_key FROM reporter_keys WHERE ref = ?').get(ref) as { wrapped_key: Buffer } | undefined;
        return row?.wrapped_key ?? null;
      } finally {
        connection.close();
      }
    },
    deleteKey: async (ref) => run(keysFile, 'DELETE FROM reporter_keys WHERE ref = ?', ref),
    copySealedIdentity: async (from, to) =>
      run(identitiesFile, 'UPDATE sealed_identities SET (ciphertext, iv, tag) = (SELECT ciphertext, iv, tag FROM sealed_identities WHERE ref = ?) WHERE ref = ?', from, to),
    copyKey: async (from, to) => run(keysFile, 'UPDATE reporter_keys SET wrapped_key = (SELECT wrapped_key FROM reporter_keys WHERE ref = ?) WHERE ref = ?', from, to),
    forgetMasterKeyCheck: async () => run(keysFile, 'DELETE FROM master_key_check'),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describe('SqliteReporterIdentityStore', () => {
  let dir: string;
  let identitiesFile: string;
  let keysFile: string;
  const masterKey = randomBytes(32);
  const open = (key = masterKey) => SqliteReporterIdentityStore.open({ identitiesFile, keysFile, masterKey: key });

  /** A second connection, to look at what the store left in its files. */
  function query<T>(file: string, sql: string, ...params: unknown[]): T[] {
    const db = new Database(file);
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  }

  function run(file: string, sql: string, ...params: unknown[]): void {
    const db = new Database(file);
    try {
      db.prepare(sql).run(...params);
    } finally {
      db.close();
    }
  }

  /** Names of the files in the data directory (WAL files included) whose raw bytes contain `needle`. */
  const filesContaining = (needle: Buffer | string): string[] => readdirSync(dir).filter((name) => readFileSync(join(dir, name)).includes(needle));

  const marker = () => `MARKER-${randomUUID()}`;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'identity-'));
    identitiesFile = join(dir, 'identities.db');
    keysFile = join(dir, 'keys.db');
  });

  it('keeps no plaintext in either file', async () => {
    const name = marker();
    const store = open();
    await store.save('ref-1', { name, idNumber: '3201234567890001' });
    expect(filesContaining(name)).toEqual([]);
    expect(filesContaining('3201234567890001')).toEqual([]);
    await store.close();
    expect(filesContaining(name)).toEqual([]);
  });

  it('erases by shredding the key: nothing of the identity or its key stays on disk', async () => {
    const name = marker();
    const store = open();
    await store.save('ref-1', { name });
    await store.save('ref-2', { name: 'Dewi' });
    const [{ wrapped_key: wrapped }] = query<{ wrapped_key: Buffer }>(keysFile, `SELECT wrapped_key FROM reporter_keys WHERE ref = 'ref-1'`);
    const [{ ciphertext }] = query<{ ciphertext: Buffer }>(identitiesFile, `SELECT ciphertext FROM sealed_identities WHERE ref = 'ref-1'`);
    const dataKey = unwrapDataKey(wrapped, masterKey, 'ref-1');
    // The scan does find stored bytes: both are on disk before the erase.
    expect(filesContaining(wrapped).length).toBeGreaterThan(0);
    expect(filesContaining(ciphertext).length).toBeGreaterThan(0);

    await store.erase('ref-1');
    expect(await store.find('ref-1')).toBeNull();
    expect(await store.status('ref-1')).toBe('erased');
    expect(await store.find('ref-2')).toEqual({ name: 'Dewi' });
    for (const needle of [name, dataKey, wrapped, ciphertext]) expect(filesContaining(needle)).toEqual([]);

    await store.erase('ref-1');
    await store.close();
    for (const needle of [name, dataKey, wrapped, ciphertext]) expect(filesContaining(needle)).toEqual([]);
    const reopened = open();
    expect(await reopened.status('ref-1')).toBe('erased');
    await reopened.close();
  });

  it('names the keys file when the master key is not the one its keys were wrapped with', async () => {
    const store = open();
    await store.save('ref-1', { name: 'Gita' });
    await store.close();
    expect(() => open(randomBytes(32))).toThrow(`not the one the reporter keys in ${keysFile} were wrapped with`);
  });

  it('opens a file made before identities could be pending, with its identities confirmed', async () => {
    const store = open();
    await store.save('ref-1', { name: 'Hadi' });
    await store.close();
    run(identitiesFile, 'ALTER TABLE sealed_identities DROP COLUMN pending_complaint_id');
    run(identitiesFile, 'ALTER TABLE sealed_identities DROP COLUMN pending_since');

    const reopened = open();
    expect(await reopened.find('ref-1')).toEqual({ name: 'Hadi' });
    expect(await reopened.pendingBefore('9999-01-01T00:00:00.000Z')).toEqual([]);
    await reopened.savePending('ref-2', { name: 'Intan' }, { complaintId: 'complaint-2', since: '2026-01-05T10:00:00.000Z' });
    expect(await reopened.pendingBefore('9999-01-01T00:00:00.000Z')).toEqual([expect.objectContaining({ reporterRef: 'ref-2' })]);
    await reopened.close();
  });

  it('seals identities an earlier version stored in plain text, leaving none of it behind', async () => {
    const kept = marker();
    const deleted = marker();
    const legacy = new Database(identitiesFile);
    legacy.exec('CREATE TABLE reporter_identities (ref TEXT PRIMARY KEY, identity TEXT NOT NULL)');
    const insert = legacy.prepare('INSERT INTO reporter_identities VALUES (?, ?)');
    insert.run('ref-1', JSON.stringify({ name: kept }));
    // Enough erased rows to free whole pages: the plaintext then sits on the free list.
    for (let i = 2; i <= 100; i++) insert.run(`ref-${i}`, JSON.stringify({ name: deleted, email: 'x'.repeat(200) }));
    legacy.prepare(`DELETE FROM reporter_identities WHERE ref <> 'ref-1'`).run();
    legacy.close();
    expect(filesContaining(deleted)).toEqual(['identities.db']);

    const store = open();
    expect(await store.find('ref-1')).toEqual({ name: kept });
    expect(await store.status('ref-2')).toBe('unknown');
    expect(filesContaining(kept)).toEqual([]);
    expect(filesContaining(deleted)).toEqual([]);
    await store.close();
  });
});
