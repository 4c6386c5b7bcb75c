import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppConfig, loadConfig } from '@lacak/config';
import { testOrganisation } from '@lacak/domain/testing';
import { SqliteEventStore } from '@lacak/event-store';
import { ProjectorLease, UnknownProjectionError, createProjections } from '@lacak/projections';
import { appendHistory, dumpReadModels, foldInMemory, interleave, sampleHistories } from '@lacak/projections/testing';
import { SqliteReadStore } from '@lacak/read-store';
import { EMBEDDED_FILES } from '@lacak/storage';
import { eventually } from '@lacak/testing';
import { createDeadlineContext } from '../deadline-context';
import { ProjectorThreadDownError, WorkerThreadProjector } from './worker-thread-projector';

/** Compiling the sources in a fresh thread takes seconds on a busy machine. */
const WORKER_START_MS = 60_000;
jest.setTimeout(2 * WORKER_START_MS);

/** A data directory with the lib specs' organisation tree, and the configuration on it. */
function dataDirWithTree(): AppConfig {
  const dataDir = mkdtempSync(join(tmpdir(), 'lacak-projector-thread-'));
  const orgTreeFile = join(dataDir, 'organisation.json');
  writeFileSync(orgTreeFile, JSON.stringify(testOrganisation.nodes()));
  return loadConfig({ DATA_DIR: dataDir, ORG_TREE_FILE: orgTreeFile, LOG_LEVEL: 'silent' });
}

const newCompanion = () => ({ start: jest.fn(), stop: jest.fn(async () => undefined) });
const newLog = () => ({ log: jest.fn(), error: jest.fn() });
const NAMES = createProjections(testOrganisation).map((projection) => projection.name);

describe('WorkerThreadProjector', () => {
  let config: AppConfig;
  let eventStore: SqliteEventStore;
  let readStore: SqliteReadStore;
  let projector: WorkerThreadProjector | undefined;
  /** A process that should exit by itself; killed after a test that waited for that in vain. */
  let child: ChildProcess | undefined;

  beforeEach(() => {
    config = dataDirWithTree();
    eventStore = SqliteEventStore.open({ file: join(config.dataDir, EMBEDDED_FILES.events) });
    readStore = SqliteReadStore.open({ file: join(config.dataDir, EMBEDDED_FILES.readModels) });
  });
  afterEach(async () => {
    child?.kill();
    await projector?.stop();
    projector = undefined;
    await eventStore.close();
    await readStore.close();
    rmSync(config.dataDir, { recursive: true, force: true });
  });

  /** The read models every projection folds from the stored events, as the worker builds them. */
  async function expectedReadModels() {
    const events = await eventStore.readAll();
    const projections = createProjections(testOrganisation, createDeadlineContext(config, testOrganisation));
    return Object.fromEntries(projections.map((projection) => [projection.collection, foldInMemory(projection, events)]));
  }

  it('projects in its thread what this thread appends, and starts the companions once it holds the lease', async () => {
    const companion = newCompanion();
    projector = new WorkerThreadProjector({ config, names: NAMES, companions: [companion], log: newLog() });
    projector.start();

    const last = await appendHistory(eventStore, interleave(sampleHistories()));
    await projector.waitFor(last, WORKER_START_MS);

    expect(await dumpReadModels(readStore)).toEqual(await expectedReadModels());
    expect(projector.status().map(({ name, position, running, lastError }) => ({ name, position, running, lastError }))).toEqual(
      NAMES.map((name) => ({ name, position: String(last), running: true, lastError: null })),
    );
    expect(projector.leaseState).toBe('held');
    expect(await projector.projectingProcess()).toBe('this process');
    expect(companion.start).toHaveBeenCalledTimes(1);
    expect(companion.stop).not.toHaveBeenCalled();
  });

  it('rebuilds in its thread, and brings the errors thrown there back by class and message', async () => {
    projector = new WorkerThreadProjector({ config, names: NAMES, log: newLog() });
    projector.start();
    const last = await appendHistory(eventStore, interleave(sampleHistories()));
    await projector.waitFor(last, WORKER_START_MS);
    const before = await dumpReadModels(readStore);

    const unknown = projector.rebuild('nope');
    await expect(unknown).rejects.toBeInstanceOf(UnknownProjectionError);
    await expect(unknown).rejects.toThrow('No projection named nope; known: complaints, audit-trail, agency-stats');

    await projector.rebuild();
    await projector.waitUntilCaughtUp(WORKER_START_MS);
    expect(await dumpReadModels(readStore)).toEqual(before);
  });

  it('on stop, releases the lease, stops the companions and leaves no thread running', async () => {
    const companion = newCompanion();
    projector = new WorkerThreadProjector({ config, names: NAMES, companions: [companion], log: newLog() });
    projector.start();
    await projector.waitUntilCaughtUp(WORKER_START_MS);
    await eventually(() => projector!.leaseState === 'held', { timeoutMs: WORKER_START_MS, description: 'The worker taking the lease' });
    expect(projector.threadId).not.toBeNull();

    await projector.stop();

    expect(projector.threadId).toBeNull();
    expect(projector.leaseState).toBe('standby');
    expect(companion.stop).toHaveBeenCalled();
    // Released, not left to expire: another process takes it over at once.
    expect(await new ProjectorLease(readStore, { holder: 'another process' }).tryAcquire()).toBe(true);
    await expect(projector.waitUntilCaughtUp()).rejects.toBeInstanceOf(ProjectorThreadDownError);
  });

  it('reports a crash of its thread in the log, the status and the waiting calls, and starts the thread again', async () => {
    // A read store that is no SQLite database: the worker cannot open it and dies.
    await readStore.close();
    const readModelsFile = join(config.dataDir, EMBEDDED_FILES.readModels);
    writeFileSync(readModelsFile, 'not a database, but long enough to be read as a header of one'.repeat(20));
    const log = newLog();
    projector = new WorkerThreadProjector({ config, names: NAMES, log, restartDelayMs: 20 });
    projector.start();

    await expect(projector.waitUntilCaughtUp(WORKER_START_MS)).rejects.toThrow(/^The projector thread crashed: StoreConnectionError: Cannot open read store/);
    expect(log.error).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'Projector thread crashed; starting it again', error: expect.stringMatching(/^StoreConnectionError: Cannot open read store/) }),
    );
    expect(projector.status().map((projection) => projection.lastError)).toEqual(
      NAMES.map(() => expect.stringMatching(/^Projector thread crashed: StoreConnectionError/)),
    );

    rmSync(readModelsFile);
    readStore = SqliteReadStore.open({ file: readModelsFile });
    await eventually(() => projector!.leaseState === 'held', { timeoutMs: WORKER_START_MS, description: 'The restarted worker taking the lease' });
    await projector.waitUntilCaughtUp(WORKER_START_MS);
    expect(projector.status().map((projection) => projection.lastError)).toEqual(NAMES.map(() => null));
  });

  it('never keeps the process alive: a process whose main script ends without stopping it exits', async () => {
    const abandoning = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'testing', 'abandoned-projector.ts'), config.dataDir], {
      cwd: join(__dirname, '..', '..', '..', '..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child = abandoning;
    let output = '';
    abandoning.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [code] = await once(abandoning, 'close');
    expect({ code, output }).toEqual({ code: 0, output: 'projecting\n' });
  });
});
