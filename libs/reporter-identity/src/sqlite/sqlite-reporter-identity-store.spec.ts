import Database from 'better-sqlite3';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unwrapDataKey } from '../crypto/envelope';
import { MasterKeyError } from '../crypto/master-key';
import { IdentityUnreadableError } from '../reporter-identity.port';
import { SqliteReporterIdentityStore } from './sqlite-reporter-identity-store';

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

  it('saves, survives a reopen, and replaces the identity on a repeat save under the same key', async () => {
    const store = open();
    await store.save('ref-1', { name: 'Siti', email: 'siti@example.id' });
    await store.close();

    const reopened = open();
    expect(await reopened.find('ref-1')).toEqual({ name: 'Siti', email: 'siti@example.id' });
    const keyBefore = query<{ wrapped_key: Buffer }>(keysFile, 'SELECT wrapped_key FROM reporter_keys');
    await reopened.save('ref-1', { name: 'Siti Rahayu' });
    expect(await reopened.find('ref-1')).toEqual({ name: 'Siti Rahayu' });
    expect(await reopened.status('ref-1')).toBe('present');
    expect(query(keysFile, 'SELECT wrapped_key FROM reporter_keys')).toEqual(keyBefore);
    await reopened.close();
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

  it('refuses a ciphertext moved to another reporter, with or without its key', async () => {
    const store = open();
    await store.save('ref-a', { name: 'Agus' });
    await store.save('ref-b', { name: 'Budi' });
    run(identitiesFile, `UPDATE sealed_identities SET (ciphertext, iv, tag) = (SELECT ciphertext, iv, tag FROM sealed_identities WHERE ref = 'ref-a') WHERE ref = 'ref-b'`);
    await expect(store.find('ref-b')).rejects.toThrow(IdentityUnreadableError);
    run(keysFile, `UPDATE reporter_keys SET wrapped_key = (SELECT wrapped_key FROM reporter_keys WHERE ref = 'ref-a') WHERE ref = 'ref-b'`);
    await expect(store.find('ref-b')).rejects.toThrow(IdentityUnreadableError);
    expect(await store.find('ref-a')).toEqual({ name: 'Agus' });
    await store.close();
  });

  it('erases by shredding the key: nothing of the identity or its key stays on disk, a tombstone does', async () => {
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

  it('tells unknown from erased, and stores afresh after an erase', async () => {
    const store = open();
    expect(await store.status('ref-1')).toBe('unknown');
    await store.erase('ref-1');
    expect(await store.status('ref-1')).toBe('unknown');
    expect(await store.find('ref-1')).toBeNull();

    await store.save('ref-1', { name: 'Eka' });
    await store.erase('ref-1');
    await store.save('ref-1', { name: 'Eka Putri' });
    expect(await store.find('ref-1')).toEqual({ name: 'Eka Putri' });
    expect(await store.status('ref-1')).toBe('present');
    await store.close();
  });

  it('counts an identity whose key is gone as erased (an erase cut short between its two files)', async () => {
    const store = open();
    await store.save('ref-1', { name: 'Fajar' });
    run(keysFile, `DELETE FROM reporter_keys WHERE ref = 'ref-1'`);
    expect(await store.status('ref-1')).toBe('erased');
    expect(await store.find('ref-1')).toBeNull();
    await store.close();
  });

  it('refuses to open with a wrong master key, and never returns garbage under one', async () => {
    const store = open();
    await store.save('ref-1', { name: 'Gita' });
    await store.close();
    const wrongKey = randomBytes(32);

    expect(() => open(wrongKey)).toThrow(MasterKeyError);
    expect(() => open(wrongKey)).toThrow(`not the one the reporter keys in ${keysFile} were wrapped with`);

    // Even past the start-up check, each reporter's key refuses to unwrap.
    run(keysFile, 'DELETE FROM master_key_check');
    const wrong = open(wrongKey);
    await expect(wrong.find('ref-1')).rejects.toThrow(IdentityUnreadableError);
    await wrong.close();
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
