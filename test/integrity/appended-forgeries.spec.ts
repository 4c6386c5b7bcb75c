import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { SqliteEventStore } from '@lacak/event-store';
import { dockerEngineAnswers } from '@lacak/testing';
import { appendedForgeries } from './appended-forgeries';

appendedForgeries('the embedded store', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lacak-forgeries-'));
  const store = SqliteEventStore.open({ file: join(dir, 'events.db') });
  return {
    store,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

const serverConnectionString = process.env.EVENTSTORE_CONNECTION_STRING;
const runnable = Boolean(serverConnectionString) || dockerEngineAnswers();
if (!runnable) {
  process.stdout.write('KurrentDB forgery suite skipped: set EVENTSTORE_CONNECTION_STRING=kurrentdb://localhost:2113?tls=false or start a Docker engine to run it\n');
}
(runnable ? describe : describe.skip)('on a real KurrentDB server', () => {
  appendedForgeries('KurrentDB', async () => {
    const { KurrentDbEventStore } = await import('@lacak/event-store/kurrentdb');
    let container: { stop(): Promise<unknown> } | undefined;
    let connectionString = serverConnectionString;
    if (!connectionString) {
      const { GenericContainer, Wait } = await import('testcontainers');
      const started = await new GenericContainer(process.env.KURRENTDB_IMAGE ?? 'kurrentplatform/kurrentdb:25.0')
        .withExposedPorts(2113)
        .withEnvironment({ KURRENTDB_CLUSTER_SIZE: '1', KURRENTDB_INSECURE: 'true', KURRENTDB_MEM_DB: 'true' })
        .withWaitStrategy(Wait.forHealthCheck())
        .withStartupTimeout(120_000)
        .start();
      container = started;
      connectionString = `kurrentdb://${started.getHost()}:${started.getMappedPort(2113)}?tls=false`;
    }
    const store = KurrentDbEventStore.connect(connectionString);
    return {
      store,
      close: async () => {
        await store.close();
        await container?.stop();
      },
    };
  });
});
