import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@lacak/config';
import { SqliteEventStore } from '@lacak/event-store';
import { ProjectorLease } from '@lacak/projections';
import { appendAtOnce, appendHistory, asComplaint, caughtUp, dumpReadModels, expectedReadModels, interleave, newProjector, sampleHistories } from '@lacak/projections/testing';
import { SqliteReadStore } from '@lacak/read-store';
import { MASTER_KEY_FILE, resolveMasterKey } from '@lacak/reporter-identity';
import { EMBEDDED_FILES } from '@lacak/storage';
import { BackupRefusedError, MANIFEST_FILE, backupDataDir, restoreDataDir } from './data-backup';

describe('npm run backup and npm run restore', () => {
  const root = mkdtempSync(join(tmpdir(), 'lacak-backup-'));
  const dataDir = join(root, 'data');
  const backupDir = join(root, 'backup');
  mkdirSync(dataDir);
  const config = loadConfig({ DATA_DIR: dataDir });
  const open = (dir: string) => ({
    eventStore: SqliteEventStore.open({ file: join(dir, EMBEDDED_FILES.events), pollIntervalMs: 10 }),
    readStore: SqliteReadStore.open({ file: join(dir, EMBEDDED_FILES.readModels) }),
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('copies a writing engine consistently, and a restore holds every acknowledged event and read models that rebuild equal', async () => {
    resolveMasterKey({ configured: undefined, dataDir });
    const engine = open(dataDir);
    const projector = newProjector(engine.eventStore, engine.readStore);
    projector.start();
    await appendHistory(engine.eventStore, interleave(sampleHistories()));
    await caughtUp(projector, engine.eventStore);

    // Acknowledged before the backup starts: all of these must be in it.
    const acknowledged = (await engine.eventStore.readAll()).map((e) => e.id);
    let writing = true;
    let round = 0;
    const load = (async () => {
      for (; writing; round++) await appendAtOnce(engine.eventStore, sampleHistories().flatMap((h, i) => asComplaint(`load-${round}-${i}`, h)));
    })();
    const manifest = await backupDataDir(config, backupDir);
    writing = false;
    await load;
    await projector.stop();
    const original = (await engine.eventStore.readAll()).map((e) => e.id);
    await engine.eventStore.close();
    await engine.readStore.close();

    expect(manifest.files.map((f) => f.name)).toEqual([EMBEDDED_FILES.readModels, EMBEDDED_FILES.events, MASTER_KEY_FILE]);
    expect(manifest.notes).toEqual([]);
    // Self-contained: the listed files and the manifest, no journal left beside a copy.
    expect(readdirSync(backupDir).sort()).toEqual([...manifest.files.map((f) => f.name), MANIFEST_FILE].sort());

    const restoredDir = join(root, 'restored');
    await restoreDataDir(loadConfig({ DATA_DIR: restoredDir }), backupDir);
    expect(readFileSync(join(restoredDir, MASTER_KEY_FILE))).toEqual(readFileSync(join(dataDir, MASTER_KEY_FILE)));
    const restored = open(restoredDir);
    const restoredEvents = await restored.eventStore.readAll();
    const restoredIds = restoredEvents.map((e) => e.id);
    expect(acknowledged.filter((id) => !restoredIds.includes(id))).toEqual([]);
    // One instant of the log: a prefix of what the engine went on to write, without gaps.
    expect(restoredIds).toEqual(original.slice(0, restoredIds.length));
    expect(String(restoredEvents.at(-1)?.position)).toBe(manifest.lastEventPosition);

    // The backed-up read models, caught up on the restored events, equal a rebuild from those events.
    const resumed = newProjector(restored.eventStore, restored.readStore);
    resumed.start();
    await caughtUp(resumed, restored.eventStore);
    await resumed.stop();
    expect(await dumpReadModels(restored.readStore)).toEqual(await expectedReadModels(restored.eventStore));
    await restored.eventStore.close();
    await restored.readStore.close();
  });

  it('refuses a backup whose files do not match the manifest, and touches nothing', async () => {
    const damagedDir = join(root, 'damaged');
    await backupDataDir(config, damagedDir);
    const events = join(damagedDir, EMBEDDED_FILES.events);
    const bytes = readFileSync(events);
    bytes[bytes.length - 1] ^= 0xff;
    writeFileSync(events, bytes);
    const target = join(root, 'untouched');
    const attempt = restoreDataDir(loadConfig({ DATA_DIR: target }), damagedDir);
    await expect(attempt).rejects.toThrow(new BackupRefusedError(`The backup in ${damagedDir} is damaged: ${EMBEDDED_FILES.events} missing or not matching the manifest's size and SHA-256`));
    expect(existsSync(target)).toBe(false);
  });

  it("refuses to restore over a running engine's data, naming the lease holder", async () => {
    const readStore = SqliteReadStore.open({ file: join(dataDir, EMBEDDED_FILES.readModels) });
    const lease = new ProjectorLease(readStore, { holder: 'api-host:42' });
    await lease.tryAcquire();
    const attempt = restoreDataDir(config, backupDir);
    await expect(attempt).rejects.toThrow(/^An engine is running on .*: projector api-host:42 holds its lease until .*Stop the API and the projector first/);
    await lease.release();
    await readStore.close();
    // Without the lease the restore goes ahead, setting the replaced files aside.
    const { setAside } = await restoreDataDir(config, backupDir);
    expect(readFileSync(join(setAside!, MASTER_KEY_FILE))).toEqual(readFileSync(join(dataDir, MASTER_KEY_FILE)));
  });

  it('backs up only into a new or empty directory', async () => {
    await expect(backupDataDir(config, backupDir)).rejects.toThrow(`${backupDir} is not empty`);
    expect(JSON.parse(readFileSync(join(backupDir, MANIFEST_FILE), 'utf8')).format).toBe(1);
  });
});
