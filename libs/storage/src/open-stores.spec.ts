import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@lacak/config';
import { SqliteEventStore } from '@lacak/event-store';
import { SqliteReadStore } from '@lacak/read-store';
import { StoreConnectionError, closeStores, openStores, redact } from './open-stores';

describe('openStores', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lacak-stores-'));
  const keys = { IDENTITY_MASTER_KEY: 'ab'.repeat(32), TRACKING_SECRET_KEY: 'cd'.repeat(32) };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('opens the embedded default when no server is configured', async () => {
    const stores = await openStores(loadConfig({ DATA_DIR: dataDir }));
    expect(stores.eventStore).toBeInstanceOf(SqliteEventStore);
    expect(stores.readStore).toBeInstanceOf(SqliteReadStore);
    await closeStores(stores);
  });

  it('names every unreachable server and the real cause, without credentials', async () => {
    const config = loadConfig({
      DATA_DIR: dataDir,
      EVENTSTORE_CONNECTION_STRING: 'kurrentdb://admin:changeit@127.0.0.1:1?tls=false',
      MONGODB_URI: 'mongodb://lacak:hunter2@127.0.0.1:1/lacak?replicaSet=rs0',
      ...keys,
      // Long enough for the driver's first connection attempt even while jest compiles the KurrentDB client.
      STORE_CONNECT_TIMEOUT_MS: '3000',
    });
    const error = await openStores(config).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreConnectionError);
    const { problems, message } = error as StoreConnectionError;
    expect(problems).toHaveLength(2);
    // Nothing listens on port 1: both are refused, and neither claims to have waited for an answer.
    expect(problems[0]).toMatch(/^EVENTSTORE_CONNECTION_STRING kurrentdb:\/\/\*\*\*@127\.0\.0\.1:1\?tls=false: connection refused: .*; failed after \d+ ms$/);
    expect(problems[1]).toMatch(/^MONGODB_URI mongodb:\/\/\*\*\*@127\.0\.0\.1:1\/lacak\?replicaSet=rs0: connection refused: .*; gave up after \d+ ms$/);
    expect(message.split('\n')).toEqual(problems.map((problem) => `Cannot open ${problem}`));
    expect(message).not.toMatch(/changeit|hunter2|timed out|within/);
  });

  it('keeps the embedded event store when only MongoDB is configured, and closes it when MongoDB fails', async () => {
    const config = loadConfig({ DATA_DIR: dataDir, MONGODB_URI: 'mongodb://127.0.0.1:1/lacak', STORE_CONNECT_TIMEOUT_MS: '300', ...keys });
    const error = (await openStores(config).catch((e: unknown) => e)) as StoreConnectionError;
    expect(error.problems).toEqual([expect.stringMatching(/^MONGODB_URI /)]);
    // The embedded file was closed again: a fresh open succeeds and can write.
    const reopened = await openStores(loadConfig({ DATA_DIR: dataDir }));
    await expect(reopened.eventStore.ping()).resolves.toBeUndefined();
    await closeStores(reopened);
  });

  it('redacts user and password from a URL', () => {
    expect(redact('mongodb://u:p@h:1/db')).toBe('mongodb://***@h:1/db');
    expect(redact('kurrentdb://h:2113?tls=false')).toBe('kurrentdb://h:2113?tls=false');
  });
});
