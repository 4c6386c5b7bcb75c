import { spawnSync } from 'node:child_process';
import type { StartedTestContainer } from 'testcontainers';
import { eventStoreContract } from '../contract/event-store.contract';
import { KurrentDbEventStore } from './kurrentdb-event-store';

const IMAGE = process.env.KURRENTDB_IMAGE ?? 'kurrentplatform/kurrentdb:25.0';
const PORT = 2113;

/**
 * Testcontainers' own runtime detection, in a child process: jest collects a suite synchronously,
 * and this has to decide between running and skipping it. Fails within a second without Docker.
 */
function dockerAnswers(): boolean {
  const testcontainers = JSON.stringify(require.resolve('testcontainers'));
  const probe = `require(${testcontainers}).getContainerRuntimeClient().then(() => process.exit(0), () => process.exit(1))`;
  return spawnSync(process.execPath, ['-e', probe], { stdio: 'ignore', timeout: 3_000 }).status === 0;
}

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
const runnable = Boolean(serverConnectionString) || dockerAnswers();
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
