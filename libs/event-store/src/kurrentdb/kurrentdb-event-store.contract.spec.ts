import type { StartedTestContainer } from 'testcontainers';
import { dockerEngineAnswers } from '@lacak/testing';
import { eventStoreContract } from '../contract/event-store.contract';
import { KurrentDbEventStore } from './kurrentdb-event-store';

const IMAGE = process.env.KURRENTDB_IMAGE ?? 'kurrentplatform/kurrentdb:25.0';
const PORT = 2113;

async function startKurrentDb(): Promise<StartedTestContainer> {
  const { GenericContainer, Wait } = await import('testcontainers');
  return new GenericContainer(IMAGE)
    .withExposedPorts(PORT)
    .withEnvironment({ KURRENTDB_CLUSTER_SIZE: '1', KURRENTDB_INSECURE: 'true', KURRENTDB_MEM_DB: 'true' })
    .withWaitStrategy(Wait.forHealthCheck())
    .withStartupTimeout(120_000)
    .start();
}

const serverConnectionString = process.env.EVENTSTORE_CONNECTION_STRING;
const runnable = Boolean(serverConnectionString) || dockerEngineAnswers();
if (!runnable) {
  process.stdout.write(
    'KurrentDB contract suite skipped: set EVENTSTORE_CONNECTION_STRING=kurrentdb://localhost:2113?tls=false or start a Docker engine to run it\n',
  );
}

(runnable ? describe : describe.skip)('KurrentDbEventStore on a real server', () => {
  let connectionString = serverConnectionString ?? '';
  let container: StartedTestContainer | undefined;
  beforeAll(async () => {
    if (serverConnectionString) return;
    container = await startKurrentDb();
    connectionString = `kurrentdb://${container.getHost()}:${container.getMappedPort(PORT)}?tls=false`;
  }, 180_000);
  afterAll(() => container?.stop());

  eventStoreContract('KurrentDB', async () => {
    let current = KurrentDbEventStore.connect(connectionString);
    return {
      store: current,
      reopen: async () => (current = KurrentDbEventStore.connect(connectionString)),
      cleanup: () => current.close(),
      eventIdsUniqueAcrossStreams: false,
    };
  });
});
